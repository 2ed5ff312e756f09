// What every command handler receives: the store, the catalog, the session and its binds.
import type { Account, AccountState, Catalog, TaskMeta } from "./catalog";
import { EngineClock } from "./clock";
import type { DuckStore } from "./duck";
import type { Bind, ExecHooks, SessionContext } from "./types";
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
  /** The engine's clock and task runner (absent in contexts built outside createEngine: the wall clock then). */
  runtime?: EngineRuntime;
  /** Streams read by the DML statement being rewritten (streams.ts): their offsets move when it commits. */
  streamReads?: StreamRead[];
  /** Set while a Snowflake Scripting block or procedure runs (nested CALLs see it). */
  scripting?: { ownerRights: boolean; depth: number };
  /** Set while a secure view is expanded as SIMULATED_DATA_SHARING_CONSUMER's account (simulated-consumer.ts). */
  simulatedAccount?: Account;
  /** The server's hooks for this request (emulator/server/routes-query.ts: faults aimed at a block's statements). */
  hooks?: ExecHooks;
};

export type StreamRead = { streamId: string; key: string; snapshotSql: string };

export type EngineRuntime = {
  clock: EngineClock;
  /** EXECUTE TASK: runs the task (and, on success, its children) now, as its owner, and records the runs. */
  executeTask(ctx: ExecCtx, where: { database: string; schema: string }, task: TaskMeta): Promise<void>;
};

const WALL_CLOCK = new EngineClock();

/** The clock of the engine running this statement. */
export const clockOf = (ctx: ExecCtx): EngineClock => ctx.runtime?.clock ?? WALL_CLOCK;

/** Values of CURRENT_*() for this session — also inside views read through a share (consumer's values). */
export function sessionValues(ctx: ExecCtx): Record<string, string | null> {
  const a = ctx.simulatedAccount ?? ctx.me.account;
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
