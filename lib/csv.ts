// The one CSV writer: RFC 4180, and safe to open in a spreadsheet. Every export (the audit log, the data
// dictionary) writes through it, so there is one formula rule to get right. Pure.
//
// Formula injection (OWASP "CSV injection"): Excel, LibreOffice and Google Sheets run a cell as a formula
// when its first character is = + - @, and they skip leading blanks, tabs and carriage returns before
// looking. So any cell that starts with = + - @ tab or CR after optional whitespace gets a leading `'`,
// which spreadsheets show as text. `a=1` or an email address stays as it is.

const FORMULA_START = /^\s*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Dates become ISO 8601, objects JSON (their text is checked like any other). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function csvCell(value: unknown): string {
  let text = cellText(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row with its CRLF line end (RFC 4180; Excel expects it), for streamed exports. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** Header plus rows, for exports built in memory. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map(csvRow).join("");
}
