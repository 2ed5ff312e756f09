// Scripting values keep their Snowflake type: a variable holds what `SELECT <expr>` returned (cell + column type),
// and is put back into SQL as a literal of that type, so `x := 1.50` stays NUMBER(3,2) and `o := OBJECT_CONSTRUCT(…)`
// stays semi-structured.
import { quoteString } from "../identifiers";
import type { CellValue, ResultColumn } from "../types";

export type ScriptValue = { sfType: string; value: CellValue };

export const NULL_TEXT: ScriptValue = { sfType: "VARCHAR(16777216)", value: null };
export const numberValue = (n: number | bigint | null): ScriptValue => ({
  sfType: "NUMBER(38,0)",
  value: n === null ? null : BigInt(n),
});
export const textValue = (s: string | null): ScriptValue => ({ sfType: "VARCHAR(16777216)", value: s });
export const booleanValue = (b: boolean | null): ScriptValue => ({ sfType: "BOOLEAN", value: b });

/** The Snowflake type of a result column (the emulator's describeColumn also carries it as `sfType`). */
export function columnSfType(c: ResultColumn): string {
  const known = (c as ResultColumn & { sfType?: string }).sfType;
  if (known) return known;
  switch (c.type) {
    case "fixed":
      return `NUMBER(${c.precision ?? 38},${c.scale ?? 0})`;
    case "real":
      return "FLOAT";
    case "text":
      return `VARCHAR(${c.length ?? 16777216})`;
    case "boolean":
      return "BOOLEAN";
    case "date":
      return "DATE";
    case "time":
      return `TIME(${c.scale ?? 9})`;
    case "timestamp_ltz":
      return `TIMESTAMP_LTZ(${c.scale ?? 9})`;
    case "timestamp_ntz":
      return `TIMESTAMP_NTZ(${c.scale ?? 9})`;
    case "timestamp_tz":
      return `TIMESTAMP_TZ(${c.scale ?? 9})`;
    case "binary":
      return `BINARY(${c.length ?? 8388608})`;
    case "object":
      return "OBJECT";
    case "array":
      return "ARRAY";
    default:
      return "VARIANT";
  }
}

const base = (sfType: string) => sfType.replace(/\(.*$/, "").toUpperCase();

/** The value as SQL text. `typedNull` keeps a NULL's type (expressions); statements get a bare NULL. */
export function sqlLiteral(v: ScriptValue, typedNull = true): string {
  const t = base(v.sfType);
  if (v.value === null || v.value === undefined) return typedNull ? `CAST(NULL AS ${v.sfType})` : "NULL";
  const x = v.value;
  switch (t) {
    case "NUMBER":
      return String(x);
    case "FLOAT":
      return `CAST(${quoteString(String(x))} AS FLOAT)`;
    case "BOOLEAN":
      return x ? "TRUE" : "FALSE";
    case "DATE":
      return `CAST(${quoteString(x instanceof Date ? x.toISOString().slice(0, 10) : String(x))} AS DATE)`;
    case "TIME":
      return `CAST(${quoteString(x instanceof Date ? x.toISOString().slice(11, 23) : String(x))} AS TIME)`;
    case "TIMESTAMP_NTZ":
      return `CAST(${quoteString(x instanceof Date ? x.toISOString().replace("Z", "") : String(x))} AS TIMESTAMP_NTZ)`;
    case "TIMESTAMP_LTZ":
    case "TIMESTAMP_TZ":
      return `CAST(${quoteString(x instanceof Date ? x.toISOString() : String(x))} AS ${t})`;
    case "VARIANT":
    case "OBJECT":
    case "ARRAY":
      return `PARSE_JSON(${quoteString(JSON.stringify(x))})`;
    default:
      return quoteString(typeof x === "string" ? x : String(x));
  }
}

/** The value as a driver-style bind (EXECUTE IMMEDIATE … USING, OPEN … USING). */
export function asBind(v: ScriptValue): { type: string; value: string | null } {
  if (v.value === null || v.value === undefined) return { type: "TEXT", value: null };
  const t = base(v.sfType);
  if (t === "NUMBER") return { type: "FIXED", value: String(v.value) };
  if (t === "FLOAT") return { type: "REAL", value: String(v.value) };
  if (t === "BOOLEAN") return { type: "BOOLEAN", value: String(v.value) };
  if (["VARIANT", "OBJECT", "ARRAY"].includes(t)) return { type: "TEXT", value: JSON.stringify(v.value) };
  return { type: "TEXT", value: v.value instanceof Date ? v.value.toISOString() : String(v.value) };
}

/** A client bind as a value (top-level EXECUTE IMMEDIATE … USING (?) and `:1` inside a block sent with binds). */
export function fromBind(b: { type: string; value: unknown }): ScriptValue {
  const v = b.value === null || b.value === undefined ? null : String(b.value);
  switch (b.type.toUpperCase()) {
    case "FIXED":
      return v !== null && /^-?\d+$/.test(v) ? numberValue(BigInt(v)) : { sfType: "NUMBER(38,9)", value: v };
    case "REAL":
      return { sfType: "FLOAT", value: v === null ? null : Number(v) };
    case "BOOLEAN":
      return booleanValue(v === null ? null : /^(true|1)$/i.test(v));
    default:
      return textValue(v);
  }
}

export const truthy = (v: ScriptValue) => v.value === true || (typeof v.value === "string" && /^true$/i.test(v.value));
