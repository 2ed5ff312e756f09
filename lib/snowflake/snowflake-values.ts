// The one reader of values as snowflake-sdk hands them back, for every module that reads Snowflake's answers:
// TIMESTAMP columns come as Date objects (SfTimestamp, whose toJSON prints the session's format), SHOW output
// as text ("2026-12-15 15:18:30.502 +0000", "false"). Pure.

const SHOW_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** A Date from a Date, an epoch number or SHOW's "YYYY-MM-DD HH:MM:SS.fff +ZZZZ" text; null otherwise. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : new Date(value.getTime());
  if (typeof value === "number") return new Date(value);
  if (typeof value === "string") {
    const m = SHOW_TIMESTAMP.exec(value.trim());
    const iso = m
      ? `${m[1]}T${m[2]}${m[3] ? (m[3] === "Z" ? "Z" : m[3].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")) : "Z"}`
      : value;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** The ISO text of a Snowflake timestamp (never the SDK's session-format toJSON); null when it is none. */
export function toIsoTimestamp(value: unknown): string | null {
  return toDate(value)?.toISOString() ?? null;
}

/** A column of a row as the SDK names it, in any case: SHOW output's lower-case names, a SELECT's upper-case ones. */
export function cell(row: Record<string, unknown>, column: string): unknown {
  if (column in row) return row[column];
  const wanted = column.toLowerCase();
  const key = Object.keys(row).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : row[key];
}

/** An object name as SHOW prints it, for comparing: no quotes, no padding, upper case ("floe_x" → FLOE_X). */
export function objectName(value: unknown): string {
  return (value === null || value === undefined ? "" : String(value)).replace(/"/g, "").trim().toUpperCase();
}

export function toBool(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

export function toText(value: unknown, max = 4000): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text === "" ? null : text.slice(0, max);
}
