// Builders for StatementResult shapes: DDL status rows, SHOW tables, DML counts.
import type { ExecCtx } from "./context";
import { sfColumnMeta } from "./sf-types";
import type { CellValue, ResultColumn, StatementResult } from "./types";

export const TYPE_IDS = {
  SELECT: 0x1000,
  INSERT: 0x3100,
  UPDATE: 0x3200,
  DELETE: 0x3300,
  MERGE: 0x3400,
  USE: 0x4300,
  SHOW: 0x4400,
  DESCRIBE: 0x4500,
  DDL: 0x6000,
} as const;

export type Partial = { columns: ResultColumn[]; rows: CellValue[][]; statementTypeId: number };

export function finish(ctx: ExecCtx, p: Partial): StatementResult {
  return {
    ...p,
    finalDatabase: ctx.session.database,
    finalSchema: ctx.session.schema,
    finalRole: ctx.session.role,
    finalWarehouse: ctx.session.warehouse,
  };
}

export const column = (name: string, sfType: string, nullable = true): ResultColumn => ({
  name,
  nullable,
  ...sfColumnMeta(sfType),
});

export const status = (text: string, typeId: number = TYPE_IDS.DDL): Partial => ({
  columns: [column("status", "VARCHAR(16777216)", false)],
  rows: [[text]],
  statementTypeId: typeId,
});

export const success = () => status("Statement executed successfully.");

/** SHOW/DESC output: lower-case column names; created_on/shared_on/last_refreshed_on are timestamps, others text. */
export function table(names: string[], rows: CellValue[][], typeId: number = TYPE_IDS.SHOW): Partial {
  const columns = names.map((n) =>
    column(n, /^(created_on|shared_on|last_refreshed_on|created)$/.test(n) ? "TIMESTAMP_LTZ(9)" : "VARCHAR(16777216)"),
  );
  return {
    columns,
    rows: rows.map((r) =>
      r.map((v, k) => (columns[k].type === "timestamp_ltz" && typeof v === "string" ? new Date(v) : v)),
    ),
    statementTypeId: typeId,
  };
}

export const dmlCount = (label: string, count: bigint | number, typeId: number): Partial => ({
  columns: [column(label, "NUMBER(38,0)", false)],
  rows: [[BigInt(count)]],
  statementTypeId: typeId,
});
