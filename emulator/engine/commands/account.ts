// Accounts (ORGADMIN), users, roles and role grants: enough to tell ACCOUNTADMIN from a PUBLIC-only user
// and to register key-pair public keys.
import { nowIso, type AccountState, type Catalog, type RoleGrant, type User } from "../catalog";
import { activeRoles, grantsOf, roleClosure } from "../privileges";
import { requireRole, type ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { likeToRegExp, qualified } from "../identifiers";
import { isRegion, REGIONS } from "../regions";
import { status, success, table, type Partial } from "../result";
import { ifNotExists, options, type CreateFlags } from "./objects";

export const SYSTEM_ROLES = ["ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "SYSADMIN", "PUBLIC"];
const USER_ADMINS = ["ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN"];

export function addAccount(
  catalog: Catalog,
  a: {
    locator: string;
    organization: string;
    name: string;
    region: string;
    email?: string | null;
    comment?: string | null;
  },
): AccountState {
  const state: AccountState = {
    account: { edition: "ENTERPRISE", email: null, comment: null, ...a, createdOn: nowIso() },
    users: {},
    roles: [...SYSTEM_ROLES],
    databases: {},
    shares: {},
    replicationGroups: {},
  };
  catalog.accounts[a.locator] = state;
  return state;
}

export function addUser(
  account: AccountState,
  name: string,
  password: string | null,
  roles: string[],
  defaultRole = roles[0] ?? "PUBLIC",
): User {
  const user: User = {
    name,
    password,
    roles: [...new Set([...roles, "PUBLIC"])],
    defaultRole,
    rsaPublicKey: null,
    rsaPublicKey2: null,
    createdOn: nowIso(),
  };
  account.users[name] = user;
  for (const r of roles) if (!account.roles.includes(r)) account.roles.push(r);
  return user;
}

const urlFor = (org: string, name: string) =>
  `https://${org.toLowerCase()}-${name.toLowerCase().replace(/_/g, "-")}.snowflakecomputing.com`;

export function createAccount(ctx: ExecCtx, c: Cursor): Partial {
  const name = c.name();
  const opts = options(c);
  requireRole(ctx, "account", name, ["ORGADMIN"]);
  const org = ctx.me.account.organization;
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw errors.invalid(`Invalid account name '${name}'.`);
  if (Object.values(ctx.catalog.accounts).some((a) => a.account.organization === org && a.account.name === name))
    throw errors.alreadyExists(name);
  for (const k of ["ADMIN_NAME", "EMAIL", "EDITION"]) if (!opts[k]) throw errors.invalid(`Missing option(s): [${k}].`);
  if (!opts.ADMIN_PASSWORD && !opts.ADMIN_RSA_PUBLIC_KEY)
    throw errors.invalid("Missing option(s): [ADMIN_PASSWORD] or [ADMIN_RSA_PUBLIC_KEY].");
  const region = (opts.REGION ?? ctx.me.account.region).toUpperCase();
  if (!isRegion(region)) throw errors.invalid(`Invalid region '${region}'.`);
  const locator = `FL${ctx.catalog.nextLocator++}`;
  const state = addAccount(ctx.catalog, {
    locator,
    organization: org,
    name,
    region,
    email: opts.EMAIL,
    comment: opts.COMMENT ?? null,
  });
  state.account.edition = opts.EDITION;
  const admin = addUser(state, opts.ADMIN_NAME.toUpperCase(), opts.ADMIN_PASSWORD ?? null, ["ACCOUNTADMIN"]);
  admin.rsaPublicKey = opts.ADMIN_RSA_PUBLIC_KEY ?? null;
  ctx.dirty = true;
  const r = REGIONS.find((x) => x.snowflake_region === region)!;
  return status(
    JSON.stringify({
      accountLocator: locator,
      accountLocatorUrl: `https://${locator.toLowerCase()}.${r.region}.${r.cloud}.snowflakecomputing.com`,
      accountName: name,
      url: urlFor(org, name),
      edition: opts.EDITION,
      regionGroup: "PUBLIC",
      cloud: r.cloud,
      region: r.region,
    }),
  );
}

export function showAccounts(ctx: ExecCtx, like: RegExp | null): Partial {
  requireRole(ctx, "account", ctx.me.account.name, ["ORGADMIN"]);
  const rows = Object.values(ctx.catalog.accounts)
    .filter((a) => a.account.organization === ctx.me.account.organization && (!like || like.test(a.account.name)))
    .map(({ account: a, users }) => [
      a.organization,
      a.name,
      "PUBLIC",
      a.region,
      a.edition,
      urlFor(a.organization, a.name),
      a.createdOn,
      a.comment,
      a.locator,
      String(Object.values(users).some((u) => u.roles.includes("ORGADMIN"))),
    ]);
  return table(
    [
      "organization_name",
      "account_name",
      "region_group",
      "snowflake_region",
      "edition",
      "account_url",
      "created_on",
      "comment",
      "account_locator",
      "is_org_admin",
    ],
    rows.map((r) => r.map((v) => v as string)),
  );
}

export function showRegions(like: RegExp | null): Partial {
  const rows = REGIONS.filter((r) => !like || like.test(r.snowflake_region)).map((r) => [
    r.region_group,
    r.snowflake_region,
    r.cloud,
    r.region,
    r.display_name,
  ]);
  return table(["region_group", "snowflake_region", "cloud", "region", "display_name"], rows);
}

export function createUser(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Partial {
  const ine = ifNotExists(c, flags);
  const name = c.name();
  const opts = options(c);
  requireRole(ctx, "account", ctx.me.account.name, USER_ADMINS);
  if (ctx.me.users[name] && !flags.orReplace) {
    if (ine) return status(`${name} already exists, statement succeeded.`);
    throw errors.alreadyExists(qualified(name));
  }
  const user = addUser(ctx.me, name, opts.PASSWORD ?? null, [], opts.DEFAULT_ROLE ?? "PUBLIC");
  user.rsaPublicKey = opts.RSA_PUBLIC_KEY ?? null;
  user.rsaPublicKey2 = opts.RSA_PUBLIC_KEY_2 ?? null;
  ctx.dirty = true;
  return status(`User ${name} successfully created.`);
}

export function alterUser(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.name();
  const user = ctx.me.users[name];
  const self = name === ctx.session.user;
  if (!self) requireRole(ctx, "user", name, USER_ADMINS);
  if (!user) {
    if (ifExists) return success();
    throw errors.doesNotExist("User", qualified(name));
  }
  if (c.acceptKw("SET")) {
    const opts = options(c);
    for (const [k, v] of Object.entries(opts)) {
      if (k === "RSA_PUBLIC_KEY") user.rsaPublicKey = v;
      else if (k === "RSA_PUBLIC_KEY_2") user.rsaPublicKey2 = v;
      else if (k === "PASSWORD") user.password = v;
      else if (k === "DEFAULT_ROLE") user.defaultRole = v;
    }
  } else if (c.acceptKw("UNSET")) {
    do {
      const k = c.name();
      if (k === "RSA_PUBLIC_KEY") user.rsaPublicKey = null;
      else if (k === "RSA_PUBLIC_KEY_2") user.rsaPublicKey2 = null;
    } while (c.acceptOp(","));
    c.expectEnd();
  } else throw errors.unsupported(`ALTER USER ... ${c.peek()?.value ?? ""}`);
  ctx.dirty = true;
  return success();
}

export function createRole(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Partial {
  const ine = ifNotExists(c, flags);
  const name = c.name();
  options(c);
  requireRole(ctx, "account", ctx.me.account.name, USER_ADMINS);
  if (ctx.me.roles.includes(name)) {
    if (ine || flags.orReplace) return status(`${name} already exists, statement succeeded.`);
    throw errors.alreadyExists(qualified(name));
  }
  ctx.me.roles.push(name);
  ctx.dirty = true;
  return status(`Role ${name} successfully created.`);
}

/**
 * GRANT ROLE r TO USER u | TO ROLE p: p inherits r's privileges (grant-role; the hierarchy is ../privileges.ts).
 * Needs USERADMIN or above (MANAGE GRANTS / the role's owner in Snowflake; role owners are not modelled).
 */
export function grantRole(ctx: ExecCtx, c: Cursor, revoke: boolean): Partial {
  const role = c.name();
  c.expectKw(revoke ? "FROM" : "TO");
  const kind = c.acceptKw("USER") ? "USER" : c.acceptKw("ROLE") ? "ROLE" : null;
  if (!kind) throw c.fail();
  const grantee = c.name();
  c.expectEnd();
  if (!activeRoles(ctx).has("USERADMIN")) throw errors.insufficientPrivileges("role", role);
  if (!ctx.me.roles.includes(role)) throw errors.doesNotExist("Role", qualified(role));
  if (kind === "ROLE") {
    if (!ctx.me.roles.includes(grantee)) throw errors.doesNotExist("Role", qualified(grantee));
    const same = (g: RoleGrant) =>
      g.on.kind === "ROLE" && g.on.parts[0] === role && g.to.kind === "ROLE" && g.to.parts[0] === grantee;
    if (revoke) ctx.me.grants = grantsOf(ctx.me).filter((g) => !same(g));
    else if (!grantsOf(ctx.me).some(same)) {
      // A role cannot be granted to a role below it (the hierarchy has no cycles). Unverified text.
      if (roleClosure(ctx.me, [role]).has(grantee))
        throw errors.invalid(
          `Cannot grant role ${role} to ${grantee}: ${grantee} is already granted to ${role}, which would make a cycle.`,
        );
      grantsOf(ctx.me).push({
        privilege: "USAGE",
        on: { kind: "ROLE", parts: [role] },
        to: { kind: "ROLE", parts: [grantee] },
        grantOption: false,
        grantedBy: ctx.session.role,
        createdOn: nowIso(),
      });
    }
    ctx.dirty = true;
    return success();
  }
  const user = ctx.me.users[grantee];
  if (!user) throw errors.doesNotExist("User", qualified(grantee));
  user.roles = revoke ? user.roles.filter((r) => r !== role) : [...new Set([...user.roles, role])];
  ctx.dirty = true;
  return success();
}

/**
 * DROP ROLE [IF EXISTS] r: the role leaves every user and role; what it owned passes to the role running the
 * DROP (drop-role usage notes). System roles cannot be dropped.
 */
export function dropRole(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const name = c.name();
  c.expectEnd();
  if (!activeRoles(ctx).has("USERADMIN")) throw errors.insufficientPrivileges("role", name);
  if (!ctx.me.roles.includes(name)) {
    if (ifExists) return status(`Drop statement executed successfully (${name} already dropped).`);
    throw errors.doesNotExist("Role", qualified(name));
  }
  if (SYSTEM_ROLES.includes(name) || name === "ORGADMIN") throw errors.invalid(`Cannot drop system role ${name}.`);
  ctx.me.roles = ctx.me.roles.filter((r) => r !== name);
  for (const u of Object.values(ctx.me.users)) {
    u.roles = u.roles.filter((r) => r !== name);
    if (u.defaultRole === name) u.defaultRole = "PUBLIC";
  }
  ctx.me.grants = grantsOf(ctx.me).filter(
    (g) => !(g.to.kind === "ROLE" && g.to.parts[0] === name) && !(g.on.kind === "ROLE" && g.on.parts[0] === name),
  );
  const heir = ctx.session.role;
  const take = (o: { owner?: string }) => {
    if (o.owner === name) o.owner = heir;
  };
  for (const db of Object.values(ctx.me.databases)) {
    take(db);
    Object.values(db.databaseRoles ?? {}).forEach(take);
    for (const s of Object.values(db.schemas)) {
      take(s);
      [...Object.values(s.tables), ...Object.values(s.views), ...Object.values(s.functions ?? {})].forEach(take);
    }
  }
  ctx.dirty = true;
  return status(`${name} successfully dropped.`);
}

export const likeOf = (c: Cursor): RegExp | null => (c.acceptKw("LIKE") ? likeToRegExp(c.string()) : null);
