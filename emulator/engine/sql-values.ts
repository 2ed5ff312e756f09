// Builds a typed DuckDB subquery from rows computed in JS (INFORMATION_SCHEMA views, etc.).
import { quoteIdent, quoteString } from "./identifiers";
import { parseSfType } from "./sf-types";

export type ValueColumn = { name: string; sfType: string };

export function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return quoteString(v.toISOString());
  return quoteString(String(v));
}

/** `SELECT CAST(c1 AS T1) AS "NAME1", … FROM (VALUES …) v(c1, …)`; extra raw select items may reference v.cN. */
export function valuesSql(
  columns: ValueColumn[],
  rows: unknown[][],
  extra: { from?: string; select?: string[] } = {},
): string {
  const items = columns.map((c, k) => `CAST(v.c${k + 1} AS ${parseSfType(c.sfType).duck}) AS ${quoteIdent(c.name)}`);
  const selectList = [...items, ...(extra.select ?? [])].join(", ");
  if (rows.length === 0) {
    const nulls = columns.map((c, k) => `CAST(NULL AS ${parseSfType(c.sfType).duck}) AS c${k + 1}`).join(", ");
    return `SELECT ${selectList} FROM (SELECT ${nulls}) v${extra.from ?? ""} WHERE FALSE`;
  }
  const names = columns.map((_, k) => `c${k + 1}`).join(", ");
  const body = rows.map((r) => `(${r.map(literal).join(", ")})`).join(", ");
  return `SELECT ${selectList} FROM (VALUES ${body}) v(${names})${extra.from ?? ""}`;
}
