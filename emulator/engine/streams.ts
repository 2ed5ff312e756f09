// Streams (https://docs.snowflake.com/en/user-guide/streams-intro): a stream's offset is a snapshot of its
// source's rows, a DuckDB table `_floe_streams."<id>"` (rows of the table plus DuckDB's rowid as _floe_rid),
// taken at CREATE STREAM (empty with SHOW_INITIAL_ROWS = TRUE) and again whenever a DML statement that read
// the stream succeeds. Reading the stream diffs the source against that snapshot:
// - rows present now and not then → INSERT, rows present then and not now → DELETE (multisets: duplicates
//   count), so the result is the net delta since the offset;
// - a DELETE and an INSERT of the same rowid are an update: both carry METADATA$ISUPDATE = TRUE;
// - METADATA$ROW_ID = md5(<stream source id>:<rowid>), the same for a row's INSERT and later DELETE;
// - APPEND_ONLY = TRUE keeps the inserted rows only (not the new image of an updated row). Unlike Snowflake,
//   a row inserted and deleted again before the stream is consumed is not returned (the diff cannot see it).
// The snapshot lives in the same DuckDB file as the data, so it survives restarts with them.
import type { Column, StreamMeta, TableMeta, ViewMeta } from "./catalog";
import { clockOf, type ExecCtx } from "./context";
import { streamErrors } from "./errors";
import { duckTable, qualified, quoteIdent, quoteString } from "./identifiers";

export const STREAM_SCHEMA = "_floe_streams";
export const METADATA_COLUMNS: Column[] = [
  { name: "METADATA$ACTION", sfType: "VARCHAR(16777216)", nullable: false, comment: null },
  { name: "METADATA$ISUPDATE", sfType: "BOOLEAN", nullable: false, comment: null },
  { name: "METADATA$ROW_ID", sfType: "VARCHAR(16777216)", nullable: false, comment: null },
];
const DAY_MS = 86_400_000;

export const snapshotTable = (s: StreamMeta) => `${quoteIdent(STREAM_SCHEMA)}.${quoteIdent(s.id)}`;

/** The source as the stream last saw it: the table (or view) it was created on, unless dropped or replaced since. */
export type StreamSource =
  { kind: "table"; table: TableMeta; locator: string } | { kind: "view"; view: ViewMeta; locator: string };

export function resolveSource(ctx: ExecCtx, locator: string, s: StreamMeta): StreamSource {
  const [db, schema, name] = s.source;
  const sch = ctx.catalog.accounts[locator]?.databases[db]?.schemas[schema];
  const table = s.sourceKind === "TABLE" ? sch?.tables[name] : undefined;
  const view = s.sourceKind === "VIEW" ? sch?.views[name] : undefined;
  const obj = table ?? view;
  if (!obj || obj.createdOn !== s.sourceCreatedOn) throw streamErrors.sourceGone(s.name, qualified(db, schema, name));
  return table ? { kind: "table", table, locator } : { kind: "view", view: view!, locator };
}

export const sourceColumns = (src: StreamSource) => (src.kind === "table" ? src.table.columns : src.view.columns);

/** Snowflake extends a source's retention for unconsumed streams up to MAX_DATA_EXTENSION_TIME_IN_DAYS (default 14). */
export function staleAfter(s: StreamMeta, src: StreamSource | null): Date {
  const t = src?.kind === "table" ? src.table : undefined;
  const days = Math.max(t?.retentionDays ?? 1, t?.maxExtensionDays ?? 14);
  return new Date(Date.parse(s.offsetAt) + days * DAY_MS);
}

export function assertFresh(ctx: ExecCtx, s: StreamMeta, src: StreamSource, display: string): void {
  const after = staleAfter(s, src);
  if (clockOf(ctx).now() > after.getTime()) throw streamErrors.stale(display, after.toISOString());
}

/** SQL of the source's current rows with their row identity: `_floe_rid, <columns…>`. */
export function sourceRowsSql(src: StreamSource, s: StreamMeta, viewSql: () => string): string {
  if (src.kind === "table")
    return `SELECT rowid AS "_floe_rid", * FROM ${duckTable(src.locator, s.source[0], s.source[1], s.source[2])}`;
  return `SELECT CAST(NULL AS BIGINT) AS "_floe_rid", * FROM (${viewSql()}) _floe_sv`;
}

/** The stream's rows: the source's columns, then METADATA$ACTION, METADATA$ISUPDATE, METADATA$ROW_ID. */
export function deltaSql(s: StreamMeta, columns: Column[], currentSql: string): string {
  const cols = columns.map((c) => quoteIdent(c.name));
  const list = cols.join(", ");
  const numbered = (from: string) =>
    `SELECT *, row_number() OVER (PARTITION BY ${list} ORDER BY "_floe_rid") AS "_floe_n" FROM (${from}) _floe_x`;
  const same = (a: string, b: string) =>
    [...cols.map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`), `${a}."_floe_n" = ${b}."_floe_n"`].join(" AND ");
  const rowId = (alias: string) =>
    `md5(${quoteString(s.id + ":")} || coalesce(CAST(${alias}."_floe_rid" AS VARCHAR), CAST(${alias}."_floe_n" AS VARCHAR) || ':' || md5(CAST(row(${cols.map((c) => `${alias}.${c}`).join(", ")}) AS VARCHAR))))`;
  const ins = `SELECT * FROM "_floe_cur" c WHERE NOT EXISTS (SELECT 1 FROM "_floe_old" o WHERE ${same("o", "c")})`;
  const del = `SELECT * FROM "_floe_old" o WHERE NOT EXISTS (SELECT 1 FROM "_floe_cur" c WHERE ${same("o", "c")})`;
  const pick = (alias: string) => cols.map((c) => `${alias}.${c}`).join(", ");
  const updated = `coalesce(i."_floe_rid" IN (SELECT "_floe_rid" FROM "_floe_del" WHERE "_floe_rid" IS NOT NULL), FALSE)`;
  // Append-only: new rows only — the new image of an updated row is no insert.
  const inserted =
    `SELECT ${pick("i")}, 'INSERT' AS "METADATA$ACTION", ${s.appendOnly ? "FALSE" : updated} AS "METADATA$ISUPDATE", ` +
    `${rowId("i")} AS "METADATA$ROW_ID" FROM "_floe_ins" i${s.appendOnly ? ` WHERE NOT ${updated}` : ""}`;
  const deleted = `SELECT ${pick("d")}, 'DELETE', coalesce(d."_floe_rid" IN (SELECT "_floe_rid" FROM "_floe_ins" WHERE "_floe_rid" IS NOT NULL), FALSE), ${rowId("d")} FROM "_floe_del" d`;
  return (
    `WITH "_floe_cur" AS (${numbered(currentSql)}), "_floe_old" AS (${numbered(`SELECT * FROM ${snapshotTable(s)}`)}), ` +
    `"_floe_ins" AS (${ins}), "_floe_del" AS (${del}) ${s.appendOnly ? inserted : `${inserted} UNION ALL ${deleted}`}`
  );
}

/** CREATE STREAM: the first offset (the source's rows now, or none with SHOW_INITIAL_ROWS). */
export async function takeSnapshot(ctx: ExecCtx, s: StreamMeta, rowsSql: string, empty: boolean): Promise<void> {
  await ctx.store.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(STREAM_SCHEMA)}`);
  await ctx.store.run(
    `CREATE OR REPLACE TABLE ${snapshotTable(s)} AS SELECT * FROM (${rowsSql}) _floe_s${empty ? " WHERE FALSE" : ""}`,
  );
}

/**
 * A DML statement that read streams: before it runs, the sources' rows are copied aside (`pending`); when it
 * succeeds they become the new offsets (consume), when it fails they are dropped (discard) — the offset moves
 * only with a committed statement, to exactly what the statement read.
 */
export async function prepareConsumption(
  ctx: ExecCtx,
): Promise<{ consume(): Promise<void>; discard(): Promise<void> }> {
  const reads = new Map((ctx.streamReads ?? []).map((r) => [r.streamId, r]));
  const pending = (id: string) => `${quoteIdent(STREAM_SCHEMA)}.${quoteIdent(`${id}$pending`)}`;
  for (const r of reads.values())
    await ctx.store.run(`CREATE OR REPLACE TABLE ${pending(r.streamId)} AS SELECT * FROM (${r.snapshotSql}) _floe_p`);
  return {
    async consume() {
      const now = clockOf(ctx).nowIso();
      for (const r of reads.values()) {
        const stream = findStreamById(ctx, r.key, r.streamId);
        await ctx.store.run(`DROP TABLE IF EXISTS ${quoteIdent(STREAM_SCHEMA)}.${quoteIdent(r.streamId)}`);
        await ctx.store.run(`ALTER TABLE ${pending(r.streamId)} RENAME TO ${quoteIdent(r.streamId)}`);
        if (stream) {
          stream.offsetAt = now;
          ctx.dirty = true;
        }
      }
    },
    async discard() {
      for (const r of reads.values()) await ctx.store.run(`DROP TABLE IF EXISTS ${pending(r.streamId)}`);
    },
  };
}

/** `key` = locator\0database\0schema\0name as recorded when the stream was read. */
function findStreamById(ctx: ExecCtx, key: string, id: string): StreamMeta | undefined {
  const [locator, db, schema, name] = key.split("\u0000");
  const s = ctx.catalog.accounts[locator]?.databases[db]?.schemas[schema]?.streams?.[name];
  return s?.id === id ? s : undefined;
}
