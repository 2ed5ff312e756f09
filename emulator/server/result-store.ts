// Finished (and running) statements by query id, for GET /queries/<id>/result (multi-statement children,
// async execution), GET /monitoring/queries/<id>, and answering SDK retries of a request already run.
// Bounded: the oldest are forgotten first.
import type { Envelope } from "./wire";

export type StoredQuery = {
  queryId: string;
  requestId?: string;
  sessionId: number;
  account: string;
  user: string;
  sqlText: string;
  startedAt: number;
  endedAt?: number;
  status: "RUNNING" | "SUCCESS" | "FAILED_WITH_ERROR" | "ABORTED";
  /** The answer exactly as the query request gave (or would have given) it. */
  answer?: Envelope;
  error?: { code: string; sqlState: string; message: string };
  done: Promise<void>;
};

export class ResultStore {
  private byId = new Map<string, StoredQuery>();
  private byRequestKey = new Map<string, StoredQuery>();

  constructor(private capacity = 5_000) {}

  put(query: StoredQuery): void {
    this.byId.set(query.queryId, query);
    if (query.requestId) this.byRequestKey.set(`${query.sessionId}/${query.requestId}`, query);
    while (this.byId.size > this.capacity) {
      const oldest = this.byId.values().next().value as StoredQuery;
      this.byId.delete(oldest.queryId);
      if (oldest.requestId) this.byRequestKey.delete(`${oldest.sessionId}/${oldest.requestId}`);
    }
  }

  get(queryId: string): StoredQuery | undefined {
    return this.byId.get(queryId);
  }

  byRequest(sessionId: number, requestId: string): StoredQuery | undefined {
    return this.byRequestKey.get(`${sessionId}/${requestId}`);
  }

  clear(): void {
    this.byId.clear();
    this.byRequestKey.clear();
  }
}
