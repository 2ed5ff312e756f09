// CSV for the audit export (RFC 4180), safe to open in a spreadsheet. Every cell is quoted, and a cell that a
// spreadsheet would read as a formula (=, +, -, @, tab, carriage return at the start, also after leading
// spaces) gets a leading apostrophe, so a brand name like `=HYPERLINK(...)` stays text (OWASP CSV injection).

const formulaStart = /^[\s]*[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
