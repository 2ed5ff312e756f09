// What a block answers: its RETURN value in one column ("anonymous block" or the procedure's name), or RETURN
// TABLE's rows; and the DML count behind SQLROWCOUNT.
import { TYPE_IDS, type Partial } from "../result";
import { sfColumnMeta } from "../sf-types";
import { columnSfType, NULL_TEXT, type ScriptValue } from "./values";

export type Flow =
  | null
  | { kind: "break"; label: string | null }
  | { kind: "continue"; label: string | null }
  | { kind: "return"; value: ScriptValue | null; table: Partial | null };

export function blockResult(flow: Flow, columnName: string): Partial {
  if (flow?.kind === "return" && flow.table) return { ...flow.table, statementTypeId: TYPE_IDS.SELECT };
  const v = flow?.kind === "return" && flow.value ? flow.value : NULL_TEXT;
  return {
    columns: [{ name: columnName, nullable: true, ...sfColumnMeta(v.sfType) }],
    rows: [[v.value]],
    statementTypeId: TYPE_IDS.SELECT,
  };
}

/** SQLROWCOUNT after a statement: the DML count, NULL after anything else (bundle 2025_01, bcr-1850). */
export function dmlCount(r: Partial): bigint | null {
  if (![TYPE_IDS.INSERT, TYPE_IDS.UPDATE, TYPE_IDS.DELETE].includes(r.statementTypeId as never)) return null;
  return BigInt(String(r.rows[0]?.[0] ?? 0));
}

export function rowValues(r: Partial, row: number): Map<string, ScriptValue> {
  return new Map(r.columns.map((c, k) => [c.name, { sfType: columnSfType(c), value: r.rows[row]?.[k] ?? null }]));
}
