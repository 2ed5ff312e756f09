// RFC 4180 CSV that is also safe to open in a spreadsheet. Pure.
//
// Formula injection: Excel, LibreOffice and Google Sheets evaluate a cell starting with = + - @ (and tab or
// carriage return, which they strip first) as a formula, so a column description like `=HYPERLINK(...)`
// could run in the reader's spreadsheet. Such cells get a leading `'`, which spreadsheets show as text.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export type CsvCell = string | number | boolean | null | undefined;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header plus rows, CRLF line ends as RFC 4180 asks (and Excel expects). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
