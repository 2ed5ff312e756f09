// INFORMATION_SCHEMA.COLUMNS reports the base type (TEXT, NUMBER, TIMESTAMP_LTZ …) with its length,
// precision and scale in separate columns; people read the type as written in DDL, so it is put back
// together here. Pure.

export type InfoSchemaType = {
  dataType: string;
  characterMaximumLength: number | null;
  numericPrecision: number | null;
  numericScale: number | null;
  datetimePrecision: number | null;
};

const DEFAULT_FRACTIONAL_SECONDS = 9; // Snowflake's default for TIME and TIMESTAMP_* when none is declared

export function snowflakeDisplayType(t: InfoSchemaType): string {
  const base = t.dataType.trim().toUpperCase();
  switch (base) {
    case "TEXT":
    case "VARCHAR":
      return t.characterMaximumLength === null ? "VARCHAR" : `VARCHAR(${t.characterMaximumLength})`;
    case "NUMBER":
    case "DECIMAL":
    case "NUMERIC":
      return t.numericPrecision === null ? "NUMBER" : `NUMBER(${t.numericPrecision},${t.numericScale ?? 0})`;
    case "BINARY":
      return t.characterMaximumLength === null ? "BINARY" : `BINARY(${t.characterMaximumLength})`;
    case "TIME":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_NTZ":
    case "TIMESTAMP_TZ":
      // Snowflake documents DATETIME_PRECISION as "not applicable" and may leave it empty; the scale is the
      // next best source, and 9 is what an undeclared precision means.
      return `${base}(${t.datetimePrecision ?? t.numericScale ?? DEFAULT_FRACTIONAL_SECONDS})`;
    default:
      return base;
  }
}

/** Snowflake's NUMBER cells arrive as number, string or bigint depending on driver settings. */
export function toNumberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "bigint" ? Number(value) : Number(value);
  return Number.isFinite(n) ? n : null;
}
