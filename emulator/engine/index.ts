// The emulator's SQL engine: createEngine() opens (or seeds) the DuckDB store in dataDir and implements the
// Engine contract of ./types. Statements run one at a time (a promise queue) over one DuckDB connection.
import fs from "node:fs";
import path from "node:path";
import { lookupAccount, toPem } from "./accounts-lookup";
import { emptyCatalog, type Catalog } from "./catalog";
import type { ExecCtx } from "./context";
import { refreshGroup } from "./commands/replication";
import { dispatch } from "./dispatch";
import { DuckStore } from "./duck";
import { EngineClock, type ClockControl } from "./clock";
import type { EngineRuntime } from "./context";
import { ClockScheduler } from "./scheduler";
import { createTaskRunner } from "./task-runner";
import { finish } from "./result";
import { countStatements, splitStatements } from "./split-statements";
import { bindsPerStatement } from "./binds";
import {
  SnowflakeError,
  type Bind,
  type ExecHooks,
  type Engine,
  type LoginIdentity,
  type SessionContext,
  type StatementResult,
} from "./types";
import { seedWorld, type SeedPasswords } from "../lake/seed-world";

export type EngineOptions = {
  /** Directory of the persistent store (created if missing): emulator.duckdb and the pristine seeded copy. */
  dataDir: string;
  /** Seed the demo world when the store is empty (default true). */
  seed?: boolean;
  /** Passwords of the seeded users (default "emulator" for all). */
  passwords?: SeedPasswords;
  /** PEM (SPKI) public key registered as RSA_PUBLIC_KEY of FLOE_PROVISIONER in every provider account. */
  provisionerPublicKeyPem?: string;
  /** Multiplies the generated lake row counts (default 1 ≈ 110k rows); tests may lower it. */
  lakeRowScale?: number;
  /**
   * Emulator-only: multiplies REPLICATION_SCHEDULE intervals (default 1, else EMULATOR_REPLICATION_SCHEDULE_SCALE),
   * so a test can run '1 MINUTE' every 60 ms with 0.001.
   */
  replicationScheduleScale?: number;
};

export type EmulatorEngine = Engine & {
  /** Milliseconds the first-start seeding took (null when the store already existed). */
  readonly seedMillis: number | null;
  /** Read-only view of the catalog (diagnostics and tests). */
  catalogSnapshot(): Catalog;
  /** The engine's clock (engine/clock.ts): read, advance (running what falls due), set, freeze. */
  readonly clock: ClockControl;
};

const DB_FILE = "emulator.duckdb";
const PRISTINE_FILE = "seeded.duckdb";

export async function createEngine(options: EngineOptions): Promise<EmulatorEngine> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, DB_FILE);
  const pristine = path.join(options.dataDir, PRISTINE_FILE);
  let store = await DuckStore.open(file);
  let catalog = (await store.loadCatalog()) ?? emptyCatalog();
  let queue: Promise<unknown> = Promise.resolve();
  let seedMillis: number | null = null;

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const clock = new EngineClock();
  const tasks = createTaskRunner({
    catalog: () => catalog,
    clock,
    execute: (session, sql) => executeUnlocked(session, sql, undefined),
  });
  const runtime: EngineRuntime = {
    clock,
    executeTask: (ctx, where, task) =>
      tasks.runGraph(ctx.me.account.locator, { ...where, task }, "EXECUTE TASK", clock.nowIso()),
  };
  // Scheduled task runs and replication refreshes run in the queue like statements (scheduler.ts); a refresh
  // runs as the secondary account's system user.
  const scheduler: ClockScheduler = new ClockScheduler({
    catalog: () => catalog,
    clock,
    replicationScale: scheduleScale(options),
    serial,
    save: () => store.saveCatalog(catalog),
    runTaskUnlocked: (locator, ref, scheduledTime) => tasks.runGraph(locator, ref, "SCHEDULE", scheduledTime),
    refreshUnlocked: async (locator, name) => {
      const me = catalog.accounts[locator];
      const group = me?.replicationGroups[name];
      if (!group || group.isPrimary || group.suspended) return;
      const session: SessionContext = {
        accountLocator: locator,
        user: "SYSTEM",
        role: "ACCOUNTADMIN",
        database: null,
        schema: null,
        warehouse: null,
      };
      const ctx: ExecCtx = { store, catalog, session, binds: undefined, me, dirty: false, lastQueryId: null, runtime };
      await store.useTimeZone("UTC");
      try {
        await refreshGroup(ctx, group);
      } finally {
        if (ctx.dirty) {
          await store.saveCatalog(catalog);
          scheduler.sync();
        }
      }
    },
  });
  const moved = (runs: number) => ({ ...clock.state(), runs });
  // advance: every run due on the way happens at its own time (the clock steps to it), in order, before the
  // answer. set/freeze(at) jump: what is due runs once at the new time and missed slots are skipped, as after
  // downtime — so a jump of years does not replay every minute of them.
  const moveTo = (target: number, step: boolean) =>
    serial(async () => {
      let runs = 0;
      if (step) runs = target > clock.now() ? await scheduler.runDueUnlocked(target, true) : 0;
      clock.setTo(target);
      if (!step) runs = await scheduler.runDueUnlocked(target, false);
      scheduler.rearm();
      return moved(runs);
    });
  const clockControl: ClockControl = {
    read: () => clock.state(),
    advance: (ms) => moveTo(clock.now() + ms, true),
    set: (epochMs) => moveTo(epochMs, false),
    freeze: async (epochMs) => {
      clock.freeze();
      return epochMs === undefined ? moved(0) : moveTo(epochMs, false);
    },
    unfreeze: () => {
      clock.unfreeze();
      scheduler.rearm();
      return clock.state();
    },
  };

  // persist = false while seeding: the catalog is saved once at the end instead of after every statement (the
  // lake migrations run hundreds of DDL statements, and each save rewrites the whole catalog document).
  async function executeUnlocked(
    session: SessionContext,
    sqlText: string,
    binds: Bind[] | undefined,
    persist = true,
    hooks?: ExecHooks,
  ): Promise<StatementResult[]> {
    const me = catalog.accounts[session.accountLocator];
    if (!me)
      throw new SnowflakeError("390201", "08004", `The requested account ${session.accountLocator} does not exist.`);
    const statements = splitStatements(sqlText);
    if (statements.length === 0)
      throw new SnowflakeError("000900", "42000", "SQL compilation error:\nEmpty SQL statement.");
    const ctx: ExecCtx = {
      store,
      catalog,
      session,
      binds: undefined,
      me,
      dirty: false,
      lastQueryId: null,
      runtime,
      hooks,
    };
    const results: StatementResult[] = [];
    const perStatement = bindsPerStatement(statements, binds);
    try {
      for (const [k, stmt] of statements.entries()) {
        ctx.binds = perStatement[k];
        await store.useTimeZone(session.parameters?.TIMEZONE ?? "UTC");
        results.push(finish(ctx, await dispatch(ctx, stmt)));
      }
    } finally {
      if (ctx.dirty && persist) {
        await store.saveCatalog(catalog);
        scheduler.sync();
      }
    }
    return results;
  }

  async function reopen(from: string | null) {
    store.close();
    for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
    if (from) fs.copyFileSync(from, file);
    store = await DuckStore.open(file);
    catalog = (await store.loadCatalog()) ?? emptyCatalog();
  }

  async function seedIfEmpty() {
    if (Object.keys(catalog.accounts).length > 0 || options.seed === false) return;
    const started = performance.now();
    await seedWorld({
      catalog,
      store,
      execute: (session, sql, binds) => executeUnlocked(session, sql, binds, false),
      passwords: options.passwords ?? {},
      provisionerPublicKeyPem: options.provisionerPublicKeyPem,
      rowScale: options.lakeRowScale ?? 1,
    });
    await store.saveCatalog(catalog);
    await store.checkpoint();
    store.close();
    fs.copyFileSync(file, pristine);
    store = await DuckStore.open(file);
    catalog = (await store.loadCatalog())!;
    seedMillis = Math.round(performance.now() - started);
  }

  await seedIfEmpty();
  scheduler.sync();

  const identity = (locator: string, user: string): LoginIdentity | null => {
    const u = catalog.accounts[locator]?.users[user];
    return u ? { accountLocator: locator, user: u.name, defaultRole: u.defaultRole } : null;
  };

  return {
    get seedMillis() {
      return seedMillis;
    },
    catalogSnapshot: () => JSON.parse(JSON.stringify(catalog)) as Catalog,
    clock: clockControl,
    async loginWithPassword(account, user, password) {
      const a = lookupAccount(catalog, account);
      const u = a?.users[user.toUpperCase()];
      if (!a || !u || u.password === null || u.password !== password) return null;
      return identity(a.account.locator, u.name);
    },
    async publicKeysFor(account, user) {
      const a = lookupAccount(catalog, account);
      const u = a?.users[user.toUpperCase()];
      if (!a || !u) return null;
      const keys = [u.rsaPublicKey, u.rsaPublicKey2].filter((k): k is string => !!k).map(toPem);
      return { identity: identity(a.account.locator, u.name)!, publicKeysPem: keys };
    },
    execute: (session, sqlText, binds, hooks) => serial(() => executeUnlocked(session, sqlText, binds, true, hooks)),
    countStatements,
    reset: () =>
      serial(async () => {
        scheduler.clear();
        if (fs.existsSync(pristine)) await reopen(pristine);
        else {
          await reopen(null);
          await seedIfEmpty();
        }
        // Back to the wall clock, running.
        clock.unfreeze();
        clock.setTo(Date.now());
        scheduler.sync();
      }),
    close: () => {
      scheduler.stop();
      return serial(async () => {
        store.close();
      });
    },
  };
}

function scheduleScale(options: EngineOptions): number {
  const raw =
    options.replicationScheduleScale ??
    (process.env.EMULATOR_REPLICATION_SCHEDULE_SCALE ? Number(process.env.EMULATOR_REPLICATION_SCHEDULE_SCALE) : 1);
  if (!Number.isFinite(raw) || raw <= 0)
    throw new Error(`replicationScheduleScale must be a positive number, got ${raw}`);
  return raw;
}

export { SnowflakeError } from "./types";
export type { Engine, SessionContext, StatementResult, Bind } from "./types";
