// CREATE DATABASE (standard and FROM SHARE), DROP DATABASE and USE.
import { findAccount, nowIso, type AccountState } from "../catalog";
import type { ExecCtx } from "../context";
import { requireCreateDatabase, requireImportShare, requireOwnership, usableRoles } from "../privileges";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { qualified } from "../identifiers";
import { databaseFor, visibleSchemas } from "../resolve";
import { status, TYPE_IDS, type Partial } from "../result";
import { createStandardDatabase, dropDatabaseMeta, ifNotExists, options, type CreateFlags } from "./objects";
import { sessionNames } from "./query";

/** Provider account + share from `ORG.ACCT.SHARE` or `LOCATOR.SHARE`. */
export function shareOwner(ctx: ExecCtx, parts: string[]): AccountState | undefined {
  return parts.length === 3 ? findAccount(ctx.catalog, parts[0], parts[1]) : findAccount(ctx.catalog, parts[0]);
}

export async function createDatabase(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Promise<Partial> {
  const ine = ifNotExists(c, flags);
  const name = c.name();
  requireCreateDatabase(ctx);
  let shareParts: string[] | null = null;
  if (c.acceptKw("FROM", "SHARE")) {
    shareParts = c.qualifiedName(3);
    if (shareParts.length < 2) throw c.fail();
    requireImportShare(ctx);
  }
  if (c.isKw("AS") || c.isKw("CLONE"))
    throw errors.unsupported(`CREATE DATABASE ... ${c.peek()!.value.toUpperCase()} (use replication groups)`);
  const opts = options(c);
  const existing = ctx.me.databases[name];
  if (existing) {
    if (ine) return status(`${name} already exists, statement succeeded.`);
    if (!flags.orReplace) throw errors.alreadyExists(qualified(name));
    if (existing.kind === "REPLICA") throw errors.invalid(`Cannot replace secondary database '${name}'.`);
  }
  if (shareParts) {
    const provider = shareOwner(ctx, shareParts);
    const shareName = shareParts[shareParts.length - 1];
    const share = provider?.shares[shareName];
    const me = ctx.me.account;
    const entitled =
      !!share &&
      !!provider &&
      provider.account.region === me.region &&
      share.accounts.some((a) => a.locator === me.locator);
    if (!entitled) throw errors.doesNotExist("Share", shareParts.map((p) => qualified(p)).join("."));
    if (existing) await dropDatabaseMeta(ctx, existing);
    ctx.me.databases[name] = {
      name,
      comment: opts.COMMENT ?? null,
      createdOn: nowIso(),
      kind: "IMPORTED",
      schemas: {},
      owner: ctx.session.role,
      fromShare: {
        providerLocator: provider!.account.locator,
        share: shareName,
        shareId: share!.id,
        mountedOn: nowIso(),
      },
    };
    ctx.dirty = true;
  } else {
    if (existing) await dropDatabaseMeta(ctx, existing);
    await createStandardDatabase(ctx, name, opts.COMMENT ?? null);
  }
  ctx.session.database = name;
  ctx.session.schema = shareParts ? null : "PUBLIC";
  return status(`Database ${name} successfully created.`);
}

export async function dropDatabase(ctx: ExecCtx, c: Cursor): Promise<Partial> {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.name();
  if (!c.acceptKw("CASCADE")) c.acceptKw("RESTRICT"); // accepted and ignored, as Snowflake does
  c.expectEnd();
  const db = ctx.me.databases[name];
  if (!db) {
    if (ifExists) return status(`Drop statement executed successfully (${name} already dropped).`);
    throw errors.doesNotExist("Database", qualified(name));
  }
  requireOwnership(ctx, "database", name, db.owner);
  await dropDatabaseMeta(ctx, db);
  if (ctx.session.database === name) {
    ctx.session.database = null;
    ctx.session.schema = null;
  }
  return status(`${name} successfully dropped.`);
}

export function use(ctx: ExecCtx, c: Cursor): Partial {
  const kind = c.acceptKw("DATABASE")
    ? "DATABASE"
    : c.acceptKw("SCHEMA")
      ? "SCHEMA"
      : c.acceptKw("ROLE")
        ? "ROLE"
        : c.acceptKw("WAREHOUSE")
          ? "WAREHOUSE"
          : c.acceptKw("SECONDARY", "ROLES")
            ? "SECONDARY"
            : null;
  if (kind === "SECONDARY") return useSecondaryRoles(ctx, c);
  const parts = c.qualifiedName(kind === "SCHEMA" || kind === null ? 2 : 1);
  c.expectEnd();
  if (kind === "ROLE") {
    // Any role granted to the user, directly or lower in the hierarchy of a granted role (use-role).
    const role = parts[0];
    if (!usableRoles(ctx.me, ctx.session.user).has(role)) throw errors.doesNotExist("Role", qualified(role));
    ctx.session.role = role;
  } else if (kind === "WAREHOUSE") {
    ctx.session.warehouse = parts[0];
  } else if (kind === "DATABASE" || (kind === null && parts.length === 1 && ctx.me.databases[parts[0]])) {
    const where = databaseFor(ctx, sessionNames(ctx), parts[0]);
    ctx.session.database = parts[0];
    ctx.session.schema = visibleSchemas(where).some((s) => s.name === "PUBLIC") ? "PUBLIC" : null;
  } else {
    const dbName = parts.length === 2 ? parts[0] : ctx.session.database;
    if (!dbName) throw errors.noCurrentDatabase("USE SCHEMA");
    const where = databaseFor(ctx, sessionNames(ctx), dbName);
    const name = parts[parts.length - 1];
    if (!visibleSchemas(where).some((s) => s.name === name))
      throw errors.doesNotExist("Schema", qualified(dbName, name));
    ctx.session.database = dbName;
    ctx.session.schema = name;
  }
  return status("Statement executed successfully.", TYPE_IDS.USE);
}

/** USE SECONDARY ROLES ALL | NONE | r [, …] (use-secondary-roles): each listed role must be granted to the user. */
function useSecondaryRoles(ctx: ExecCtx, c: Cursor): Partial {
  let value: "ALL" | "NONE" | string[];
  if (c.acceptKw("ALL")) value = "ALL";
  else if (c.acceptKw("NONE")) value = "NONE";
  else {
    const roles: string[] = [];
    do roles.push(c.name());
    while (c.acceptOp(","));
    const usable = usableRoles(ctx.me, ctx.session.user);
    for (const r of roles) if (!usable.has(r)) throw errors.doesNotExist("Role", qualified(r));
    value = roles;
  }
  c.expectEnd();
  ctx.session.secondaryRoles = value;
  return status("Statement executed successfully.", TYPE_IDS.USE);
}
