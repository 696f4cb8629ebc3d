type Row = Record<string, unknown>;

export interface Statement {
  sql: string;
  bindings: unknown[];
}

/**
 * A multi-row `insert` (optionally an upsert) with `?` placeholders, as knex's builder writes
 * it — columns are the sorted union of the rows' keys and a row lacking one gets DEFAULT — but
 * without building a query object per table on every command of the hot path.
 */
export function insertRows(
  table: string,
  rows: Row[],
  conflict?: { target: string[]; merge: string[] },
): Statement {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) names.add(k);
  const columns = [...names].sort();
  const bindings: unknown[] = [];
  const tuples = rows.map((r) => {
    const cells = columns.map((c) => {
      const v = r[c];
      if (v === undefined) return 'DEFAULT';
      bindings.push(v);
      return '?';
    });
    return `(${cells.join(', ')})`;
  });
  let sql = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`;
  if (conflict)
    sql += ` on conflict (${conflict.target.map((c) => `"${c}"`).join(', ')}) do update set ${conflict.merge
      .map((c) => `"${c}" = excluded."${c}"`)
      .join(', ')}`;
  return { sql, bindings };
}
