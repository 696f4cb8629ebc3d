/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, CRLF or LF) for batch imports: the
 * header row names the columns, each later non-empty line is a record with its line number.
 * Pure, so the API reads an import with it and the training body's page finds the same rows
 * (by line) to hand back the failed ones; `toCsv` writes such a file.
 */
export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

function splitRows(text: string): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  endRow();
  return rows;
}

/** The records of a CSV text with a header row; a leading BOM (Excel) is ignored. */
export function parseCsv(text: string): { header: string[]; records: CsvRecord[] } {
  const [head, ...rest] = splitRows(text.replace(/^\uFEFF/, ''));
  const header = (head?.cells ?? []).map((h) => h.trim());
  const records = rest.map((r) => ({
    line: r.line,
    values: Object.fromEntries(header.map((h, i) => [h, (r.cells[i] ?? '').trim()])),
  }));
  return { header, records };
}

const needsQuotes = /[",\r\n]|^\s|\s$/;

/** A CSV text of these rows (CRLF, cells quoted when they must be), with a BOM for Excel. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => (needsQuotes.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
