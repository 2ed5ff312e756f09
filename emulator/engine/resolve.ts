// Name resolution: 1/2/3-part names against a naming context, databases created FROM SHARE (checked
// against the provider's live share on every use) and owner's-rights lookups in the provider account.
import type { AccountState, Column, DatabaseMeta, SchemaMeta, Share, TableMeta, ViewMeta } from "./catalog";
import type { ExecCtx } from "./context";
import { errors } from "./errors";
import { qualified } from "./identifiers";

export type NameCtx = { locator: string; database: string | null; schema: string | null };

export type DbView = {
  owner: AccountState; // the account whose storage holds the data (provider for shared databases)
  db: DatabaseMeta; // the database as stored in the owner account
  localName: string; // the name the caller used
  share: Share | null; // set when reached through a share
};

export type Relation =
  | { kind: "table"; where: DbView; schema: SchemaMeta; table: TableMeta }
  | { kind: "view"; where: DbView; schema: SchemaMeta; view: ViewMeta };

export function shareSource(ctx: ExecCtx, consumer: AccountState, db: DatabaseMeta): { provider: AccountState; share: Share; db: DatabaseMeta } {
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
  if (db.kind !== "IMPORTED") return { owner: account, db, localName: name, share: null };
  const src = shareSource(ctx, account, db);
  return { owner: src.provider, db: src.db, localName: name, share: src.share };
}

export const shareGrants = (share: Share, grantedOn: string, parts: string[]) =>
  share.grants.some((g) => g.grantedOn === grantedOn && g.parts.join("\u0000") === parts.join("\u0000"));

/** Schemas of a database visible to the caller (all, or the ones granted to the share). */
export function visibleSchemas(where: DbView): SchemaMeta[] {
  const all = Object.values(where.db.schemas);
  if (!where.share) return all;
  return all.filter((s) => shareGrants(where.share!, "SCHEMA", [where.db.name, s.name]));
}

export function visibleObjects(where: DbView, schema: SchemaMeta): { tables: TableMeta[]; views: ViewMeta[] } {
  const tables = Object.values(schema.tables);
  const views = Object.values(schema.views);
  if (!where.share) return { tables, views };
  const ok = (kind: string, name: string) => shareGrants(where.share!, kind, [where.db.name, schema.name, name]);
  return { tables: tables.filter((t) => ok("TABLE", t.name)), views: views.filter((v) => ok("VIEW", v.name)) };
}

/** Completes a 1/2/3-part object name with the naming context's database and schema. */
export function completeName(names: NameCtx, parts: string[], command: string): [string, string, string] {
  if (parts.length === 3) return parts as [string, string, string];
  if (!names.database) throw errors.noCurrentDatabase(command);
  if (parts.length === 2) return [names.database, parts[0], parts[1]];
  if (!names.schema) throw errors.noCurrentSchema(command);
  return [names.database, names.schema, parts[0]];
}

export function resolveRelation(ctx: ExecCtx, names: NameCtx, parts: string[], command: string): Relation {
  const [dbName, schemaName, objName] = completeName(names, parts, command);
  const display = qualified(dbName, schemaName, objName);
  let where: DbView;
  try { where = databaseFor(ctx, names, dbName); } catch (e) {
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

export function schemaFor(ctx: ExecCtx, names: NameCtx, parts: string[], command: string): { where: DbView; schema: SchemaMeta } {
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
