// Name resolution: 1/2/3-part names against a naming context, databases created FROM SHARE (checked
// against the provider's live share on every use) and owner's-rights lookups in the provider account.
import type { AccountState, Column, DatabaseMeta, SchemaMeta, Share, TableMeta, ViewMeta } from "./catalog";
import type { ExecCtx } from "./context";
import { errors } from "./errors";
import { qualified } from "./identifiers";
import { holds, importedAccess, localAccess, requireOwnership, shareAllows, type Allow } from "./privileges";

/**
 * A naming context. `checked`: names the session itself wrote, resolved with its roles' privileges (privileges.ts);
 * absent inside view, policy and UDF bodies, which run with their owner's rights.
 */
export type NameCtx = { locator: string; database: string | null; schema: string | null; checked?: boolean };

export type DbView = {
  owner: AccountState; // the account whose storage holds the data (provider for shared databases)
  db: DatabaseMeta; // the database as stored in the owner account
  localName: string; // the name the caller used
  share: Share | null; // set when reached through a share
  allows: Allow | null; // what the caller may see inside (null: everything — the owner's rights)
};

export type Relation =
  | { kind: "table"; where: DbView; schema: SchemaMeta; table: TableMeta }
  | { kind: "view"; where: DbView; schema: SchemaMeta; view: ViewMeta };

export function shareSource(
  ctx: ExecCtx,
  consumer: AccountState,
  db: DatabaseMeta,
): { provider: AccountState; share: Share; db: DatabaseMeta } {
  const src = db.fromShare!;
  const provider = ctx.catalog.accounts[src.providerLocator];
  const share = provider?.shares[src.share];
  if (!share || share.id !== src.shareId) throw errors.sharedDatabaseUnavailable();
  const entry = share.accounts.find((a) => a.locator === consumer.account.locator);
  if (!entry || entry.addedOn > src.mountedOn) throw errors.sharedDatabaseUnavailable();
  const usage = share.grants.find((g) => g.grantedOn === "DATABASE" && g.privilege === "USAGE");
  const providerDb = usage && provider.databases[usage.parts[0]];
  if (!providerDb) throw errors.sharedDatabaseUnavailable();
  return { provider, share, db: providerDb };
}

export function databaseFor(ctx: ExecCtx, names: NameCtx, name: string, kind = "Database"): DbView {
  const account = ctx.catalog.accounts[names.locator];
  const db = account.databases[name];
  if (!db) throw errors.doesNotExist(kind, qualified(name));
  if (db.kind !== "IMPORTED") {
    const allows = names.checked ? localAccess(ctx, db) : null;
    if (names.checked && !allows) throw errors.doesNotExist(kind, qualified(name));
    return { owner: account, db, localName: name, share: null, allows };
  }
  const src = shareSource(ctx, account, db);
  // A consumer role without IMPORTED PRIVILEGES (or a shared database role) cannot see the database at all.
  const allows = names.checked
    ? importedAccess(ctx, db, src.provider, src.share, src.db.name)
    : shareAllows(src.provider, src.share);
  if (!allows) throw errors.doesNotExist(kind, qualified(name));
  return { owner: src.provider, db: src.db, localName: name, share: src.share, allows };
}

export const shareGrants = (share: Share, grantedOn: string, parts: string[]) =>
  share.grants.some((g) => g.grantedOn === grantedOn && g.parts.join("\u0000") === parts.join("\u0000"));

/** Schemas of a database visible to the caller (all, or the ones its roles / the share were granted). */
export function visibleSchemas(where: DbView): SchemaMeta[] {
  const all = Object.values(where.db.schemas);
  if (!where.allows) return all;
  return all.filter((s) => where.allows!("SCHEMA", [where.db.name, s.name], s.owner));
}

export function visibleObjects(where: DbView, schema: SchemaMeta): { tables: TableMeta[]; views: ViewMeta[] } {
  const tables = Object.values(schema.tables);
  const views = Object.values(schema.views);
  if (!where.allows) return { tables, views };
  const ok = (kind: "TABLE" | "VIEW", o: TableMeta | ViewMeta) =>
    where.allows!(kind, [where.db.name, schema.name, o.name], o.owner);
  return { tables: tables.filter((t) => ok("TABLE", t)), views: views.filter((v) => ok("VIEW", v)) };
}

/** Completes a 1/2/3-part object name with the naming context's database and schema. */
export function completeName(names: NameCtx, parts: string[], command: string): [string, string, string] {
  if (parts.length === 3) return parts as [string, string, string];
  if (!names.database) throw errors.noCurrentDatabase(command);
  if (parts.length === 2) return [names.database, parts[0], parts[1]];
  if (!names.schema) throw errors.noCurrentSchema(command);
  return [names.database, names.schema, parts[0]];
}

/**
 * A table or view by name, for `need` (SELECT to read; INSERT/UPDATE/DELETE to write): a role that sees the
 * object but lacks the privilege gets "Insufficient privileges" (access-control-privileges).
 */
export function resolveRelation(
  ctx: ExecCtx,
  names: NameCtx,
  parts: string[],
  command: string,
  need = "SELECT",
): Relation {
  const rel = findRelation(ctx, names, parts, command);
  if (names.checked && !rel.where.share) {
    const obj = rel.kind === "table" ? rel.table : rel.view;
    const on = {
      kind: rel.kind === "table" ? ("TABLE" as const) : ("VIEW" as const),
      parts: [rel.where.db.name, rel.schema.name, obj.name],
    };
    if (!holds(ctx, on, [need], obj.owner)) requireOwnership(ctx, rel.kind, qualified(...on.parts), obj.owner);
  }
  return rel;
}

function findRelation(ctx: ExecCtx, names: NameCtx, parts: string[], command: string): Relation {
  const [dbName, schemaName, objName] = completeName(names, parts, command);
  const display = qualified(dbName, schemaName, objName);
  let where: DbView;
  try {
    where = databaseFor(ctx, names, dbName);
  } catch (e) {
    if ((e as { code?: string }).code === "002003") throw errors.doesNotExist("Object", display);
    throw e;
  }
  const schema = visibleSchemas(where).find((s) => s.name === schemaName);
  if (!schema) throw errors.doesNotExist("Object", display);
  const visible = visibleObjects(where, schema);
  const table = visible.tables.find((t) => t.name === objName);
  if (table) return { kind: "table", where, schema, table };
  const view = visible.views.find((v) => v.name === objName);
  if (view) return { kind: "view", where, schema, view };
  throw errors.doesNotExist("Object", display);
}

export function schemaFor(
  ctx: ExecCtx,
  names: NameCtx,
  parts: string[],
  command: string,
): { where: DbView; schema: SchemaMeta } {
  let dbName: string;
  let schemaName: string;
  if (parts.length === 2) [dbName, schemaName] = parts;
  else {
    if (!names.database) throw errors.noCurrentDatabase(command);
    [dbName, schemaName] = [names.database, parts[0]];
  }
  const where = databaseFor(ctx, names, dbName);
  const schema = visibleSchemas(where).find((s) => s.name === schemaName);
  if (!schema) throw errors.doesNotExist("Schema", qualified(dbName, schemaName));
  return { where, schema };
}

export type ColumnSource = { columns: Column[]; database: string; schema: string; table: string };

export function assertWritable(where: DbView) {
  if (where.share) throw errors.readOnlyDatabase(where.localName, "shared");
  if (where.db.kind === "REPLICA") throw errors.readOnlyDatabase(where.localName, "replica");
}
