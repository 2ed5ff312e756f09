// SHOW GRANTS TO ROLE r | TO DATABASE ROLE db.r | TO USER u | OF ROLE r | OF DATABASE ROLE db.r | ON <object>
// (show-grants; the TO USER columns follow bcr-1803, ON's trailing granted_by_role_type bcr-754). TO/OF SHARE are
// in share.ts. OWNERSHIP rows come from the objects' recorded owners; the system role hierarchy is listed as
// the role grants it is (ACCOUNTADMIN holds SECURITYADMIN and SYSADMIN, SECURITYADMIN holds USERADMIN).
import type { AccountState, RoleGrant, Securable } from "../catalog";
import type { ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { qualified } from "../identifiers";
import { childRoles, DEFAULT_OWNER, grantsOf, sameSecurable } from "../privileges";
import { completeName } from "../resolve";
import { table, type Partial } from "../result";
import type { CellValue } from "../types";
import { databaseRoleOf } from "./database-role";
import { readSignature } from "./function";
import { sessionNames } from "./query";

const GRANT_COLUMNS = [
  "created_on",
  "privilege",
  "granted_on",
  "name",
  "granted_to",
  "grantee_name",
  "grant_option",
  "granted_by",
];
const kindLabel = (k: string) => k.replace(" ", "_");

/** Every grant of the account, with the system hierarchy's role grants and an OWNERSHIP row per owned object. */
function allGrants(acct: AccountState): RoleGrant[] {
  const out: RoleGrant[] = [...grantsOf(acct)];
  const created = acct.account.createdOn;
  for (const role of acct.roles) {
    for (const child of childRoles(acct, role)) {
      if (
        !out.some(
          (g) => g.on.kind === "ROLE" && g.on.parts[0] === child && g.to.kind === "ROLE" && g.to.parts[0] === role,
        )
      ) {
        out.push({
          privilege: "USAGE",
          on: { kind: "ROLE", parts: [child] },
          to: { kind: "ROLE", parts: [role] },
          grantOption: false,
          grantedBy: "",
          createdOn: created,
        });
      }
    }
  }
  const own = (on: Securable, owner: string | undefined, createdOn: string, by: "ROLE" | "DATABASE ROLE" = "ROLE") =>
    out.push({
      privilege: "OWNERSHIP",
      on,
      to: { kind: by, parts: [owner ?? DEFAULT_OWNER] },
      grantOption: true,
      grantedBy: owner ?? DEFAULT_OWNER,
      createdOn,
    });
  for (const db of Object.values(acct.databases)) {
    own({ kind: "DATABASE", parts: [db.name] }, db.owner, db.createdOn);
    for (const r of Object.values(db.databaseRoles ?? {}))
      own({ kind: "DATABASE ROLE", parts: [db.name, r.name] }, r.owner, r.createdOn);
    if (db.kind === "IMPORTED") continue;
    for (const s of Object.values(db.schemas)) {
      own({ kind: "SCHEMA", parts: [db.name, s.name] }, s.owner, s.createdOn);
      for (const t of Object.values(s.tables))
        own({ kind: "TABLE", parts: [db.name, s.name, t.name] }, t.owner, t.createdOn);
      for (const v of Object.values(s.views))
        own({ kind: "VIEW", parts: [db.name, s.name, v.name] }, v.owner, v.createdOn);
      for (const f of Object.values(s.functions ?? {}))
        own({ kind: "FUNCTION", parts: [db.name, s.name, f.name] }, f.owner, f.createdOn);
    }
  }
  return out;
}

const nameOf = (acct: AccountState, on: Securable) =>
  on.kind === "ACCOUNT" ? acct.account.locator : qualified(...on.parts);
const row = (acct: AccountState, g: RoleGrant): CellValue[] => [
  g.createdOn,
  g.privilege,
  kindLabel(g.on.kind),
  nameOf(acct, g.on),
  kindLabel(g.to.kind),
  qualified(...g.to.parts),
  String(g.grantOption).toLowerCase(),
  g.grantedBy,
];

export function showGrants(ctx: ExecCtx, c: Cursor): Partial {
  const acct = ctx.me;
  if (c.acceptKw("TO", "USER")) {
    const name = c.name();
    c.expectEnd();
    const user = acct.users[name];
    if (!user) throw errors.doesNotExist("User", qualified(name));
    return table(
      [
        "created_on",
        "privilege",
        "granted_on",
        "name",
        "role",
        "granted_to",
        "grantee_name",
        "grant_option",
        "granted_by",
      ],
      user.roles.map((r) => [user.createdOn, "USAGE", "ROLE", r, r, "USER", user.name, "false", ""] as CellValue[]),
    );
  }
  const to = c.acceptKw("TO");
  if (to || c.acceptKw("OF")) {
    const dbRole = c.acceptKw("DATABASE", "ROLE");
    if (!dbRole) c.expectKw("ROLE");
    let parts: string[];
    if (dbRole) {
      const f = databaseRoleOf(ctx, c.qualifiedName(2));
      parts = [f.db.name, f.role.name];
    } else {
      parts = [c.name()];
      if (!acct.roles.includes(parts[0])) throw errors.doesNotExist("Role", qualified(parts[0]));
    }
    c.expectEnd();
    const kind = dbRole ? "DATABASE ROLE" : "ROLE";
    const grants = allGrants(acct);
    if (to)
      return table(
        GRANT_COLUMNS,
        grants.filter((g) => g.to.kind === kind && g.to.parts.join(".") === parts.join(".")).map((g) => row(acct, g)),
      );
    // OF ROLE: who holds the role — roles, database roles and users.
    const holders = grants
      .filter((g) => g.on.kind === kind && g.on.parts.join(".") === parts.join(".") && g.privilege === "USAGE")
      .map(
        (g) =>
          [
            g.createdOn,
            qualified(...parts),
            kindLabel(g.to.kind),
            qualified(...g.to.parts),
            g.grantedBy,
          ] as CellValue[],
      );
    if (!dbRole)
      for (const u of Object.values(acct.users))
        if (u.roles.includes(parts[0])) holders.push([u.createdOn, parts[0], "USER", u.name, ""]);
    return table(["created_on", "role", "granted_to", "grantee_name", "granted_by"], holders);
  }
  c.expectKw("ON");
  const on = securableAt(ctx, c);
  c.expectEnd();
  const rows = allGrants(acct)
    .filter((g) => sameSecurable(g.on, on))
    .map((g) => [...row(acct, g), g.grantedBy ? "ROLE" : ""]);
  const key = on.parts.join(".");
  const shareKind = on.kind === "DATABASE ROLE" ? "DATABASE_ROLE" : on.kind;
  for (const s of Object.values(acct.shares))
    for (const g of s.grants) {
      if (g.grantedOn === shareKind && g.parts.join(".") === key)
        rows.push([
          g.createdOn,
          g.privilege,
          shareKind,
          nameOf(acct, on),
          "SHARE",
          `${acct.account.locator}.${s.name}`,
          "false",
          "ACCOUNTADMIN",
          "ROLE",
        ]);
    }
  return table([...GRANT_COLUMNS, "granted_by_role_type"], rows);
}

/** `ACCOUNT | DATABASE d | SCHEMA [d.]s | TABLE|VIEW [d.][s.]o | FUNCTION [d.][s.]f(types) | ROLE r | DATABASE ROLE [d.]r`. */
function securableAt(ctx: ExecCtx, c: Cursor): Securable {
  if (c.acceptKw("ACCOUNT")) return { kind: "ACCOUNT", parts: [] };
  if (c.acceptKw("DATABASE", "ROLE")) {
    const f = databaseRoleOf(ctx, c.qualifiedName(2));
    return { kind: "DATABASE ROLE", parts: [f.db.name, f.role.name] };
  }
  const kind = c.name();
  const names = sessionNames(ctx);
  if (kind === "ROLE") return { kind: "ROLE", parts: [c.name()] };
  if (kind === "DATABASE") return { kind: "DATABASE", parts: [c.name()] };
  if (kind === "SCHEMA") {
    const p = c.qualifiedName(2);
    if (p.length === 2) return { kind: "SCHEMA", parts: p };
    if (!names.database) throw errors.noCurrentDatabase("SHOW GRANTS");
    return { kind: "SCHEMA", parts: [names.database, p[0]] };
  }
  if (kind !== "TABLE" && kind !== "VIEW" && kind !== "FUNCTION") throw errors.unsupported(`SHOW GRANTS ON ${kind}`);
  const parts = completeName(names, c.qualifiedName(3), "SHOW GRANTS");
  if (kind === "FUNCTION") readSignature(c);
  return { kind, parts };
}
