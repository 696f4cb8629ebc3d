import type { Knex } from 'knex';

/** Replaces the approved business categories (经营类别), canonical order G P J T. */
export async function approveCategories(
  db: Knex,
  enterpriseId: string,
  categories: readonly string[],
): Promise<void> {
  const count = await db('enterprises')
    .where({ id: enterpriseId })
    .update({ categories: [...categories], category_registration: 'approved' });
  if (count === 0) throw new Error(`Enterprise ${enterpriseId} does not exist`);
}
