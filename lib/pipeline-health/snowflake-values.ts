// Values as snowflake-sdk hands them back: TIMESTAMP columns as Date objects (SfTimestamp), SHOW output as
// text ("2026-12-15 15:18:30.502 +0000", "false"). Pure.

/** A Date from a Date, an epoch number or SHOW's "YYYY-MM-DD HH:MM:SS.fff +ZZZZ" text; null otherwise. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : new Date(value.getTime());
  if (typeof value === "number") return new Date(value);
  if (typeof value === "string") {
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
    const iso = m
      ? `${m[1]}T${m[2]}${m[3] ? (m[3] === "Z" ? "Z" : m[3].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")) : "Z"}`
      : value;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

export function toBool(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

export function toText(value: unknown, max = 4000): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text === "" ? null : text.slice(0, max);
}
