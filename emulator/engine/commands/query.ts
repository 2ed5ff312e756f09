// SELECT / WITH and DML (INSERT, DELETE, UPDATE): rewrite to DuckDB, run, describe the result columns with
// Snowflake metadata traced back to catalog columns where possible.
import { nowIso } from "../catalog";
import type { ExecCtx } from "../context";
import { toCell, type DuckColumn } from "../duck";
import type { ColumnSource, NameCtx } from "../resolve";
import { column, dmlCount, TYPE_IDS, type Partial } from "../result";
import { mapQueryError } from "../query-errors";
import { rewriteQueryMapped, type RewriteEnv } from "../select-rewriter";
import { duckTypeToSf, parseSfType, sfColumnMeta } from "../sf-types";
import type { Token } from "../tokenizer";
import type { ResultColumn } from "../types";
import { BindCounter, bindRows } from "../binds";
import { prepareConsumption } from "../streams";
import { fieldsOf } from "../transforms/structured-casts";

export const sessionNames = (ctx: ExecCtx): NameCtx => ({
  locator: ctx.me.account.locator,
  database: ctx.session.database,
  schema: ctx.session.schema,
  checked: true,
});

const env = (
  ctx: ExecCtx,
  command: string,
  write: boolean,
  binds: BindCounter,
  names = sessionNames(ctx),
): RewriteEnv => ({
  ctx,
  names,
  command,
  depth: 0,
  sources: [],
  binds,
  writeTarget: write,
  topLevel: !write,
});

/** Rewrites and runs a query; DuckDB's failures come back as the Snowflake error for the source text. */
async function run(
  ctx: ExecCtx,
  source: Token[],
  e: RewriteEnv,
  wrap = (sql: string) => sql,
  beforeRun?: () => Promise<void>,
) {
  const rewritten = rewriteQueryMapped(source, e);
  await beforeRun?.();
  try {
    return await ctx.store.queryRaw(wrap(rewritten.sql));
  } catch (err) {
    throw await mapQueryError(err, ctx.store, rewritten, source);
  }
}

export async function runSelect(ctx: ExecCtx, tokens: Token[]): Promise<Partial> {
  const e = env(ctx, "SELECT", false, new BindCounter(bindRows(ctx.binds)[0]));
  const r = await run(ctx, tokens, e);
  const columns: ResultColumn[] = r.columns.map((c) => describeColumn(c, e.sources));
  for (const [k, t] of e.structured ?? []) {
    if (columns[k] && t.kind !== "scalar") columns[k] = { ...columns[k], type: t.kind, fields: fieldsOf(t) };
  }
  return {
    columns,
    rows: r.rows.map((row) => row.map((v, k) => toCell(v, columns[k].type) as never)),
    statementTypeId: TYPE_IDS.SELECT,
  };
}

/** Runs a query body in a naming context (view creation) and returns DuckDB's columns with Snowflake types. */
export async function describeQuery(
  ctx: ExecCtx,
  tokens: Token[],
  names: NameCtx,
): Promise<ReturnType<typeof describeColumn>[]> {
  const e = env(ctx, "SELECT", false, new BindCounter([]), names);
  const r = await run(ctx, tokens, e, (sql) => `SELECT * FROM (${sql}) LIMIT 0`);
  return r.columns.map((c) => describeColumn(c, e.sources));
}

export function describeColumn(
  c: DuckColumn,
  sources: ColumnSource[],
): ResultColumn & { sfType: string; comment?: string | null } {
  const fallback = duckTypeToSf(c.type);
  const wire = parseSfType(fallback).wire;
  for (const s of sources) {
    const col = s.columns.find((x) => x.name === c.name);
    if (!col) continue;
    const colWire = parseSfType(col.sfType).wire;
    const compatible = colWire === wire || (wire === "variant" && ["array", "object"].includes(colWire));
    if (compatible) {
      return {
        name: c.name,
        nullable: col.nullable,
        ...sfColumnMeta(col.sfType),
        database: s.database,
        schema: s.schema,
        table: s.table,
        sfType: col.sfType,
        comment: col.comment,
      };
    }
  }
  return { ...column(c.name, fallback), sfType: fallback };
}

const DML: Record<string, { label: string; typeId: number }> = {
  INSERT: { label: "number of rows inserted", typeId: TYPE_IDS.INSERT },
  DELETE: { label: "number of rows deleted", typeId: TYPE_IDS.DELETE },
  UPDATE: { label: "number of rows updated", typeId: TYPE_IDS.UPDATE },
};

export async function runDml(ctx: ExecCtx, verb: "INSERT" | "DELETE" | "UPDATE", tokens: Token[]): Promise<Partial> {
  const { rows } = await runDmlTokens(ctx, verb, tokens, true);
  const total = rows.reduce((sum, row) => sum + BigInt(String(row[0] ?? 0)), 0n);
  const spec = DML[verb];
  const result = dmlCount(spec.label, total, spec.typeId);
  if (verb === "UPDATE") {
    result.columns.push(column("number of multi-joined rows updated", "NUMBER(38,0)", false));
    result.rows[0].push(0n);
  }
  return result;
}

/**
 * Runs a write statement's tokens once per bind row (write = true: the first table is the target, streams read
 * move their offsets only when every row succeeded) or a query once with the first bind row, and returns
 * DuckDB's rows of every run (MERGE's RETURNING, a DML's count).
 */
export async function runDmlTokens(
  ctx: ExecCtx,
  command: string,
  tokens: Token[],
  write: boolean,
): Promise<{ rows: unknown[][] }> {
  if (!write) {
    const r = await run(ctx, tokens, env(ctx, command, false, new BindCounter(bindRows(ctx.binds)[0])));
    return { rows: r.rows as unknown[][] };
  }
  const rows: unknown[][] = [];
  // Streams the statement reads (streams.ts): their offsets move only when every row of it succeeded.
  ctx.streamReads = [];
  let consumption: Awaited<ReturnType<typeof prepareConsumption>> | null = null;
  try {
    for (const row of bindRows(ctx.binds)) {
      const e = env(ctx, command, true, new BindCounter(row));
      const r = await run(ctx, tokens, e, undefined, async () => {
        if (!consumption && ctx.streamReads?.length) consumption = await prepareConsumption(ctx);
      });
      rows.push(...(r.rows as unknown[][]));
      if (e.written) {
        e.written.lastAltered = nowIso();
        ctx.dirty = true;
      }
    }
    await (consumption as { consume(): Promise<void> } | null)?.consume();
  } catch (err) {
    await (consumption as { discard(): Promise<void> } | null)?.discard();
    throw err;
  } finally {
    ctx.streamReads = undefined;
  }
  return { rows };
}
