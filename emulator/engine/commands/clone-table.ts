// `CREATE [OR REPLACE] TABLE [IF NOT EXISTS] t CLONE src [COPY GRANTS]` (sql/create-clone): a new, independent table
// with the source's columns and rows at the time of the statement; later changes to either do not show in the other.
// Grants on the source are not copied (object-clone, "Access control privileges for cloned objects"; COPY GRANTS,
// which copies them except OWNERSHIP, is refused as not supported). The clone is owned by the role that ran
// the statement. Time Travel (`AT | BEFORE (…)`) is not modelled; schema and database clones are not supported.
import { nowIso, type TableMeta } from "../catalog";
import type { ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { duckTable, quoteIdent } from "../identifiers";
import { resolveRelation } from "../resolve";
import { status, type Partial } from "../result";
import { parseSfType } from "../sf-types";
import { sessionNames } from "./query";

type Target = { db: { name: string }; schema: { name: string; tables: Record<string, TableMeta> }; name: string };

export async function cloneTable(ctx: ExecCtx, c: Cursor, t: Target, replace: boolean): Promise<Partial> {
  const sourceParts = c.qualifiedName(3);
  if (c.isKw("COPY")) throw errors.unsupported("CREATE TABLE … CLONE … COPY GRANTS");
  if (c.isKw("AT") || c.isKw("BEFORE")) throw errors.unsupported("CREATE TABLE … CLONE … AT | BEFORE (Time Travel)");
  const rel = resolveRelation(ctx, sessionNames(ctx), sourceParts, "CREATE TABLE", "SELECT");
  if (rel.kind !== "table") throw errors.invalid(`Object '${sourceParts.join(".")}' is not a table.`);
  // data-share-consumers, "General limitations for shared databases": cloning a shared database's tables is not
  // supported (the error's code and text are unverified).
  if (rel.where.share) throw errors.unsupported("Cloning a table of a database created from a share");
  const source = rel.table;
  const from = duckTable(rel.where.owner.account.locator, rel.where.db.name, rel.schema.name, source.name);
  const to = duckTable(ctx.me.account.locator, t.db.name, t.schema.name, t.name);
  const defs = source.columns.map(
    (col) =>
      `${quoteIdent(col.name)} ${parseSfType(col.sfType).duck}${col.defaultSql ? ` DEFAULT ${col.defaultSql}` : ""}` +
      (col.nullable ? "" : " NOT NULL"),
  );
  if (!replace && t.schema.tables[t.name]) throw errors.alreadyExists(t.name);
  await ctx.store.run(`CREATE OR REPLACE TABLE ${to} (${defs.join(", ")})`);
  await ctx.store.run(`INSERT INTO ${to} SELECT * FROM ${from}`);
  const now = nowIso();
  t.schema.tables[t.name] = {
    name: t.name,
    columns: source.columns.map((col) => ({ ...col })),
    comment: source.comment,
    createdOn: now,
    lastAltered: now,
    owner: ctx.session.role,
    ...(source.retentionDays !== undefined ? { retentionDays: source.retentionDays } : {}),
  };
  ctx.dirty = true;
  return status(`Table ${t.name} successfully created.`);
}
