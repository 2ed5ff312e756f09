// Concurrency probe: in-flight query requests per account and the peak since the last reset, so a
// benchmark or test can assert that a client keeps within its per-account bound; and every driver
// request counted by kind since the last reset, so a benchmark can report what it really sent.
export type ConcurrencySnapshot = {
  accounts: Record<string, { inFlight: number; peak: number }>;
  total: { inFlight: number; peak: number };
  requests: RequestCounts;
};

/** What a request to the Snowflake endpoints is, as counted by the probe (the admin API is not counted). */
export const REQUEST_KINDS = [
  "login",
  "query",
  "result",
  "monitoring",
  "token",
  "session",
  "abort",
  "telemetry",
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export type RequestCounts = Record<RequestKind, number>;

const zeroCounts = (): RequestCounts => Object.fromEntries(REQUEST_KINDS.map((k) => [k, 0])) as RequestCounts;

export class ConcurrencyProbe {
  private perAccount = new Map<string, { inFlight: number; peak: number }>();
  private total = { inFlight: 0, peak: 0 };
  private requests = zeroCounts();

  /** Call once per request to a Snowflake endpoint, before it pays the injected latency. */
  count(kind: RequestKind): void {
    this.requests[kind]++;
  }

  /** Call when a query request starts; call the returned function exactly once when it ends. */
  enter(account: string): () => void {
    const key = account.toUpperCase();
    const slot = this.perAccount.get(key) ?? { inFlight: 0, peak: 0 };
    this.perAccount.set(key, slot);
    slot.inFlight++;
    slot.peak = Math.max(slot.peak, slot.inFlight);
    this.total.inFlight++;
    this.total.peak = Math.max(this.total.peak, this.total.inFlight);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      slot.inFlight--;
      this.total.inFlight--;
    };
  }

  snapshot(): ConcurrencySnapshot {
    return {
      accounts: Object.fromEntries([...this.perAccount].map(([k, v]) => [k, { ...v }])),
      total: { ...this.total },
      requests: { ...this.requests },
    };
  }

  /** Peaks restart from what is in flight now (requests running across a reset are still counted); counts restart at 0. */
  reset(): void {
    for (const [key, slot] of this.perAccount) {
      if (slot.inFlight === 0) this.perAccount.delete(key);
      else slot.peak = slot.inFlight;
    }
    this.total.peak = this.total.inFlight;
    this.requests = zeroCounts();
  }
}
