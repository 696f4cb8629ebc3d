/**
 * The failed rows of an import, handed back as a CSV the training body can fix and upload
 * again: the file's own header and cells (found by the line number the API answers per row),
 * plus a last column with the reason in Chinese.
 */
import { parseCsv, toCsv } from '../../domain/csv';

export interface RowError {
  field: string;
  code: string;
  message: string;
}

export interface RowResult {
  row: number;
  ok: boolean;
  errors?: RowError[];
}

export const REASON_COLUMN = '错误原因';

/** Every error of a row as one Chinese sentence. */
export const reasonOf = (r: RowResult): string => (r.errors ?? []).map((e) => e.message).join('；');

/** The CSV of the rows that failed, or null when none did. */
export function failedRowsCsv(fileText: string, results: readonly RowResult[]): string | null {
  const failed = results.filter((r) => !r.ok);
  if (!failed.length) return null;
  const { header, records } = parseCsv(fileText);
  const byLine = new Map(records.map((r) => [r.line, r]));
  const rows = failed.map((f) => {
    const record = byLine.get(f.row);
    return [...header.map((h) => record?.values[h] ?? ''), reasonOf(f)];
  });
  return toCsv([[...header, REASON_COLUMN], ...rows]);
}

/**
 * A file to send: a failed-rows file comes back with its reason column, which the API does not
 * know; dropping it lets the corrected file be uploaded as it is. Other files are sent unchanged.
 */
export function withoutReasonColumn(fileText: string): string {
  const { header, records } = parseCsv(fileText);
  if (!header.includes(REASON_COLUMN)) return fileText;
  const kept = header.filter((h) => h !== REASON_COLUMN);
  return toCsv([kept, ...records.map((r) => kept.map((h) => r.values[h]))]);
}
