// Concurrency probe: in-flight query requests per account and the peak since the last reset, so a
// benchmark or test can assert that a client keeps within its per-account bound.
export type ConcurrencySnapshot = {
  accounts: Record<string, { inFlight: number; peak: number }>;
  total: { inFlight: number; peak: number };
};

export class ConcurrencyProbe {
  private perAccount = new Map<string, { inFlight: number; peak: number }>();
  private total = { inFlight: 0, peak: 0 };

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
    };
  }

  /** Peaks restart from what is in flight now (requests running across a reset are still counted). */
  reset(): void {
    for (const [key, slot] of this.perAccount) {
      if (slot.inFlight === 0) this.perAccount.delete(key);
      else slot.peak = slot.inFlight;
    }
    this.total.peak = this.total.inFlight;
  }
}
