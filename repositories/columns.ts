/** `{ alias: column }` as knex `column as alias` strings, for `returning()` (no object form). */
export function aliased(columns: Record<string, string>): string[] {
  return Object.entries(columns).map(([alias, column]) => `${column} as ${alias}`);
}
