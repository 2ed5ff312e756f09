// CREATE / DROP / SHOW / DESCRIBE STREAM (https://docs.snowflake.com/en/sql-reference/sql/create-stream,
// …/show-streams, …/describe-stream, …/drop-stream). Streams on tables and views of the session's own account;
// the change tracking itself is in streams.ts.
import type { StreamMeta } from "../catalog";
import { clockOf, type ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { qualified, quoteIdent } from "../identifiers";
import { resolveRelation } from "../resolve";
import { column, status, TYPE_IDS, type Partial } from "../result";
import { rewriteQuery } from "../select-rewriter";
import { resolveSource, snapshotTable, sourceRowsSql, staleAfter, takeSnapshot, type StreamSource } from "../streams";
import { significant, tokenize } from "../tokenizer";
import type { CellValue } from "../types";
import { likeOf } from "./account";
import { ifNotExists, targetSchema, type CreateFlags } from "./objects";
import { sessionNames } from "./query";
import { scope } from "./show";

export async function createStream(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Promise<Partial> {
  const ine = ifNotExists(c, flags);
  const t = targetSchema(ctx, c.qualifiedName(3), "CREATE STREAM");
  c.acceptKw("COPY", "GRANTS");
  c.expectKw("ON");
  const kind = c.acceptKw("VIEW") ? "VIEW" : (c.expectKw("TABLE"), "TABLE");
  const sourceParts = c.qualifiedName(3);
  const opts: Record<string, string> = {};
  while (!c.atEnd()) {
    const key = c.name();
    c.acceptOp("=");
    opts[key] = c.value();
    if (!["APPEND_ONLY", "SHOW_INITIAL_ROWS", "COMMENT"].includes(key))
      throw errors.unsupported(`CREATE STREAM option ${key}`);
  }
  const streams = (t.schema.streams ??= {});
  if (streams[t.name] || t.schema.tables[t.name] || t.schema.views[t.name]) {
    if (ine && streams[t.name]) return status(`${t.name} already exists, statement succeeded.`);
    if (!flags.orReplace || !streams[t.name]) throw errors.alreadyExists(t.display);
  }
  const rel = resolveRelation(ctx, sessionNames(ctx), sourceParts, "CREATE STREAM");
  if (rel.where.share) throw errors.unsupported("A stream on a shared table or view");
  if ((rel.kind === "view") !== (kind === "VIEW"))
    throw errors.invalid(`Object '${qualified(...sourceParts)}' is not a ${kind.toLowerCase()}.`);
  const source = rel.kind === "table" ? rel.table : rel.view;
  const now = clockOf(ctx).nowIso();
  const old = streams[t.name];
  const stream: StreamMeta = {
    id: `${ctx.me.account.locator}$${ctx.catalog.nextId++}`,
    name: t.name,
    source: [rel.where.db.name, rel.schema.name, source.name],
    sourceKind: kind,
    sourceCreatedOn: source.createdOn,
    appendOnly: opts.APPEND_ONLY === "TRUE",
    showInitialRows: opts.SHOW_INITIAL_ROWS === "TRUE",
    comment: opts.COMMENT ?? null,
    createdOn: now,
    owner: ctx.session.role,
    offsetAt: now,
  };
  const src: StreamSource =
    rel.kind === "table"
      ? { kind: "table", table: rel.table, locator: ctx.me.account.locator }
      : { kind: "view", view: rel.view, locator: ctx.me.account.locator };
  const viewSql = () =>
    rewriteQuery(significant(tokenize(`SELECT * FROM ${stream.source.map(quoteIdent).join(".")}`)), {
      ctx,
      names: sessionNames(ctx),
      command: "SELECT",
      depth: 1,
      sources: [],
      binds: null,
      writeTarget: false,
      topLevel: false,
    });
  await takeSnapshot(ctx, stream, sourceRowsSql(src, stream, viewSql), stream.showInitialRows);
  if (old) await ctx.store.run(`DROP TABLE IF EXISTS ${snapshotTable(old)}`);
  streams[t.name] = stream;
  ctx.dirty = true;
  return status(`Stream ${t.name} successfully created.`);
}

export async function dropStream(ctx: ExecCtx, c: Cursor): Promise<Partial> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const parts = c.qualifiedName(3);
  c.expectEnd();
  const t = targetSchema(ctx, parts, "DROP STREAM");
  const stream = t.schema.streams?.[t.name];
  if (!stream) {
    if (ifExists) return status(`Drop statement executed successfully (${t.name} already dropped).`);
    throw errors.doesNotExist("Stream", t.display);
  }
  await ctx.store.run(`DROP TABLE IF EXISTS ${snapshotTable(stream)}`);
  delete t.schema.streams![t.name];
  ctx.dirty = true;
  return status(`${t.name} successfully dropped.`);
}

const SHOW_COLUMNS: [string, string][] = [
  ["created_on", "TIMESTAMP_LTZ(9)"],
  ["name", "TEXT"],
  ["database_name", "TEXT"],
  ["schema_name", "TEXT"],
  ["owner", "TEXT"],
  ["comment", "TEXT"],
  ["table_name", "TEXT"],
  ["source_type", "TEXT"],
  ["base_tables", "TEXT"],
  ["type", "TEXT"],
  ["stale", "TEXT"],
  ["mode", "TEXT"],
  ["stale_after", "TIMESTAMP_LTZ(9)"],
  ["invalid_reason", "TEXT"],
  ["owner_role_type", "TEXT"],
];

function streamRow(ctx: ExecCtx, database: string, schema: string, s: StreamMeta): CellValue[] {
  let src: StreamSource | null = null;
  let invalid = "N/A";
  try {
    src = resolveSource(ctx, ctx.me.account.locator, s);
  } catch {
    invalid = "Base table dropped";
  }
  const after = staleAfter(s, src);
  const tableName = qualified(...s.source);
  const stale = !src || clockOf(ctx).now() > after.getTime();
  return [
    new Date(s.createdOn),
    s.name,
    database,
    schema,
    s.owner,
    s.comment ?? "",
    tableName,
    s.sourceKind === "TABLE" ? "Table" : "View",
    s.sourceKind === "TABLE" ? tableName : "",
    "DELTA",
    String(stale),
    s.appendOnly ? "APPEND_ONLY" : "DEFAULT",
    after,
    invalid,
    "ROLE",
  ];
}

const streamTable = (rows: CellValue[][], typeId: number): Partial => ({
  columns: SHOW_COLUMNS.map(([n, t]) => column(n, t === "TEXT" ? "VARCHAR(16777216)" : t)),
  rows,
  statementTypeId: typeId,
});

export function showStreams(ctx: ExecCtx, c: Cursor): Partial {
  const like = likeOf(c);
  const s = scope(ctx, c, true);
  c.expectEnd();
  const rows: CellValue[][] = [];
  for (const where of s.dbs) {
    if (where.share) continue;
    for (const sch of Object.values(where.db.schemas).sort((a, b) => a.name.localeCompare(b.name))) {
      if (s.schema && sch.name !== s.schema) continue;
      for (const st of Object.values(sch.streams ?? {}).sort((a, b) => a.name.localeCompare(b.name))) {
        if (!like || like.test(st.name)) rows.push(streamRow(ctx, where.localName, sch.name, st));
      }
    }
  }
  return streamTable(rows, TYPE_IDS.SHOW);
}

export function describeStream(ctx: ExecCtx, c: Cursor): Partial {
  const parts = c.qualifiedName(3);
  c.expectEnd();
  const t = targetSchema(ctx, parts, "DESCRIBE STREAM");
  const stream = t.schema.streams?.[t.name];
  if (!stream) throw errors.doesNotExist("Stream", t.display);
  return streamTable([streamRow(ctx, t.db.name, t.schema.name, stream)], TYPE_IDS.DESCRIBE);
}
