// Programmatic start of the Snowflake emulator (tests, benchmarks, the CLI).
import { setMaxListeners } from "node:events";
import type { AddressInfo } from "node:net";
import { ConcurrencyProbe, type ConcurrencySnapshot } from "./server/concurrency";
import type { FaultConfigInput, FaultRuleInput } from "./server/fault-schema";
import { FaultStore, type ActiveRule, type FaultSnapshot } from "./server/faults";
import { newAdminToken } from "./server/admin-token";
import { createHttpServer } from "./server/http-server";
import { loadEngine } from "./server/load-engine";
import { createLogger, type Logger } from "./server/log";
import { QueryLog, type QueryLogEntry, type QueryLogFilter } from "./server/query-log";
import { ResultStore } from "./server/result-store";
import { SessionStore } from "./server/sessions";
import { resetAll, type ServerState } from "./server/state";
import type { Engine } from "./engine/types";
import type { ClockControl } from "./engine/clock";

export type StartEmulatorOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. The admin API answers loopback clients only, whatever the host. */
  host?: string;
  dataDir: string;
  /** Seed accounts, users and the lake on an empty data dir (default true). */
  seed?: boolean;
  /** Password of every seeded user (the engine's default, "emulator", when absent). */
  password?: string;
  /** Scales the generated lake rows (engine default 1 ≈ 110k rows); tests use a small value for speed. */
  lakeRowScale?: number;
  /** Registered as RSA_PUBLIC_KEY of the FLOE_PROVISIONER users. */
  provisionerPublicKeyPem?: string;
  /** Delay charged on every HTTP request the driver makes (not the admin API), in ms. */
  latencyMs?: number;
  /** A full fault config or just a list of rules. */
  faults?: FaultConfigInput | FaultRuleInput[];
  sessionTokenValiditySeconds?: number; // default 3600, like Snowflake
  masterTokenValiditySeconds?: number; // default 14400
  timezone?: string; // default UTC
  queryLogCapacity?: number; // default 10 000
  logLevel?: "silent" | "error" | "info";
  /** Use this engine instead of creating one (the caller then owns and closes it). */
  engine?: Engine;
  /** Bearer token of the admin API; a random one when absent (emulator/server/admin-token.ts). */
  adminToken?: string;
};

export type RunningEmulator = {
  url: string;
  port: number;
  host: string;
  engine: Engine;
  /** The admin API's bearer token for this start. */
  adminToken: string;
  close(): Promise<void>;
  faults: {
    get(): FaultSnapshot;
    set(config: FaultConfigInput): FaultSnapshot;
    add(rule: FaultRuleInput): ActiveRule;
    remove(id: string): boolean;
    setLatency(ms: number): void;
    clear(): void;
  };
  queryLog: { list(filter?: QueryLogFilter): QueryLogEntry[]; clear(): void };
  concurrency: { snapshot(): ConcurrencySnapshot; reset(): void };
  sessions: {
    expireSessionTokens(): number;
    expireMasterTokens(): void;
    count(): number;
    open(): number;
    renewals(): number;
  };
  /** The engine's clock (engine/clock.ts); throws when a custom engine without one was given. */
  clock: ClockControl;
  /** engine.reset() plus sessions, logs, faults and probes. */
  reset(): Promise<void>;
};

function initialFaults(options: StartEmulatorOptions): FaultConfigInput {
  const given = Array.isArray(options.faults) ? { rules: options.faults } : (options.faults ?? {});
  return { ...given, latencyMs: options.latencyMs ?? given.latencyMs ?? 0 };
}

export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const log: Logger = createLogger(options.logLevel ?? "info");
  const faults = new FaultStore();
  faults.set(initialFaults(options)); // validates before anything starts
  const ownsEngine = !options.engine;
  const engine =
    options.engine ??
    (await loadEngine({
      dataDir: options.dataDir,
      seed: options.seed ?? true,
      password: options.password,
      provisionerPublicKeyPem: options.provisionerPublicKeyPem,
      lakeRowScale: options.lakeRowScale,
    }));
  const closing = new AbortController();
  // Every open request listens for shutdown; hundreds at once are normal in benchmarks, not a leak.
  setMaxListeners(0, closing.signal);
  const state: ServerState = {
    engine,
    sessions: new SessionStore({
      sessionTokenSeconds: options.sessionTokenValiditySeconds ?? 3600,
      masterTokenSeconds: options.masterTokenValiditySeconds ?? 14_400,
    }),
    faults,
    queryLog: new QueryLog(options.queryLogCapacity ?? 10_000),
    concurrency: new ConcurrencyProbe(),
    results: new ResultStore(),
    log,
    timezone: options.timezone ?? "UTC",
    serverVersion: "9.0.0-floe-emulator",
    closing: closing.signal,
  };
  const startedAt = new Date().toISOString();
  const adminToken = options.adminToken ?? newAdminToken();
  const { server } = createHttpServer(
    state,
    () => ({ startedAt, sessions: state.sessions.size, faults: faults.snapshot().rules.length }),
    adminToken,
  );
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    if (ownsEngine) await engine.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closed: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    engine,
    adminToken,
    close: () =>
      (closed ??= (async () => {
        closing.abort(); // hanging/delayed requests stop waiting
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Whatever is still open after a grace period (a client that never reads) is cut.
        const cut = setTimeout(() => server.closeAllConnections(), 2_000);
        await stopped;
        clearTimeout(cut);
        if (ownsEngine) await engine.close();
      })()),
    faults: {
      get: () => faults.snapshot(),
      set: (config) => faults.set(config),
      add: (rule) => faults.add(rule),
      remove: (id) => faults.remove(id),
      setLatency: (ms) => faults.setLatency(ms),
      clear: () => faults.clear(),
    },
    queryLog: { list: (filter) => state.queryLog.list(filter), clear: () => state.queryLog.clear() },
    concurrency: { snapshot: () => state.concurrency.snapshot(), reset: () => state.concurrency.reset() },
    sessions: {
      expireSessionTokens: () => state.sessions.expireSessionTokens(),
      expireMasterTokens: () => state.sessions.expireMasterTokens(),
      count: () => state.sessions.size,
      open: () => state.sessions.openCount,
      renewals: () => state.sessions.renewals,
    },
    clock: engine.clock ?? noClock(),
    reset: () => resetAll(state),
  };
}

function noClock(): ClockControl {
  const fail = (): never => {
    throw new Error("this engine has no controllable clock");
  };
  return { read: fail, advance: fail, set: fail, freeze: fail, unfreeze: fail };
}

export type {
  FaultConfigInput,
  FaultRuleInput,
  ActiveRule,
  FaultSnapshot,
  QueryLogEntry,
  QueryLogFilter,
  ConcurrencySnapshot,
};
