import type { Knex } from 'knex';

/** The embedded engine's Basic password when ENGINE_PASSWORD is unset (README, "The engine"). */
export const ENGINE_PASSWORD_SECRET = 'engine-password';

/**
 * The secret stored under `name`, created with `generate()` on first use. Concurrent first uses
 * by several processes agree: the first insert wins and everyone reads it back.
 */
export async function getOrCreateSecret(
  db: Knex,
  name: string,
  generate: () => string,
): Promise<string> {
  await db('app_secrets').insert({ name, value: generate() }).onConflict('name').ignore();
  const row = await db('app_secrets').where({ name }).first('value');
  return row.value;
}
