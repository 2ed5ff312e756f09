// What every command handler receives: the store, the catalog, the session and its binds.
import type { AccountState, Catalog } from "./catalog";
import type { DuckStore } from "./duck";
import type { Bind, SessionContext } from "./types";
import { errors } from "./errors";

export type ExecCtx = {
  store: DuckStore;
  catalog: Catalog;
  session: SessionContext;
  binds: Bind[] | undefined;
  /** The session's account. */
  me: AccountState;
  /** Set by handlers that changed the catalog, so the engine persists it. */
  dirty: boolean;
  lastQueryId: string | null;
};

/** Values of CURRENT_*() for this session — also inside views read through a share (consumer's values). */
export function sessionValues(ctx: ExecCtx): Record<string, string | null> {
  const a = ctx.me.account;
  return {
    CURRENT_ACCOUNT: a.locator,
    CURRENT_REGION: a.region,
    CURRENT_ORGANIZATION_NAME: a.organization,
    CURRENT_ACCOUNT_NAME: a.name,
    CURRENT_ROLE: ctx.session.role,
    CURRENT_USER: ctx.session.user,
    CURRENT_DATABASE: ctx.session.database,
    CURRENT_SCHEMA: ctx.session.schema,
    CURRENT_WAREHOUSE: ctx.session.warehouse,
    CURRENT_VERSION: "9.38.0",
    CURRENT_CLIENT: "Floe Snowflake emulator",
    LAST_QUERY_ID: ctx.lastQueryId,
  };
}

const ADMIN_ROLES = ["ACCOUNTADMIN", "ORGADMIN"];

/** Account-level operations (shares, users, replication) need ACCOUNTADMIN or the listed roles; object privileges live in privileges.ts. */
export function requireRole(ctx: ExecCtx, kind: string, name: string, roles: string[] = ADMIN_ROLES.slice(0, 1)) {
  if (!roles.includes(ctx.session.role)) throw errors.insufficientPrivileges(kind, name);
}

