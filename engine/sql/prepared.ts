import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { QueryResult } from 'pg';

/** A statement text becomes a prepared statement once it has run this often… */
const REPEATS = 3;
/** …and while fewer than this many are named: each costs memory in every pooled backend. */
const MAX_NAMED = 64;

const seen = new Map<string, number>();
const names = new Map<string, string>();

interface PgConnection {
  query(config: { text: string; values: readonly unknown[]; name?: string }): Promise<QueryResult>;
}

/**
 * Runs one of the engine's hot statements (a command's write, job activation) with `$n`
 * placeholders, straight on a connection of the knex pool (or the transaction's connection):
 * knex's query builder and runner were a sixth of the engine's CPU on the hot path, for
 * statements that need none of it.
 *
 * Once a text repeats it runs as a named prepared statement: parsing and planning were about 40%
 * of PostgreSQL's CPU on the hot path; prepared, each connection parses a text once and after a
 * few runs reuses a generic plan. The texts are statement shapes (row counts, tables), so a
 * process sees few of them; rare shapes stay unnamed.
 */
export async function runStatement(
  runner: Knex | Knex.Transaction,
  text: string,
  values: readonly unknown[],
): Promise<QueryResult> {
  // The transaction client hands out the transaction's connection and releases nothing.
  const client = runner.client as {
    acquireConnection(): Promise<PgConnection>;
    releaseConnection(c: PgConnection): Promise<void>;
  };
  const connection = await client.acquireConnection();
  try {
    const name = nameOf(text);
    return await connection.query(name ? { name, text, values } : { text, values });
  } finally {
    await client.releaseConnection(connection);
  }
}

/** Turns knex's `?` placeholders into `$1, $2, …` (the engine's SQL has no literal `?`). */
export function positional(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function nameOf(sql: string): string | undefined {
  const named = names.get(sql);
  if (named || names.size >= MAX_NAMED) return named;
  const count = (seen.get(sql) ?? 0) + 1;
  if (count < REPEATS) {
    // Rare shapes must not grow the tally without end.
    if (seen.size >= 10_000) seen.clear();
    seen.set(sql, count);
    return undefined;
  }
  seen.delete(sql);
  const name = `engine_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
  names.set(sql, name);
  return name;
}
