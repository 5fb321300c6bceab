/** A spreadsheet's cell: what a GraphQL leaf can be. Lists (blockedBy, supportedBy) are joined with "; ". */
export type Cell = string | number | boolean | null | undefined | readonly unknown[];

// Excel and LibreOffice run a cell that starts with one of these as a formula: a title typed as
// "=HYPERLINK(...)" must reach the spreadsheet as text, so it is prefixed with an apostrophe (OWASP's advice).
const FORMULA_START = /^[=+\-@\t\r]/;

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (Array.isArray(cell)) return cell.map((item) => text(item as Cell)).join('; ');
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  const value = String(cell);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(cell: Cell): string {
  const value = text(cell);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The whole file: a byte-order mark (so that Excel reads UTF-8), a header row, CRLF after every record. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return `\uFEFF${[header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('')}`;
}
