// Everything the routes share. One instance per running emulator.
import type { Engine } from "../engine/types";
import type { ConcurrencyProbe } from "./concurrency";
import type { FaultStore } from "./faults";
import type { Logger } from "./log";
import type { QueryLog } from "./query-log";
import type { ResultStore } from "./result-store";
import type { SessionStore } from "./sessions";

export type ServerState = {
  engine: Engine;
  sessions: SessionStore;
  faults: FaultStore;
  queryLog: QueryLog;
  concurrency: ConcurrencyProbe;
  results: ResultStore;
  log: Logger;
  /** Sent as the TIMEZONE parameter with every login and query answer. */
  timezone: string;
  serverVersion: string;
  /** Aborted on close(): hanging and delayed requests give up at once. */
  closing: AbortSignal;
};

/** Back to the seeded state: engine data, sessions, stored results, query log, faults and probe peaks. */
export async function resetAll(state: ServerState): Promise<void> {
  await state.engine.reset();
  state.sessions.clear();
  state.results.clear();
  state.queryLog.clear();
  state.faults.clear();
  state.concurrency.reset();
}
