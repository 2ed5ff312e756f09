// Typed client for the emulator's admin API (/__emulator/), for tests and benchmarks running in
// another process than the emulator. In-process callers can use startEmulator()'s handle instead.
// Every call carries the admin token; Node's fetch sends no Origin or Sec-Fetch-* headers, so it passes
// the server's browser check.
import type { ConcurrencySnapshot } from "./server/concurrency";
import type { FaultConfigInput, FaultRuleInput } from "./server/fault-schema";
import type { ActiveRule, FaultSnapshot } from "./server/faults";
import type { QueryLogEntry } from "./server/query-log";
import type { ClockState } from "./engine/clock";

export type ClockMove = ClockState & { runs: number };
type Instant = Date | string | number;
const instant = (at: Instant) => (at instanceof Date ? at.getTime() : at);

export class EmulatorAdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "EmulatorAdminError";
  }
}

export type QueryLogQuery = { account?: string; since?: Date | string | number; limit?: number };

/** `token`: the admin token of this emulator start (printed at start, in <data dir>/admin-token, or `.adminToken` in process). */
export function createAdminClient(emulatorUrl: string, token: string) {
  const base = emulatorUrl.replace(/\/+$/, "") + "/__emulator";

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(base + path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!res.ok) throw new EmulatorAdminError(res.status, json?.error ?? json?.message ?? `HTTP ${res.status}`);
    return json as T;
  }

  return {
    health: () => call<{ ok: true; startedAt: string; sessions: number; faults: number }>("GET", "/health"),
    queryLog: async (q: QueryLogQuery = {}) => {
      const params = new URLSearchParams();
      if (q.account) params.set("account", q.account);
      if (q.since !== undefined) params.set("since", q.since instanceof Date ? q.since.toISOString() : String(q.since));
      if (q.limit !== undefined) params.set("limit", String(q.limit));
      const qs = params.size ? `?${params}` : "";
      return (await call<{ entries: QueryLogEntry[] }>("GET", `/query-log${qs}`)).entries;
    },
    clearQueryLog: () => call<{ ok: true }>("DELETE", "/query-log"),
    faults: () => call<FaultSnapshot>("GET", "/faults"),
    setFaults: (config: FaultConfigInput) => call<FaultSnapshot>("PUT", "/faults", config),
    addFaultRule: (rule: FaultRuleInput) => call<ActiveRule>("POST", "/faults/rules", rule),
    removeFaultRule: (id: string) => call<{ ok: true }>("DELETE", `/faults/rules/${encodeURIComponent(id)}`),
    clearFaults: () => call<FaultSnapshot>("DELETE", "/faults"),
    concurrency: () => call<ConcurrencySnapshot>("GET", "/concurrency"),
    resetConcurrency: () => call<ConcurrencySnapshot>("DELETE", "/concurrency"),
    /** Engine back to its seeded state; sessions, query log, faults and probes cleared. */
    reset: () => call<{ ok: true }>("POST", "/reset"),
    expireSessionTokens: () => call<{ expired: number }>("POST", "/sessions/expire-tokens"),
    /** The engine's clock: read, advance (answers after the task runs and refreshes that fell due), set, freeze. */
    clock: {
      read: () => call<ClockState>("GET", "/clock"),
      advance: (by: { ms: number } | { seconds: number } | { minutes: number }) =>
        call<ClockMove>("POST", "/clock/advance", by),
      set: (at: Instant) => call<ClockMove>("PUT", "/clock", { at: instant(at) }),
      freeze: (at?: Instant) => call<ClockMove>("POST", "/clock/freeze", at === undefined ? {} : { at: instant(at) }),
      unfreeze: () => call<ClockState>("POST", "/clock/unfreeze"),
    },
  };
}

export type EmulatorAdminClient = ReturnType<typeof createAdminClient>;
