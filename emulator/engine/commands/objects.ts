// CREATE/DROP of databases, schemas, tables and views in the session's own account.
import { newSchema, nowIso, type Column, type DatabaseMeta, type PolicyAttachment, type ViewMeta } from "../catalog";
import type { ExecCtx } from "../context";
import { requireCreate, requireOwnership } from "../privileges";
import { cloneTable } from "./clone-table";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { duckSchema, duckTable, qualified, quoteIdent } from "../identifiers";
import { assertWritable, completeName, databaseFor } from "../resolve";
import { status, type Partial } from "../result";
import { canonicalSfType, parseSfType } from "../sf-types";
import { attach, literalDefault, readAttachment } from "./alter-object";
import { describeQuery, sessionNames } from "./query";

export type CreateFlags = { orReplace: boolean; secure: boolean };

export function ifNotExists(c: Cursor, flags: CreateFlags) {
  const yes = c.acceptKw("IF", "NOT", "EXISTS");
  if (yes && flags.orReplace) throw errors.invalid("OR REPLACE and IF NOT EXISTS are incompatible.");
  return yes;
}

/** Trailing `KEY = value` options (COMMENT, DATA_RETENTION_TIME_IN_DAYS …), keys upper case. */
export function options(c: Cursor, stopAt: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  while (!c.atEnd() && !stopAt.some((w) => c.isKw(w))) {
    const key = c.name();
    c.acceptOp("=");
    out[key] = c.value();
  }
  return out;
}

export function ownDatabase(ctx: ExecCtx, name: string): DatabaseMeta {
  const where = databaseFor(ctx, sessionNames(ctx), name);
  assertWritable(where);
  return where.db;
}

async function dropDuckSchemas(ctx: ExecCtx, db: DatabaseMeta) {
  if (db.kind === "IMPORTED") return;
  for (const s of Object.values(db.schemas))
    await ctx.store.run(
      `DROP SCHEMA IF EXISTS ${quoteIdent(duckSchema(ctx.me.account.locator, db.name, s.name))} CASCADE`,
    );
}

export async function createStandardDatabase(
  ctx: ExecCtx,
  name: string,
  comment: string | null,
  kind: DatabaseMeta["kind"] = "STANDARD",
) {
  // The creating role owns the database and its PUBLIC schema (access-control overview: ownership).
  const db: DatabaseMeta = { name, comment, createdOn: nowIso(), kind, schemas: {}, owner: ctx.session.role };
  if (kind === "STANDARD") {
    db.schemas.PUBLIC = { ...newSchema("PUBLIC"), owner: ctx.session.role };
    await ctx.store.run(
      `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(duckSchema(ctx.me.account.locator, name, "PUBLIC"))}`,
    );
  }
  ctx.me.databases[name] = db;
  ctx.dirty = true;
  return db;
}

export async function dropDatabaseMeta(ctx: ExecCtx, db: DatabaseMeta) {
  await dropDuckSchemas(ctx, db);
  delete ctx.me.databases[db.name];
  ctx.dirty = true;
}

export async function createSchema(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Promise<Partial> {
  const ine = ifNotExists(c, flags);
  const parts = c.qualifiedName(2);
  const opts = options(c);
  const dbName = parts.length === 2 ? parts[0] : ctx.session.database;
  if (!dbName) throw errors.noCurrentDatabase("CREATE SCHEMA");
  const name = parts[parts.length - 1];
  const db = ownDatabase(ctx, dbName);
  requireCreate(ctx, { kind: "DATABASE", parts: [dbName] }, "SCHEMA", db.owner);
  if (db.schemas[name]) {
    if (ine) return status(`${name} already exists, statement succeeded.`);
    if (!flags.orReplace) throw errors.alreadyExists(qualified(dbName, name));
    await ctx.store.run(
      `DROP SCHEMA IF EXISTS ${quoteIdent(duckSchema(ctx.me.account.locator, dbName, name))} CASCADE`,
    );
  }
  db.schemas[name] = { ...newSchema(name, opts.COMMENT ?? null), owner: ctx.session.role };
  await ctx.store.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(duckSchema(ctx.me.account.locator, dbName, name))}`);
  ctx.session.database = dbName;
  ctx.session.schema = name;
  ctx.dirty = true;
  return status(`Schema ${name} successfully created.`);
}

export function targetSchema(ctx: ExecCtx, parts: string[], command: string) {
  const [dbName, schemaName, name] = completeName(sessionNames(ctx), parts, command);
  const db = ownDatabase(ctx, dbName);
  const schema = db.schemas[schemaName];
  if (!schema) throw errors.doesNotExist("Schema", qualified(dbName, schemaName));
  const display = qualified(dbName, schemaName, name);
  if (command.startsWith("CREATE "))
    requireCreate(ctx, { kind: "SCHEMA", parts: [dbName, schemaName] }, command.slice(7), schema.owner);
  else {
    // DROP / ALTER: the object's owner only.
    const existing =
      schema.tables[name] ?? schema.views[name] ?? schema.functions?.[name] ?? schema.rowAccessPolicies?.[name];
    if (existing)
      requireOwnership(
        ctx,
        command.split(" ").slice(1).join(" ").toLowerCase(),
        display,
        (existing as { owner?: string }).owner,
      );
  }
  return { db, schema, name, display };
}

/** A column/argument type as written (`NUMBER(10,2)`, `DOUBLE PRECISION`), in its canonical Snowflake form. */
export function readSfType(c: Cursor): string {
  let typeText = c.value();
  if (c.isKw("PRECISION") || c.isKw("VARYING")) typeText += " " + c.value();
  if (c.acceptOp("(")) {
    typeText += "(" + c.value();
    while (c.acceptOp(",")) typeText += "," + c.value();
    c.expectOp(")");
    typeText += ")";
  }
  return canonicalSfType(parseSfType(typeText));
}

function parseColumns(c: Cursor): Column[] {
  const columns: Column[] = [];
  c.expectOp("(");
  do {
    const name = c.name();
    const col: Column = { name, sfType: readSfType(c), nullable: true, comment: null };
    for (;;) {
      if (c.acceptKw("NOT", "NULL")) col.nullable = false;
      else if (c.acceptKw("NULL")) col.nullable = true;
      else if (c.acceptKw("COMMENT")) {
        c.acceptOp("=");
        col.comment = c.string();
      } else if (c.acceptKw("PRIMARY", "KEY") || c.acceptKw("UNIQUE")) {
        /* not enforced by Snowflake either */
      } else if (c.acceptKw("DEFAULT")) {
        // create-table: "DEFAULT <expr>", the value an INSERT that omits the column (or says DEFAULT) gets.
        // Literals only here (an expression such as CURRENT_TIMESTAMP() or a sequence's nextval is refused).
        col.defaultSql = literalDefault(c);
      } else if (c.isKw("AUTOINCREMENT") || c.isKw("IDENTITY"))
        throw errors.unsupported(`Column ${c.peek()!.value.toUpperCase()}`);
      else break;
    }
    columns.push(col);
  } while (c.acceptOp(","));
  c.expectOp(")");
  return columns;
}

export async function createTable(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Promise<Partial> {
  const ine = ifNotExists(c, flags);
  const t = targetSchema(ctx, c.qualifiedName(3), "CREATE TABLE");
  if (c.acceptKw("CLONE")) {
    const existing = t.schema.tables[t.name] || t.schema.views[t.name] || t.schema.streams?.[t.name];
    if (existing && ine) return status(`${t.name} already exists, statement succeeded.`);
    if (existing && (!flags.orReplace || !t.schema.tables[t.name])) throw errors.alreadyExists(t.display);
    if (existing) dropShareGrantsOn(ctx, [t.db.name, t.schema.name, t.name]);
    return cloneTable(ctx, c, t, true);
  }
  if (c.isKw("AS") || c.isKw("LIKE")) throw errors.unsupported(`CREATE TABLE ... ${c.peek()!.value.toUpperCase()}`);
  const columns = parseColumns(c);
  const opts = options(c);
  // Tables, views and streams share one name space in a schema (a stream is read like a table).
  const exists = t.schema.tables[t.name] || t.schema.views[t.name] || t.schema.streams?.[t.name];
  if (exists) {
    if (ine) return status(`${t.name} already exists, statement succeeded.`);
    if (!flags.orReplace || !t.schema.tables[t.name]) throw errors.alreadyExists(t.display);
  }
  const ref = duckTable(ctx.me.account.locator, t.db.name, t.schema.name, t.name);
  const defs = columns.map(
    (col) =>
      `${quoteIdent(col.name)} ${parseSfType(col.sfType).duck}${col.defaultSql ? ` DEFAULT ${col.defaultSql}` : ""}` +
      (col.nullable ? "" : " NOT NULL"),
  );
  await ctx.store.run(`CREATE OR REPLACE TABLE ${ref} (${defs.join(", ")})`);
  const now = nowIso();
  // Like a replaced view (createView): the new table has no grants to shares unless COPY GRANTS (read by
  // options() as the pair COPY → GRANTS), and no row access policy.
  if (exists && opts.COPY !== "GRANTS") dropShareGrantsOn(ctx, [t.db.name, t.schema.name, t.name]);
  t.schema.tables[t.name] = {
    name: t.name,
    columns,
    comment: opts.COMMENT ?? null,
    createdOn: now,
    lastAltered: now,
    owner: ctx.session.role,
    ...retention(opts),
  };
  ctx.dirty = true;
  return status(`Table ${t.name} successfully created.`);
}

/** DATA_RETENTION_TIME_IN_DAYS / MAX_DATA_EXTENSION_TIME_IN_DAYS: recorded for stream staleness (streams.ts). */
function retention(opts: Record<string, string>): { retentionDays?: number; maxExtensionDays?: number } {
  const out: { retentionDays?: number; maxExtensionDays?: number } = {};
  for (const [key, field] of [
    ["DATA_RETENTION_TIME_IN_DAYS", "retentionDays"],
    ["MAX_DATA_EXTENSION_TIME_IN_DAYS", "maxExtensionDays"],
  ] as const) {
    if (opts[key] === undefined) continue;
    const n = Number(opts[key]);
    if (!Number.isInteger(n) || n < 0 || n > 90) throw errors.invalid(`Invalid value '${opts[key]}' for ${key}.`);
    out[field] = n;
  }
  return out;
}

export async function createView(ctx: ExecCtx, c: Cursor, flags: CreateFlags, statementText: string): Promise<Partial> {
  const ine = ifNotExists(c, flags);
  const t = targetSchema(ctx, c.qualifiedName(3), "CREATE VIEW");
  const list = c.isOp("(") ? viewColumnList(c) : null;
  const clauses = viewClauses(ctx, c);
  const opts = clauses.options;
  c.expectKw("AS");
  const body = c.rest();
  if (body.length === 0) throw c.fail();
  const selectSql = c.restText();
  const exists = t.schema.tables[t.name] || t.schema.views[t.name] || t.schema.streams?.[t.name];
  if (exists) {
    if (ine) return status(`${t.name} already exists, statement succeeded.`);
    if (!flags.orReplace || !t.schema.views[t.name]) throw errors.alreadyExists(t.display);
  }
  // checked: the creating role must be able to read what the view reads (access-control-privileges, CREATE VIEW).
  const cols = await describeQuery(ctx, body, {
    locator: ctx.me.account.locator,
    database: t.db.name,
    schema: t.schema.name,
    checked: true,
  });
  if (list && list.length !== cols.length)
    throw errors.invalid(`The view column list has ${list.length} columns but the query returns ${cols.length}.`);
  // A view column's COMMENT is its own (set in the column list), never the base column's: Snowflake's
  // CREATE VIEW documents column comments only through <column_list> / ALTER VIEW … COMMENT.
  const view: ViewMeta = {
    name: t.name,
    secure: flags.secure,
    definition: statementText,
    selectSql,
    comment: opts.COMMENT ?? null,
    createdOn: nowIso(),
    owner: ctx.session.role,
    columns: cols.map((col, k) => ({
      name: list?.[k].name ?? col.name,
      sfType: col.sfType,
      nullable: col.nullable,
      comment: list?.[k].comment ?? null,
    })),
    ...(list ? { columnNames: list.map((x) => x.name) } : {}),
  };
  // The replacement is a new object: the old one's row access policy does not carry over (only the
  // statement's own WITH ROW ACCESS POLICY applies), and without COPY GRANTS its grants — including grants
  // to shares — are dropped (create-view: COPY GRANTS; release-notes/bcr-bundles/2026_08/bcr-2433 "before
  // the change", the default while that bundle is disabled).
  if (clauses.policy) attach(ctx, view, t.display, clauses.policy);
  if (exists && !clauses.copyGrants) dropShareGrantsOn(ctx, [t.db.name, t.schema.name, t.name]);
  t.schema.views[t.name] = view;
  ctx.dirty = true;
  return status(`View ${t.name} successfully created.`);
}

/**
 * The clauses between CREATE VIEW's name (and column list) and AS, in any order: COPY GRANTS,
 * [WITH] ROW ACCESS POLICY p ON (col, …), COMMENT = '…' and other KEY = value options.
 */
function viewClauses(
  ctx: ExecCtx,
  c: Cursor,
): { copyGrants: boolean; policy: PolicyAttachment | null; options: Record<string, string> } {
  const out = { copyGrants: false, policy: null as PolicyAttachment | null, options: {} as Record<string, string> };
  while (!c.atEnd() && !c.isKw("AS")) {
    if (c.acceptKw("COPY", "GRANTS")) out.copyGrants = true;
    else if (c.acceptKw("WITH", "ROW", "ACCESS", "POLICY") || c.acceptKw("ROW", "ACCESS", "POLICY")) {
      if (out.policy) throw c.fail();
      out.policy = readAttachment(ctx, c);
    } else {
      const key = c.name();
      c.acceptOp("=");
      out.options[key] = c.value();
    }
  }
  return out;
}

/** Removes every grant of this account's shares on the object (a replaced view without COPY GRANTS). */
function dropShareGrantsOn(ctx: ExecCtx, parts: string[]) {
  const key = parts.join("\u0000");
  for (const share of Object.values(ctx.me.shares)) {
    share.grants = share.grants.filter((g) => g.parts.join("\u0000") !== key);
  }
}

/** `( name [COMMENT '…'] [, …] )` after CREATE VIEW's name: renames the query's columns, in order. */
function viewColumnList(c: Cursor): { name: string; comment: string | null }[] {
  const out: { name: string; comment: string | null }[] = [];
  c.expectOp("(");
  do {
    const name = c.name();
    out.push({ name, comment: c.acceptKw("COMMENT") ? c.string() : null });
  } while (c.acceptOp(","));
  c.expectOp(")");
  return out;
}

export async function dropObject(ctx: ExecCtx, c: Cursor, kind: "SCHEMA" | "TABLE" | "VIEW"): Promise<Partial> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const parts = c.qualifiedName(kind === "SCHEMA" ? 2 : 3);
  if (!c.acceptKw("CASCADE")) c.acceptKw("RESTRICT"); // accepted and ignored, as Snowflake does
  c.expectEnd();
  const label = kind[0] + kind.slice(1).toLowerCase();
  try {
    if (kind === "SCHEMA") {
      const dbName = parts.length === 2 ? parts[0] : ctx.session.database;
      if (!dbName) throw errors.noCurrentDatabase("DROP SCHEMA");
      const db = ownDatabase(ctx, dbName);
      const name = parts[parts.length - 1];
      if (!db.schemas[name]) throw errors.doesNotExist(label, qualified(dbName, name));
      requireOwnership(ctx, "schema", qualified(dbName, name), db.schemas[name].owner);
      await ctx.store.run(
        `DROP SCHEMA IF EXISTS ${quoteIdent(duckSchema(ctx.me.account.locator, dbName, name))} CASCADE`,
      );
      delete db.schemas[name];
      if (ctx.session.database === dbName && ctx.session.schema === name) ctx.session.schema = null;
      ctx.dirty = true;
      return status(`${name} successfully dropped.`);
    }
    const t = targetSchema(ctx, parts, `DROP ${kind}`);
    const bag = kind === "TABLE" ? t.schema.tables : t.schema.views;
    if (!bag[t.name]) throw errors.doesNotExist(label, t.display);
    if (kind === "TABLE")
      await ctx.store.run(
        `DROP TABLE IF EXISTS ${duckTable(ctx.me.account.locator, t.db.name, t.schema.name, t.name)}`,
      );
    delete bag[t.name];
    ctx.dirty = true;
    return status(`${t.name} successfully dropped.`);
  } catch (e) {
    if (ifExists && (e as { code?: string }).code === "002003") {
      return status(`Drop statement executed successfully (${parts[parts.length - 1]} already dropped).`);
    }
    throw e;
  }
}
