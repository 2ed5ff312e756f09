// GRANT/REVOKE: privileges to shares (the provisioner's statements), privileges to account roles and database
// roles (incl. IMPORTED PRIVILEGES on a database from a share), roles to roles and users, database roles to
// roles, database roles and shares. Who may grant, and what a grant means, is ../privileges.ts.
import { nowIso, type DatabaseMeta, type Grantee, type RoleGrant, type Securable, type ShareGrant } from "../catalog";
import { requireRole, type ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { qualified } from "../identifiers";
import { grantsOf, requireOwnership, sameSecurable, SHAREABLE_PRIVILEGES } from "../privileges";
import { completeName } from "../resolve";
import { success, type Partial } from "../result";
import { grantRole } from "./account";
import { databaseRoleOf, grantDatabaseRole, sharesHolding } from "./database-role";
import { readSignature } from "./function";
import { sessionNames } from "./query";
import { grantOnProcedure } from "./procedure";
import { ownShare } from "./share";

type Target = { grantedOn: ShareGrant["grantedOn"]; parts: string[] }[];

/** Privileges each object kind takes (access-control-privileges); ALL expands to these. */
const PRIVILEGES: Record<string, string[]> = {
  ACCOUNT: ["CREATE DATABASE", "IMPORT SHARE"],
  DATABASE: ["USAGE", "MONITOR", "MODIFY", "CREATE SCHEMA", "CREATE DATABASE ROLE"],
  SCHEMA: ["USAGE", "MONITOR", "MODIFY", "CREATE TABLE", "CREATE VIEW", "CREATE FUNCTION", "CREATE ROW ACCESS POLICY"],
  TABLE: ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES"],
  VIEW: ["SELECT", "REFERENCES"],
  FUNCTION: ["USAGE"],
  STREAM: ["SELECT"],
};

/** `USAGE, CREATE SCHEMA, ALL [PRIVILEGES], IMPORTED PRIVILEGES` up to ON. */
function readPrivileges(c: Cursor): string[] {
  const out: string[] = [];
  do {
    let p = c.name();
    if (p === "IMPORTED") {
      c.expectKw("PRIVILEGES");
      p = "IMPORTED PRIVILEGES";
    } else if (p === "ALL") c.acceptKw("PRIVILEGES");
    else if (p === "CREATE") {
      const words: string[] = [];
      while (!c.isKw("ON") && !c.isOp(",") && !c.atEnd()) words.push(c.name());
      p = ["CREATE", ...words].join(" ");
    }
    out.push(p);
  } while (c.acceptOp(","));
  return out;
}

export function grant(ctx: ExecCtx, c: Cursor, revoke: boolean): Partial {
  if (c.acceptKw("ROLE")) return grantRole(ctx, c, revoke);
  if (c.acceptKw("DATABASE", "ROLE")) return grantDatabaseRole(ctx, c, revoke);
  if (c.isKw("OWNERSHIP")) throw errors.unsupported("GRANT OWNERSHIP");
  const privileges = readPrivileges(c);
  c.expectKw("ON");
  if (c.isKw("PROCEDURE")) return grantOnProcedure(ctx, c, privileges, revoke);
  let onKind: string;
  let parts: string[] = [];
  let allIn: "TABLE" | "VIEW" | null = null;
  if (c.isKw("FUTURE")) throw errors.unsupported("Future grants");
  if (c.acceptKw("ALL", "TABLES", "IN", "SCHEMA")) {
    onKind = "SCHEMA";
    allIn = "TABLE";
    parts = c.qualifiedName(2);
  } else if (c.acceptKw("ALL", "VIEWS", "IN", "SCHEMA")) {
    onKind = "SCHEMA";
    allIn = "VIEW";
    parts = c.qualifiedName(2);
  } else if (c.acceptKw("ACCOUNT")) onKind = "ACCOUNT";
  else {
    onKind = c.name();
    parts = c.qualifiedName(3);
    if (onKind === "FUNCTION") readSignature(c);
  }
  c.expectKw(revoke ? "FROM" : "TO");
  let grantee: Grantee | { kind: "SHARE"; parts: string[] };
  if (c.acceptKw("SHARE")) grantee = { kind: "SHARE", parts: [c.name()] };
  else if (c.acceptKw("DATABASE", "ROLE")) grantee = { kind: "DATABASE ROLE", parts: c.qualifiedName(2) };
  else if (c.acceptKw("ROLE")) grantee = { kind: "ROLE", parts: [c.name()] };
  else if (c.isKw("USER")) throw errors.unsupported("GRANT <privilege> … TO USER");
  else {
    c.acceptKw("APPLICATION");
    throw c.fail();
  }
  const grantOption = c.acceptKw("WITH", "GRANT", "OPTION");
  if (!c.acceptKw("CASCADE")) c.acceptKw("RESTRICT"); // accepted and ignored, as Snowflake does
  c.expectEnd();
  if (grantee.kind === "SHARE") return grantToShare(ctx, privileges, onKind, parts, allIn, grantee.parts[0], revoke);
  return grantToRole(ctx, { privileges, onKind, parts, allIn, grantee, grantOption }, revoke);
}

type RoleGrantRequest = {
  privileges: string[];
  onKind: string;
  parts: string[];
  allIn: "TABLE" | "VIEW" | null;
  grantee: Grantee;
  grantOption: boolean;
};

/** The objects a GRANT … TO ROLE | DATABASE ROLE names, each with its owner (the grantor must own it or MANAGE GRANTS). */
function securables(
  ctx: ExecCtx,
  onKind: string,
  parts: string[],
  allIn: "TABLE" | "VIEW" | null,
): { on: Securable; owner: string | undefined | null; db: DatabaseMeta | null }[] {
  const names = sessionNames(ctx);
  const dbOf = (name: string) => {
    const db = ctx.me.databases[name];
    if (!db) throw errors.doesNotExist("Database", qualified(name));
    return db;
  };
  if (onKind === "ACCOUNT") return [{ on: { kind: "ACCOUNT", parts: [] }, owner: null, db: null }];
  if (onKind === "DATABASE") {
    const db = dbOf(parts[0]);
    return [{ on: { kind: "DATABASE", parts: [db.name] }, owner: db.owner, db }];
  }
  if (onKind === "SCHEMA") {
    const full = parts.length === 2 ? parts : [names.database ?? "", parts[0]];
    if (!full[0]) throw errors.noCurrentDatabase("GRANT");
    const db = dbOf(full[0]);
    const schema = db.schemas[full[1]];
    if (!schema) throw errors.doesNotExist("Schema", qualified(...full));
    if (allIn === "TABLE")
      return Object.values(schema.tables).map((t) => ({
        on: { kind: "TABLE" as const, parts: [...full, t.name] },
        owner: t.owner,
        db,
      }));
    if (allIn === "VIEW")
      return Object.values(schema.views).map((v) => ({
        on: { kind: "VIEW" as const, parts: [...full, v.name] },
        owner: v.owner,
        db,
      }));
    return [{ on: { kind: "SCHEMA", parts: full }, owner: schema.owner, db }];
  }
  if (!["TABLE", "VIEW", "FUNCTION", "STREAM"].includes(onKind)) throw errors.unsupported(`GRANT … ON ${onKind}`);
  const full = completeName(names, parts, "GRANT");
  const db = dbOf(full[0]);
  const schema = db.schemas[full[1]];
  const obj =
    onKind === "TABLE"
      ? schema?.tables[full[2]]
      : onKind === "VIEW"
        ? schema?.views[full[2]]
        : onKind === "STREAM"
          ? schema?.streams?.[full[2]]
          : schema?.functions?.[full[2]];
  if (!obj) throw errors.doesNotExist(onKind[0] + onKind.slice(1).toLowerCase(), qualified(...full));
  return [{ on: { kind: onKind as "TABLE" | "VIEW" | "FUNCTION" | "STREAM", parts: full }, owner: obj.owner, db }];
}

function grantToRole(ctx: ExecCtx, r: RoleGrantRequest, revoke: boolean): Partial {
  if (r.grantee.kind === "ROLE" && !ctx.me.roles.includes(r.grantee.parts[0]))
    throw errors.doesNotExist("Role", qualified(r.grantee.parts[0]));
  let granteeDb: string | null = null;
  if (r.grantee.kind === "DATABASE ROLE") {
    const dbr = databaseRoleOf(ctx, r.grantee.parts);
    r.grantee = { kind: "DATABASE ROLE", parts: [dbr.db.name, dbr.role.name] };
    granteeDb = dbr.db.name;
  }
  const targets = securables(ctx, r.onKind, r.parts, r.allIn);
  const allowed = PRIVILEGES[r.onKind === "SCHEMA" && r.allIn ? r.allIn : r.onKind] ?? [];
  const privileges = r.privileges.flatMap((p) => (p === "ALL" ? allowed : [p]));
  const now = nowIso();
  for (const t of targets) {
    const display = qualified(...t.on.parts);
    const imported = t.db?.kind === "IMPORTED";
    for (const p of privileges) {
      // IMPORTED PRIVILEGES is the one privilege a database from a share takes (consumer side, data-share-consumers).
      if (p === "IMPORTED PRIVILEGES") {
        if (t.on.kind !== "DATABASE") throw errors.invalid(`IMPORTED PRIVILEGES can only be granted on a database.`);
        if (!imported)
          throw errors.invalid(
            `IMPORTED PRIVILEGES can only be granted on a database created from a share; '${t.on.parts[0]}' is not.`,
          );
      } else if (imported)
        throw errors.invalid(
          `Only IMPORTED PRIVILEGES can be granted on database '${t.on.parts[0]}' created from a share, or on its objects.`,
        );
      else if (!allowed.includes(p))
        throw errors.invalid(`Invalid privilege ${p} for ${t.on.kind.toLowerCase()} '${display}'.`);
    }
    // A database role holds privileges on objects of its own database only (database-roles overview). Unverified text.
    if (granteeDb && t.on.kind !== "ACCOUNT" && t.on.parts[0] !== granteeDb) {
      throw errors.invalid(
        `Cannot grant privileges on '${display}' to database role '${qualified(...r.grantee.parts)}': a database role can only be granted privileges on objects in its own database.`,
      );
    }
    if (granteeDb && !revoke && sharesHolding(ctx, r.grantee.parts).length > 0) {
      const bad = privileges.find((p) => !SHAREABLE_PRIVILEGES.includes(p));
      if (bad)
        throw errors.invalid(
          `Cannot grant privilege ${bad} to database role '${qualified(...r.grantee.parts)}': it is granted to a share, and a shared database role can only hold read-only privileges.`,
        );
    }
    requireOwnership(
      ctx,
      t.on.kind.toLowerCase(),
      display || ctx.me.account.name,
      t.owner ?? (t.on.kind === "ACCOUNT" ? "ACCOUNTADMIN" : undefined),
      true,
    );
    const list = grantsOf(ctx.me);
    for (const p of privileges) {
      const same = (g: RoleGrant) =>
        g.privilege === p &&
        sameSecurable(g.on, t.on) &&
        g.to.kind === r.grantee.kind &&
        g.to.parts.join(".") === r.grantee.parts.join(".");
      if (revoke) ctx.me.grants = list.filter((g) => !same(g));
      else if (!list.some(same))
        list.push({
          privilege: p,
          on: t.on,
          to: r.grantee,
          grantOption: r.grantOption,
          grantedBy: ctx.session.role,
          createdOn: now,
        });
    }
  }
  ctx.dirty = true;
  return success();
}

function grantToShare(
  ctx: ExecCtx,
  privileges: string[],
  onKind: string,
  parts: string[],
  allIn: "TABLE" | "VIEW" | null,
  shareName: string,
  revoke: boolean,
): Partial {
  requireRole(ctx, "share", shareName);
  const share = ownShare(ctx, shareName);
  // SECURE_OBJECTS_ONLY = FALSE shares may hold non-secure views (Snowflake's CREATE SHARE option).
  const targets = resolveTargets(ctx, onKind, parts, allIn, privileges, revoke || share.secureObjectsOnly === false);
  const now = nowIso();
  const same = (g: ShareGrant, p: string, t: Target[number]) =>
    g.privilege === p && g.grantedOn === t.grantedOn && g.parts.join("\0") === t.parts.join("\0");
  if (!revoke) {
    const usageDb = share.grants.find((g) => g.grantedOn === "DATABASE" && g.privilege === "USAGE")?.parts[0];
    for (const p of privileges)
      for (const t of targets) {
        if (p === "USAGE" && t.grantedOn === "DATABASE" && usageDb && usageDb !== t.parts[0]) {
          throw errors.invalid(
            `A share can include only one database: share '${share.name}' already has USAGE on database '${usageDb}'. Use REFERENCE_USAGE for other databases.`,
          );
        }
        if (t.grantedOn !== "DATABASE" && p !== "REFERENCE_USAGE" && usageDb !== t.parts[0]) {
          throw errors.invalid(
            `Object '${qualified(...t.parts)}' does not belong to the database that is currently granted to share '${share.name}'. Grant USAGE on database '${t.parts[0]}' first.`,
          );
        }
        if (!share.grants.some((g) => same(g, p, t)))
          share.grants.push({ privilege: p, grantedOn: t.grantedOn, parts: t.parts, createdOn: now });
      }
  } else {
    for (const p of privileges)
      for (const t of targets) {
        // Revoking USAGE on the database also removes everything granted inside it.
        const cascade = p === "USAGE" && t.grantedOn === "DATABASE";
        share.grants = share.grants.filter(
          (g) => !same(g, p, t) && !(cascade && g.grantedOn !== "DATABASE" && g.parts[0] === t.parts[0]),
        );
      }
  }
  ctx.dirty = true;
  return success();
}

function resolveTargets(
  ctx: ExecCtx,
  onKind: string,
  parts: string[],
  allIn: "TABLE" | "VIEW" | null,
  privileges: string[],
  revoke: boolean,
): Target {
  const allowed: Record<string, string[]> = {
    DATABASE: ["USAGE", "REFERENCE_USAGE"],
    SCHEMA: ["USAGE"],
    TABLE: ["SELECT"],
    VIEW: ["SELECT"],
    FUNCTION: ["USAGE"],
  };
  const kind = allIn ?? onKind;
  if (!allowed[kind]) throw errors.unsupported(`GRANT ... ON ${onKind} ... TO SHARE`);
  for (const p of privileges)
    if (!allowed[kind].includes(p)) throw errors.invalid(`Privilege ${p} cannot be granted on ${kind} to a share.`);
  const names = sessionNames(ctx);
  const dbOf = (name: string) => {
    const db = ctx.me.databases[name];
    if (!db) throw errors.doesNotExist("Database", qualified(name));
    if (db.kind === "IMPORTED")
      throw errors.invalid(`Database '${name}' was created from a share and cannot be re-shared.`);
    return db;
  };
  if (onKind === "DATABASE") {
    dbOf(parts[0]);
    return [{ grantedOn: "DATABASE", parts: [parts[0]] }];
  }
  if (onKind === "SCHEMA") {
    const full = parts.length === 2 ? parts : [names.database ?? "", parts[0]];
    if (!full[0]) throw errors.noCurrentDatabase("GRANT");
    const schema = dbOf(full[0]).schemas[full[1]];
    if (!schema) throw errors.doesNotExist("Schema", qualified(...full));
    if (allIn === "TABLE")
      return Object.keys(schema.tables).map((t) => ({ grantedOn: "TABLE" as const, parts: [...full, t] }));
    if (allIn === "VIEW")
      return Object.values(schema.views)
        .filter((v) => v.secure || revoke)
        .map((v) => ({ grantedOn: "VIEW" as const, parts: [...full, v.name] }));
    return [{ grantedOn: "SCHEMA", parts: full }];
  }
  const full = completeName(names, parts, "GRANT");
  const schema = dbOf(full[0]).schemas[full[1]];
  const display = qualified(...full);
  if (onKind === "TABLE") {
    if (!schema?.tables[full[2]]) throw errors.doesNotExist("Table", display);
    return [{ grantedOn: "TABLE", parts: full }];
  }
  if (onKind === "FUNCTION") {
    const fn = schema?.functions?.[full[2]];
    if (!fn) throw errors.doesNotExist("Function", display);
    // Only secure UDFs can be shared (create-function: SECURE; data-sharing-provider: "secure UDFs").
    if (!fn.secure && !revoke) throw errors.nonSecureFunction(display);
    return [{ grantedOn: "FUNCTION", parts: full }];
  }
  const view = schema?.views[full[2]];
  if (!view) throw errors.doesNotExist("View", display);
  if (!view.secure && !revoke) throw errors.nonSecureView();
  return [{ grantedOn: "VIEW", parts: full }];
}
