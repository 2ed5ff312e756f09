// GRANT/REVOKE: privileges to shares (the provisioner's statements), IMPORTED PRIVILEGES on a shared
// database, and roles to users. Other RBAC grants are not modelled and are refused explicitly.
import { nowIso, type ShareGrant } from "../catalog";
import { requireRole, type ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { qualified } from "../identifiers";
import { completeName } from "../resolve";
import { success, type Partial } from "../result";
import { grantRole } from "./account";
import { sessionNames } from "./query";
import { grantOnProcedure } from "./procedure";
import { ownShare } from "./share";

type Target = { grantedOn: ShareGrant["grantedOn"]; parts: string[] }[];

export function grant(ctx: ExecCtx, c: Cursor, revoke: boolean): Partial {
  if (c.acceptKw("ROLE")) return grantRole(ctx, c, revoke);
  const privileges: string[] = [];
  do {
    let p = c.name();
    if (p === "IMPORTED" && c.acceptKw("PRIVILEGES")) p = "IMPORTED PRIVILEGES";
    privileges.push(p);
  } while (c.acceptOp(","));
  c.expectKw("ON");
  if (c.isKw("PROCEDURE")) return grantOnProcedure(ctx, c, privileges, revoke);
  let onKind: string;
  let parts: string[];
  let allTables = false;
  if (c.acceptKw("ALL", "TABLES", "IN", "SCHEMA")) { onKind = "SCHEMA"; allTables = true; parts = c.qualifiedName(2); }
  else { onKind = c.name(); parts = c.qualifiedName(3); }
  c.expectKw(revoke ? "FROM" : "TO");
  const granteeKind = c.name();
  const grantee = c.name();
  c.acceptKw("WITH", "GRANT", "OPTION");
  if (!c.acceptKw("CASCADE")) c.acceptKw("RESTRICT"); // accepted and ignored, as Snowflake does
  c.expectEnd();

  if (granteeKind === "ROLE" && privileges[0] === "IMPORTED PRIVILEGES" && onKind === "DATABASE") {
    const db = ctx.me.databases[parts[0]];
    if (!db) throw errors.doesNotExist("Database", qualified(parts[0]));
    if (db.kind !== "IMPORTED") throw errors.invalid(`IMPORTED PRIVILEGES can only be granted on a database created from a share; '${parts[0]}' is not.`);
    if (!ctx.me.roles.includes(grantee)) throw errors.doesNotExist("Role", qualified(grantee));
    requireRole(ctx, "database", parts[0]);
    return success();
  }
  if (granteeKind !== "SHARE") throw errors.unsupported(`GRANT ... ${revoke ? "FROM" : "TO"} ${granteeKind}`);
  requireRole(ctx, "share", grantee);
  const share = ownShare(ctx, grantee);
  // SECURE_OBJECTS_ONLY = FALSE shares may hold non-secure views (Snowflake's CREATE SHARE option).
  const targets = resolveTargets(ctx, onKind, parts, allTables, privileges, revoke || share.secureObjectsOnly === false);
  const now = nowIso();
  const same = (g: ShareGrant, p: string, t: Target[number]) => g.privilege === p && g.grantedOn === t.grantedOn && g.parts.join("\0") === t.parts.join("\0");
  if (!revoke) {
    const usageDb = share.grants.find((g) => g.grantedOn === "DATABASE" && g.privilege === "USAGE")?.parts[0];
    for (const p of privileges) for (const t of targets) {
      if (p === "USAGE" && t.grantedOn === "DATABASE" && usageDb && usageDb !== t.parts[0]) {
        throw errors.invalid(`A share can include only one database: share '${share.name}' already has USAGE on database '${usageDb}'. Use REFERENCE_USAGE for other databases.`);
      }
      if (t.grantedOn !== "DATABASE" && p !== "REFERENCE_USAGE" && usageDb !== t.parts[0]) {
        throw errors.invalid(`Object '${qualified(...t.parts)}' does not belong to the database that is currently granted to share '${share.name}'. Grant USAGE on database '${t.parts[0]}' first.`);
      }
      if (!share.grants.some((g) => same(g, p, t))) share.grants.push({ privilege: p, grantedOn: t.grantedOn, parts: t.parts, createdOn: now });
    }
  } else {
    for (const p of privileges) for (const t of targets) {
      // Revoking USAGE on the database also removes everything granted inside it.
      const cascade = p === "USAGE" && t.grantedOn === "DATABASE";
      share.grants = share.grants.filter((g) => !same(g, p, t) && !(cascade && g.grantedOn !== "DATABASE" && g.parts[0] === t.parts[0]));
    }
  }
  ctx.dirty = true;
  return success();
}

function resolveTargets(ctx: ExecCtx, onKind: string, parts: string[], allTables: boolean, privileges: string[], revoke: boolean): Target {
  const allowed: Record<string, string[]> = { DATABASE: ["USAGE", "REFERENCE_USAGE"], SCHEMA: ["USAGE"], TABLE: ["SELECT"], VIEW: ["SELECT"] };
  const kind = allTables ? "TABLE" : onKind;
  if (!allowed[kind]) throw errors.unsupported(`GRANT ... ON ${onKind} ... TO SHARE`);
  for (const p of privileges) if (!allowed[kind].includes(p)) throw errors.invalid(`Privilege ${p} cannot be granted on ${kind} to a share.`);
  const names = sessionNames(ctx);
  const dbOf = (name: string) => {
    const db = ctx.me.databases[name];
    if (!db) throw errors.doesNotExist("Database", qualified(name));
    if (db.kind === "IMPORTED") throw errors.invalid(`Database '${name}' was created from a share and cannot be re-shared.`);
    return db;
  };
  if (onKind === "DATABASE") { dbOf(parts[0]); return [{ grantedOn: "DATABASE", parts: [parts[0]] }]; }
  if (onKind === "SCHEMA") {
    const full = parts.length === 2 ? parts : [names.database ?? "", parts[0]];
    if (!full[0]) throw errors.noCurrentDatabase("GRANT");
    const schema = dbOf(full[0]).schemas[full[1]];
    if (!schema) throw errors.doesNotExist("Schema", qualified(...full));
    if (allTables) return Object.keys(schema.tables).map((t) => ({ grantedOn: "TABLE" as const, parts: [...full, t] }));
    return [{ grantedOn: "SCHEMA", parts: full }];
  }
  const full = completeName(names, parts, "GRANT");
  const schema = dbOf(full[0]).schemas[full[1]];
  const display = qualified(...full);
  if (onKind === "TABLE") {
    if (!schema?.tables[full[2]]) throw errors.doesNotExist("Table", display);
    return [{ grantedOn: "TABLE", parts: full }];
  }
  const view = schema?.views[full[2]];
  if (!view) throw errors.doesNotExist("View", display);
  if (!view.secure && !revoke) throw errors.nonSecureView();
  return [{ grantedOn: "VIEW", parts: full }];
}
