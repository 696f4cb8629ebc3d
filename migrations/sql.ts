import type { Knex } from 'knex';

/**
 * Runs a block of DDL as one simple query (several statements allowed). knex.raw treats every
 * `?` as a binding placeholder even without bindings, so a stray `?` (the jsonb operator, a regex
 * quantifier) would silently turn into `$1`; refuse it instead — write `{0,1}` or jsonb_exists().
 */
export async function runSql(knex: Knex, sql: string): Promise<void> {
  if (sql.includes('?'))
    throw new Error('migration SQL must not contain "?" (knex binding marker)');
  await knex.raw(sql);
}
