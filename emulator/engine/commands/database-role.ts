// Database roles: CREATE [OR REPLACE] DATABASE ROLE [IF NOT EXISTS], DROP DATABASE ROLE [IF EXISTS],
// GRANT | REVOKE DATABASE ROLE db.r TO | FROM ROLE | DATABASE ROLE | SHARE, SHOW DATABASE ROLES IN DATABASE.
// A database from a share has the database roles the provider granted to the share; the consumer grants them to
// its own roles (grant-database-role-share, data-sharing-provider "Grant a database role to a share").
import { nowIso, type DatabaseMeta, type DatabaseRoleMeta, type Share } from "../catalog";
import { requireRole, type ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { likeToRegExp, qualified } from "../identifiers";
import { grantsOf, requireCreate, requireOwnership, SHAREABLE_PRIVILEGES } from "../privileges";
import { shareSource } from "../resolve";
import { status, success, table, type Partial } from "../result";
import type { CellValue } from "../types";
import { ifNotExists, options, type CreateFlags } from "./objects";
import { ownShare } from "./share";

const display = (parts: string[]) => qualified(...parts);

/** `[db.]role` → the database (local name) and the role; a database from a share lists the share's database roles. */
export function databaseRoleOf(
  ctx: ExecCtx,
  parts: string[],
): { db: DatabaseMeta; role: DatabaseRoleMeta; share: Share | null } {
  const full = parts.length === 2 ? parts : [ctx.session.database ?? "", parts[0]];
  if (!full[0]) throw errors.noCurrentDatabase("GRANT DATABASE ROLE");
  const db = ctx.me.databases[full[0]];
  const missing = () => errors.doesNotExist("Database role", display(full));
  if (!db) throw missing();
  if (db.kind === "IMPORTED") {
    const src = shareSource(ctx, ctx.me, db);
    const granted = src.share.grants.find(
      (g) => g.grantedOn === "DATABASE_ROLE" && g.parts[0] === src.db.name && g.parts[1] === full[1],
    );
    const role = granted && src.db.databaseRoles?.[full[1]];
    if (!granted || !role) throw missing();
    return { db, role: { ...role, createdOn: granted.createdOn }, share: src.share };
  }
  const role = db.databaseRoles?.[full[1]];
  if (!role) throw missing();
  return { db, role, share: null };
}

/** Shares of this account that hold the database role [db, role]. */
export function sharesHolding(ctx: ExecCtx, parts: string[]): Share[] {
  return Object.values(ctx.me.shares).filter((s) =>
    s.grants.some((g) => g.grantedOn === "DATABASE_ROLE" && g.parts.join(".") === parts.join(".")),
  );
}

export function createDatabaseRole(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Partial {
  const ine = ifNotExists(c, flags);
  const parts = c.qualifiedName(2);
  const opts = options(c);
  const full = parts.length === 2 ? parts : [ctx.session.database ?? "", parts[0]];
  if (!full[0]) throw errors.noCurrentDatabase("CREATE DATABASE ROLE");
  const db = ctx.me.databases[full[0]];
  if (!db) throw errors.doesNotExist("Database", qualified(full[0]));
  if (db.kind !== "STANDARD")
    throw errors.invalid(
      `Cannot create a database role in ${db.kind === "IMPORTED" ? "shared" : "secondary"} database '${db.name}'.`,
    );
  requireCreate(ctx, { kind: "DATABASE", parts: [db.name] }, "DATABASE ROLE", db.owner);
  const roles = (db.databaseRoles ??= {});
  if (roles[full[1]]) {
    if (ine) return status(`${full[1]} already exists, statement succeeded.`);
    if (!flags.orReplace) throw errors.alreadyExists(display(full));
    forgetDatabaseRole(ctx, full);
  }
  roles[full[1]] = { name: full[1], comment: opts.COMMENT ?? null, createdOn: nowIso(), owner: ctx.session.role };
  ctx.dirty = true;
  return status(`Database role ${full[1]} successfully created.`);
}

/** Removes every grant to and of a database role (DROP, or OR REPLACE: a new role has no grants). */
function forgetDatabaseRole(ctx: ExecCtx, parts: string[]) {
  const k = parts.join(".");
  ctx.me.grants = grantsOf(ctx.me).filter(
    (g) =>
      !(
        (g.to.kind === "DATABASE ROLE" && g.to.parts.join(".") === k) ||
        (g.on.kind === "DATABASE ROLE" && g.on.parts.join(".") === k)
      ),
  );
  for (const s of Object.values(ctx.me.shares))
    s.grants = s.grants.filter((g) => !(g.grantedOn === "DATABASE_ROLE" && g.parts.join(".") === k));
}

export function dropDatabaseRole(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const parts = c.qualifiedName(2);
  c.expectEnd();
  let found: ReturnType<typeof databaseRoleOf>;
  try {
    found = databaseRoleOf(ctx, parts);
  } catch (e) {
    if (ifExists && (e as { code?: string }).code === "002003")
      return status(`Drop statement executed successfully (${parts[parts.length - 1]} already dropped).`);
    throw e;
  }
  if (found.share)
    throw errors.invalid(`Cannot drop database role '${display(parts)}' of a database created from a share.`);
  requireOwnership(ctx, "database role", display([found.db.name, found.role.name]), found.role.owner);
  forgetDatabaseRole(ctx, [found.db.name, found.role.name]);
  delete found.db.databaseRoles![found.role.name];
  ctx.dirty = true;
  return status(`${found.role.name} successfully dropped.`);
}

/** GRANT | REVOKE DATABASE ROLE [db.]r TO | FROM ROLE p | DATABASE ROLE db.p | SHARE s. */
export function grantDatabaseRole(ctx: ExecCtx, c: Cursor, revoke: boolean): Partial {
  const parts = c.qualifiedName(2);
  c.expectKw(revoke ? "FROM" : "TO");
  const kind = c.acceptKw("SHARE")
    ? "SHARE"
    : c.acceptKw("DATABASE", "ROLE")
      ? "DATABASE ROLE"
      : c.acceptKw("ROLE")
        ? "ROLE"
        : null;
  if (!kind) throw c.fail();
  const grantee = kind === "DATABASE ROLE" ? c.qualifiedName(2) : [c.name()];
  c.expectEnd();
  const found = databaseRoleOf(ctx, parts);
  const role = [found.db.name, found.role.name];
  // The owner of a shared database's roles is the role owning the mounted database.
  const owner = found.share ? found.db.owner : found.role.owner;
  if (kind === "SHARE") return grantToShare(ctx, found, grantee[0], revoke);
  requireOwnership(ctx, "database role", display(role), owner, true);
  let to: string[];
  if (kind === "ROLE") {
    if (!ctx.me.roles.includes(grantee[0])) throw errors.doesNotExist("Role", qualified(grantee[0]));
    to = grantee;
  } else {
    const target = databaseRoleOf(ctx, grantee);
    // A database role can be granted only to another database role of the same database (grant-database-role).
    if (target.db.name !== found.db.name)
      throw errors.invalid(
        `Database role '${display(role)}' can only be granted to database roles in database '${found.db.name}'.`,
      );
    to = [target.db.name, target.role.name];
  }
  const same = (g: { on: { kind: string; parts: string[] }; to: { kind: string; parts: string[] } }) =>
    g.on.kind === "DATABASE ROLE" &&
    g.on.parts.join(".") === role.join(".") &&
    g.to.kind === kind &&
    g.to.parts.join(".") === to.join(".");
  if (revoke) ctx.me.grants = grantsOf(ctx.me).filter((g) => !same(g));
  else if (!grantsOf(ctx.me).some(same)) {
    grantsOf(ctx.me).push({
      privilege: "USAGE",
      on: { kind: "DATABASE ROLE", parts: role },
      to: { kind: kind as "ROLE" | "DATABASE ROLE", parts: to },
      grantOption: false,
      grantedBy: ctx.session.role,
      createdOn: nowIso(),
    });
  }
  ctx.dirty = true;
  return success();
}

function grantToShare(
  ctx: ExecCtx,
  found: ReturnType<typeof databaseRoleOf>,
  shareName: string,
  revoke: boolean,
): Partial {
  requireRole(ctx, "share", shareName);
  const share = ownShare(ctx, shareName);
  const role = [found.db.name, found.role.name];
  if (found.share)
    throw errors.invalid(`Database '${found.db.name}' was created from a share and cannot be re-shared.`);
  requireOwnership(ctx, "database role", display(role), found.role.owner);
  if (revoke) {
    share.grants = share.grants.filter(
      (g) => !(g.grantedOn === "DATABASE_ROLE" && g.parts.join(".") === role.join(".")),
    );
    ctx.dirty = true;
    return success();
  }
  // The role adds privileges on one database to the share: the share's database (unverified text).
  const usageDb = share.grants.find((g) => g.grantedOn === "DATABASE" && g.privilege === "USAGE")?.parts[0];
  if (usageDb !== found.db.name) {
    throw errors.invalid(
      `Database role '${display(role)}' does not belong to the database that is currently granted to share '${share.name}'. Grant USAGE on database '${found.db.name}' to the share first.`,
    );
  }
  // "Granting a database role to a share fails if any DDL or other restricted privilege was granted to the
  // database role" (grant-database-role-share usage notes; the message is unverified).
  const restricted = grantsOf(ctx.me).find(
    (g) =>
      g.to.kind === "DATABASE ROLE" &&
      g.to.parts.join(".") === role.join(".") &&
      !SHAREABLE_PRIVILEGES.includes(g.privilege),
  );
  if (restricted)
    throw errors.invalid(
      `Cannot grant database role '${display(role)}' to a share: it holds privilege ${restricted.privilege}; a shared database role can only hold read-only privileges.`,
    );
  if (!share.grants.some((g) => g.grantedOn === "DATABASE_ROLE" && g.parts.join(".") === role.join("."))) {
    share.grants.push({ privilege: "USAGE", grantedOn: "DATABASE_ROLE", parts: role, createdOn: nowIso() });
  }
  ctx.dirty = true;
  return success();
}

/** SHOW DATABASE ROLES [LIKE '…'] IN DATABASE db. Columns beyond created_on/name/owner/comment are unverified. */
export function showDatabaseRoles(ctx: ExecCtx, c: Cursor): Partial {
  const like = c.acceptKw("LIKE") ? likeToRegExp(c.string()) : null;
  c.expectKw("IN", "DATABASE");
  const name = c.name();
  c.expectEnd();
  const db = ctx.me.databases[name];
  if (!db) throw errors.doesNotExist("Database", qualified(name));
  let roles: DatabaseRoleMeta[];
  if (db.kind === "IMPORTED") {
    const src = shareSource(ctx, ctx.me, db);
    roles = src.share.grants
      .filter((g) => g.grantedOn === "DATABASE_ROLE" && g.parts[0] === src.db.name)
      .map((g) => src.db.databaseRoles?.[g.parts[1]])
      .filter((r): r is DatabaseRoleMeta => !!r);
  } else roles = Object.values(db.databaseRoles ?? {});
  const grants = grantsOf(ctx.me);
  const rows = roles
    .filter((r) => !like || like.test(r.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => {
      const of = grants.filter(
        (g) => g.on.kind === "DATABASE ROLE" && g.on.parts[0] === db.name && g.on.parts[1] === r.name,
      );
      const held = grants.filter(
        (g) =>
          g.to.kind === "DATABASE ROLE" &&
          g.to.parts[0] === db.name &&
          g.to.parts[1] === r.name &&
          g.on.kind === "DATABASE ROLE",
      );
      return [
        r.createdOn,
        r.name,
        "N",
        "N",
        "N",
        String(of.filter((g) => g.to.kind === "ROLE").length),
        String(of.filter((g) => g.to.kind === "DATABASE ROLE").length),
        String(held.length),
        db.kind === "IMPORTED" ? "" : r.owner,
        r.comment ?? "",
        db.kind === "IMPORTED" ? "" : "ROLE",
      ] as CellValue[];
    });
  return table(
    [
      "created_on",
      "name",
      "is_default",
      "is_current",
      "is_inherited",
      "granted_to_roles",
      "granted_to_database_roles",
      "granted_database_roles",
      "owner",
      "comment",
      "owner_role_type",
    ],
    rows,
  );
}
