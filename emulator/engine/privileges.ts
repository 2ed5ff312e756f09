// Access control as Snowflake enforces it, in one place: the role hierarchy (system roles, GRANT ROLE … TO
// ROLE, PUBLIC for everyone), the session's active roles (USE ROLE, USE SECONDARY ROLES), OWNERSHIP, privileges
// granted to account roles and database roles, and what a role may see of a database mounted from a share
// (IMPORTED PRIVILEGES: everything the share holds; a shared database role: only that role's objects).
// Resolution (resolve.ts, udf.ts) and the DDL handlers ask here; nothing else decides.
//
// Sources: access-control overview (system-defined roles and their hierarchy, ownership, secondary roles),
// access-control privileges (USAGE on database/schema, SELECT, CREATE …, IMPORTED PRIVILEGES), database roles
// and GRANT DATABASE ROLE … TO SHARE (see emulator/contract/privileges.contract.ts and
// database-roles.contract.ts for the page URLs).
import type { AccountState, DatabaseMeta, Grantee, RoleGrant, Securable, Share } from "./catalog";
import type { ExecCtx } from "./context";
import { errors } from "./errors";
import { qualified } from "./identifiers";

/** OWNERSHIP of objects made before owners were recorded: the seed and Floe create everything as ACCOUNTADMIN. */
export const DEFAULT_OWNER = "ACCOUNTADMIN";

/** The system-defined hierarchy: ACCOUNTADMIN ⊃ SECURITYADMIN ⊃ USERADMIN, ACCOUNTADMIN ⊃ SYSADMIN, everyone ⊃ PUBLIC. */
const SYSTEM_CHILDREN: Record<string, string[]> = {
  ACCOUNTADMIN: ["SECURITYADMIN", "SYSADMIN"],
  SECURITYADMIN: ["USERADMIN"],
};

export const grantsOf = (acct: AccountState): RoleGrant[] => (acct.grants ??= []);

const key = (g: Grantee | Securable) => `${g.kind}\u0000${g.parts.join("\u0000")}`;
export const sameSecurable = (a: Securable, b: Securable) => key(a) === key(b);

/** Roles a role inherits directly: the system hierarchy plus GRANT ROLE r TO ROLE role. */
export function childRoles(acct: AccountState, role: string): string[] {
  const granted = grantsOf(acct)
    .filter((g) => g.on.kind === "ROLE" && g.to.kind === "ROLE" && g.to.parts[0] === role)
    .map((g) => g.on.parts[0]);
  return [...(SYSTEM_CHILDREN[role] ?? []), ...granted];
}

/** A role and every role below it in the hierarchy (PUBLIC always included). */
export function roleClosure(acct: AccountState, roots: string[]): Set<string> {
  const out = new Set<string>(["PUBLIC"]);
  const queue = [...roots];
  while (queue.length) {
    const r = queue.shift()!;
    if (out.has(r) && r !== "PUBLIC") continue;
    out.add(r);
    for (const c of childRoles(acct, r)) if (!out.has(c)) queue.push(c);
  }
  return out;
}

/** Roles the user may activate: the ones granted to them and everything below those. */
export function usableRoles(acct: AccountState, user: string): Set<string> {
  return roleClosure(acct, acct.users[user]?.roles ?? []);
}

/**
 * The roles whose privileges authorize a statement: the primary role's hierarchy, plus the secondary roles'
 * (`USE SECONDARY ROLES ALL | r, …`). `primaryOnly`: CREATE statements, which Snowflake authorizes by the
 * primary role alone (the new object is owned by it).
 */
export function activeRoles(ctx: ExecCtx, primaryOnly = false): Set<string> {
  // Cached per statement context: resolution asks for every name it touches. The key changes with anything the
  // answer depends on (grants are pushed or replaced, the user's roles reassigned, USE [SECONDARY] ROLE).
  const grants = grantsOf(ctx.me);
  const k = `${primaryOnly}|${ctx.session.role}|${JSON.stringify(ctx.session.secondaryRoles ?? null)}|${grants.length}|${ctx.me.users[ctx.session.user]?.roles.join(",")}`;
  let byKey = roleCache.get(ctx);
  if (!byKey) roleCache.set(ctx, (byKey = new Map()));
  const cached = byKey.get(k);
  if (cached && cached.grants === grants) return cached.roles;
  const roles = computeActiveRoles(ctx, primaryOnly);
  byKey.set(k, { grants, roles });
  return roles;
}

const roleCache = new WeakMap<ExecCtx, Map<string, { grants: RoleGrant[]; roles: Set<string> }>>();

function computeActiveRoles(ctx: ExecCtx, primaryOnly: boolean): Set<string> {
  const roots = [ctx.session.role];
  // Absent = ALL: a user's DEFAULT_SECONDARY_ROLES defaults to ('ALL') (release-notes bcr-1692).
  const secondary = ctx.session.secondaryRoles ?? "ALL";
  if (!primaryOnly && secondary !== "NONE") {
    const granted = ctx.me.users[ctx.session.user]?.roles ?? [];
    roots.push(...(secondary === "ALL" ? granted : secondary.filter((r) => granted.includes(r))));
  }
  return roleClosure(ctx.me, roots);
}

/** Active roles plus the database roles granted to them (and to those database roles), as grantee keys. */
function principals(ctx: ExecCtx, primaryOnly = false): Set<string> {
  const out = new Set<string>([...activeRoles(ctx, primaryOnly)].map((r) => key({ kind: "ROLE", parts: [r] })));
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of grantsOf(ctx.me)) {
      if (g.on.kind !== "DATABASE ROLE" || !out.has(key(g.to))) continue;
      const k = key({ kind: "DATABASE ROLE", parts: g.on.parts });
      if (!out.has(k)) {
        out.add(k);
        grew = true;
      }
    }
  }
  return out;
}

/** owner undefined: made before owners were recorded (DEFAULT_OWNER); null: an object nobody owns (the account). */
export const owns = (ctx: ExecCtx, owner: string | undefined | null, primaryOnly = false) =>
  owner !== null && activeRoles(ctx, primaryOnly).has(owner ?? DEFAULT_OWNER);

/** Whether an active role owns the object or holds one of the privileges on it (directly or through a database role). */
export function holds(
  ctx: ExecCtx,
  on: Securable,
  privileges: string[] | "ANY",
  owner: string | undefined | null,
  primaryOnly = false,
): boolean {
  if (owns(ctx, owner, primaryOnly)) return true;
  const mine = principals(ctx, primaryOnly);
  return grantsOf(ctx.me).some(
    (g) => mine.has(key(g.to)) && sameSecurable(g.on, on) && (privileges === "ANY" || privileges.includes(g.privilege)),
  );
}

/** MANAGE GRANTS: SECURITYADMIN and above (access-control overview, system-defined roles). */
export const managesGrants = (ctx: ExecCtx) => activeRoles(ctx).has("SECURITYADMIN");

/** CREATE DATABASE on the account: SYSADMIN (and ACCOUNTADMIN above it) by default, or granted. */
export function requireCreateDatabase(ctx: ExecCtx) {
  const roles = activeRoles(ctx, true);
  if (roles.has("SYSADMIN") || holds(ctx, { kind: "ACCOUNT", parts: [] }, ["CREATE DATABASE"], null, true)) return;
  throw errors.insufficientPrivileges("account", ctx.me.account.name);
}

/** IMPORT SHARE on the account, needed to create a database from a share: ACCOUNTADMIN by default (data-share-consumers). */
export function requireImportShare(ctx: ExecCtx) {
  if (
    activeRoles(ctx, true).has("ACCOUNTADMIN") ||
    holds(ctx, { kind: "ACCOUNT", parts: [] }, ["IMPORT SHARE"], null, true)
  )
    return;
  throw errors.insufficientPrivileges("account", ctx.me.account.name);
}

/** CREATE <what> in a database (SCHEMA, DATABASE ROLE) or schema (TABLE, VIEW, FUNCTION, ROW ACCESS POLICY): owner or the CREATE privilege. */
export function requireCreate(ctx: ExecCtx, where: Securable, what: string, owner: string | undefined) {
  if (holds(ctx, where, [`CREATE ${what}`], owner, true)) return;
  throw errors.insufficientPrivileges(where.kind.toLowerCase(), qualified(...where.parts));
}

/** DROP / ALTER / GRANT on an object: OWNERSHIP (grants also pass with MANAGE GRANTS). */
export function requireOwnership(
  ctx: ExecCtx,
  kind: string,
  display: string,
  owner: string | undefined,
  orManageGrants = false,
) {
  if (owns(ctx, owner) || (orManageGrants && managesGrants(ctx))) return;
  throw errors.insufficientPrivileges(kind, display);
}

/** What a DbView lets the caller see: (kind, [db, schema, object] in the stored database's names, owner) → visible. */
export type Allow = (
  kind: "SCHEMA" | "TABLE" | "VIEW" | "FUNCTION",
  parts: string[],
  owner: string | undefined,
) => boolean;

/** A local database as the session's roles see it: null when it has neither USAGE nor OWNERSHIP on it. */
export function localAccess(ctx: ExecCtx, db: DatabaseMeta): Allow | null {
  if (!holds(ctx, { kind: "DATABASE", parts: [db.name] }, "ANY", db.owner)) return null;
  return (kind, parts, owner) =>
    holds(ctx, { kind: kind === "SCHEMA" ? "SCHEMA" : kind, parts }, kind === "SCHEMA" ? ["USAGE"] : "ANY", owner);
}

/** Everything a share holds: its direct grants and the grants to the database roles granted to it (provider side). */
export function shareAllows(provider: AccountState, share: Share): Allow {
  const roles = share.grants.filter((g) => g.grantedOn === "DATABASE_ROLE").map((g) => g.parts);
  const viaRoles = databaseRoleAllows(provider, roles);
  return (kind, parts, owner) =>
    share.grants.some((g) => g.grantedOn === kind && g.parts.join("\u0000") === parts.join("\u0000")) ||
    viaRoles(kind, parts, owner);
}

/** The objects granted to these database roles ([db, role]) and to the database roles granted to them, in the provider account. */
export function databaseRoleAllows(provider: AccountState, roles: string[][]): Allow {
  const held = new Set(roles.map((r) => key({ kind: "DATABASE ROLE", parts: r })));
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of grantsOf(provider)) {
      if (g.on.kind !== "DATABASE ROLE" || !held.has(key(g.to))) continue;
      const k = key({ kind: "DATABASE ROLE", parts: g.on.parts });
      if (!held.has(k)) {
        held.add(k);
        grew = true;
      }
    }
  }
  return (kind, parts) =>
    grantsOf(provider).some(
      (g) => held.has(key(g.to)) && g.on.kind === kind && g.on.parts.join("\u0000") === parts.join("\u0000"),
    );
}

/**
 * What the session's roles may see of a database mounted from a share (`mounted` in the consumer account,
 * `providerDb` its source): all of the share with OWNERSHIP of the mounted database or IMPORTED PRIVILEGES on
 * it; only a database role's objects when just that shared database role is granted; null = nothing (the
 * database then "does not exist or not authorized").
 */
export function importedAccess(
  ctx: ExecCtx,
  mounted: DatabaseMeta,
  provider: AccountState,
  share: Share,
  providerDb: string,
): Allow | null {
  const everything = shareAllows(provider, share);
  if (holds(ctx, { kind: "DATABASE", parts: [mounted.name] }, ["IMPORTED PRIVILEGES"], mounted.owner))
    return everything;
  const mine = principals(ctx);
  const shared = new Set(
    share.grants.filter((g) => g.grantedOn === "DATABASE_ROLE" && g.parts[0] === providerDb).map((g) => g.parts[1]),
  );
  const roles = [...mine]
    .map((k) => k.split("\u0000"))
    .filter(([kind, db, r]) => kind === "DATABASE ROLE" && db === mounted.name && shared.has(r))
    .map(([, , r]) => [providerDb, r]);
  if (roles.length === 0) return null;
  const viaRoles = databaseRoleAllows(provider, roles);
  return (kind, parts, owner) => viaRoles(kind, parts, owner);
}

/** Privileges a database role granted to a share may hold: read-only ones (grant-database-role-share usage notes). */
export const SHAREABLE_PRIVILEGES = ["USAGE", "SELECT", "REFERENCES", "REFERENCE_USAGE"];
