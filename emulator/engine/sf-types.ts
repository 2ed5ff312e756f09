// Snowflake column types: parsing, their DuckDB storage type, wire metadata and INFORMATION_SCHEMA names.
import type { ResultColumn, WireType } from "./types";
import { errors } from "./errors";

export type SfType = {
  base: string;
  wire: WireType;
  duck: string;
  precision?: number;
  scale?: number;
  length?: number;
};

const TEXT_MAX = 16777216;

export function parseSfType(text: string): SfType {
  const m = /^\s*([A-Za-z_ ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/.exec(text);
  if (!m) throw errors.invalid(`Unsupported data type '${text}'.`);
  const name = m[1].toUpperCase().replace(/\s+/g, " ");
  const a = m[2] === undefined ? undefined : Number(m[2]);
  const b = m[3] === undefined ? undefined : Number(m[3]);
  switch (name) {
    case "VARCHAR":
    case "STRING":
    case "TEXT":
    case "CHAR":
    case "CHARACTER":
    case "NVARCHAR":
    case "CHAR VARYING":
      return {
        base: "TEXT",
        wire: "text",
        duck: "VARCHAR",
        length: a ?? (name.startsWith("CHAR") && name !== "CHAR VARYING" ? 1 : TEXT_MAX),
      };
    case "NUMBER":
    case "DECIMAL":
    case "NUMERIC":
      return {
        base: "NUMBER",
        wire: "fixed",
        duck: `DECIMAL(${a ?? 38},${b ?? 0})`,
        precision: a ?? 38,
        scale: b ?? 0,
      };
    case "INT":
    case "INTEGER":
    case "BIGINT":
    case "SMALLINT":
    case "TINYINT":
    case "BYTEINT":
      return { base: "NUMBER", wire: "fixed", duck: "DECIMAL(38,0)", precision: 38, scale: 0 };
    case "FLOAT":
    case "FLOAT4":
    case "FLOAT8":
    case "DOUBLE":
    case "DOUBLE PRECISION":
    case "REAL":
      return { base: "FLOAT", wire: "real", duck: "DOUBLE" };
    case "BOOLEAN":
      return { base: "BOOLEAN", wire: "boolean", duck: "BOOLEAN" };
    case "DATE":
      return { base: "DATE", wire: "date", duck: "DATE" };
    case "TIME":
      return { base: "TIME", wire: "time", duck: "TIME", scale: a ?? 9 };
    case "TIMESTAMP_LTZ":
      return { base: "TIMESTAMP_LTZ", wire: "timestamp_ltz", duck: "TIMESTAMPTZ", scale: a ?? 9 };
    case "TIMESTAMP_TZ":
      return { base: "TIMESTAMP_TZ", wire: "timestamp_tz", duck: "TIMESTAMPTZ", scale: a ?? 9 };
    case "TIMESTAMP_NTZ":
    case "TIMESTAMP":
    case "DATETIME":
      return { base: "TIMESTAMP_NTZ", wire: "timestamp_ntz", duck: "TIMESTAMP", scale: a ?? 9 };
    case "VARIANT":
      return { base: "VARIANT", wire: "variant", duck: "JSON" };
    case "ARRAY":
      return { base: "ARRAY", wire: "array", duck: "JSON" };
    case "OBJECT":
      return { base: "OBJECT", wire: "object", duck: "JSON" };
    case "BINARY":
    case "VARBINARY":
      return { base: "BINARY", wire: "binary", duck: "BLOB", length: a ?? 8388608 };
    default:
      throw errors.invalid(`Unsupported data type '${text}'.`);
  }
}

/** The canonical spelling stored in the catalog (what DESC/SHOW print), e.g. VARCHAR(16777216), NUMBER(38,0). */
export function canonicalSfType(t: SfType): string {
  switch (t.base) {
    case "TEXT":
      return `VARCHAR(${t.length})`;
    case "NUMBER":
      return `NUMBER(${t.precision},${t.scale})`;
    case "TIME":
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
    case "TIMESTAMP_NTZ":
      return `${t.base}(${t.scale})`;
    case "BINARY":
      return `BINARY(${t.length})`;
    default:
      return t.base;
  }
}

export function sfColumnMeta(sfType: string): Omit<ResultColumn, "name" | "nullable"> {
  const t = parseSfType(sfType);
  return {
    type: t.wire,
    precision: t.wire === "fixed" ? t.precision : null,
    scale: t.scale ?? null,
    length: t.length ?? null,
  };
}

/** Fallback metadata from a DuckDB result type when the column is not traceable to a catalog column. */
export function duckTypeToSf(duckType: {
  typeId: number;
  alias?: string;
  toString(): string;
  width?: number;
  scale?: number;
}): string {
  if (duckType.alias === "JSON") return "VARIANT";
  const s = duckType.toString();
  if (s.startsWith("DECIMAL")) return `NUMBER(${duckType.width},${duckType.scale})`;
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(s))
    return "NUMBER(38,0)";
  if (s === "DOUBLE" || s === "FLOAT") return "FLOAT";
  if (s === "BOOLEAN") return "BOOLEAN";
  if (s === "DATE") return "DATE";
  if (s.startsWith("TIME") && !s.startsWith("TIMESTAMP")) return "TIME(9)";
  if (s === "TIMESTAMP WITH TIME ZONE") return "TIMESTAMP_LTZ(9)";
  if (s.startsWith("TIMESTAMP")) return "TIMESTAMP_NTZ(9)";
  if (s === "BLOB") return "BINARY(8388608)";
  if (s.endsWith("[]")) return "ARRAY";
  if (s.startsWith("STRUCT") || s.startsWith("MAP")) return "OBJECT";
  if (s === "NULL" || s === '"NULL"') return "VARCHAR(16777216)";
  return "VARCHAR(16777216)";
}

/** SHOW COLUMNS / DESC style type text as Snowflake prints it in INFORMATION_SCHEMA.COLUMNS.DATA_TYPE. */
export const infoSchemaDataType = (sfType: string) => parseSfType(sfType).base;
