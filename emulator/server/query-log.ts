// Every statement the emulator answered, newest last, in a bounded ring so a long benchmark cannot
// exhaust memory. Tests read it to assert what the app actually sent (SQL, binds, role, outcome).
import type { Bind } from "../engine/types";

export type QueryLogEntry = {
  seq: number;
  timestamp: string; // ISO
  queryId: string;
  /** Set on the children of a multi-statement request. */
  parentQueryId?: string;
  requestId?: string;
  account: string; // account locator
  user: string;
  role: string;
  database: string | null;
  schema: string | null;
  sqlText: string;
  binds?: Bind[];
  outcome: "success" | "error";
  errorCode?: string;
  sqlState?: string;
  errorMessage?: string;
  /** Why the engine failed (DuckDB's text), when it is an emulator gap; the client saw only errorMessage. */
  engineDetail?: string;
  /** Injected by a fault rule rather than produced by the engine. */
  injectedFault?: string;
  rows: number;
  /** QUERY_TAG in effect: the request's parameter (snowflake-sdk's queryTag option), else the session's (ALTER SESSION SET QUERY_TAG). */
  queryTag?: string;
  statementTypeId?: number;
  durationMs: number;
};

export type QueryLogFilter = { account?: string; since?: Date | string | number; limit?: number };

export class QueryLog {
  private entries: QueryLogEntry[] = [];
  private seq = 0;

  constructor(private capacity = 10_000) {}

  add(entry: Omit<QueryLogEntry, "seq">): QueryLogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.entries.push(full);
    // Dropping in batches keeps add() amortised O(1) instead of shifting on every call.
    if (this.entries.length > this.capacity * 1.1) this.entries = this.entries.slice(-this.capacity);
    return full;
  }

  list(filter: QueryLogFilter = {}): QueryLogEntry[] {
    const since = filter.since === undefined ? undefined : new Date(filter.since).getTime();
    const account = filter.account?.toUpperCase();
    let out = this.entries.slice(-this.capacity);
    if (account) out = out.filter((e) => e.account.toUpperCase() === account);
    if (since !== undefined) out = out.filter((e) => Date.parse(e.timestamp) >= since);
    if (filter.limit !== undefined) out = out.slice(-filter.limit);
    return out;
  }

  clear(): void {
    this.entries = [];
  }
}
