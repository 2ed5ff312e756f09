// Runs REPLICATION_SCHEDULE: one timer per secondary replication group whose (primary's) schedule is
// '<n> MINUTE[S]', refreshing it every n minutes × scale. Timers are unref'd (they never keep the process
// alive), re-armed only after a refresh finished (no overlap), re-synced with the catalog after every
// statement that changed it, and stopped on close/reset. 'USING CRON …' schedules are recorded, not run.
import type { Catalog, ReplicationGroup } from "./catalog";

/** Milliseconds between refreshes for a schedule text, or null when the emulator does not run it. */
export function scheduleMillis(schedule: string | null, scale: number): number | null {
  const m = schedule ? /^\s*(\d+)\s*MINUTES?\s*$/i.exec(schedule) : null;
  if (!m || Number(m[1]) < 1) return null;
  return Math.max(1, Math.round(Number(m[1]) * 60_000 * scale));
}

/** The schedule a secondary follows: its primary's current one (set there), else the copy it was created with. */
export function effectiveSchedule(catalog: Catalog, group: ReplicationGroup): string | null {
  const primary = group.primary ? catalog.accounts[group.primary.locator]?.replicationGroups[group.primary.group] : undefined;
  return primary?.schedule ?? group.schedule;
}

export type RefreshRunner = (locator: string, group: string) => Promise<void>;

export class ReplicationScheduler {
  private timers = new Map<string, { ms: number; timer: NodeJS.Timeout }>();
  private stopped = false;

  constructor(private readonly scale: number, private readonly refresh: RefreshRunner) {}

  sync(catalog: Catalog): void {
    if (this.stopped) return;
    const wanted = new Map<string, number>();
    for (const [locator, account] of Object.entries(catalog.accounts)) {
      for (const g of Object.values(account.replicationGroups)) {
        if (g.isPrimary || g.suspended) continue;
        const ms = scheduleMillis(effectiveSchedule(catalog, g), this.scale);
        if (ms !== null) wanted.set(`${locator}\u0000${g.name}`, ms);
      }
    }
    for (const [key, entry] of this.timers) {
      if (wanted.get(key) !== entry.ms) { clearTimeout(entry.timer); this.timers.delete(key); }
    }
    for (const [key, ms] of wanted) if (!this.timers.has(key)) this.arm(key, ms);
  }

  private arm(key: string, ms: number): void {
    const timer = setTimeout(() => {
      const [locator, group] = key.split("\u0000");
      // Failures are dropped: Snowflake reports them in refresh history, which the emulator does not model.
      this.refresh(locator, group).catch(() => undefined).finally(() => {
        if (!this.stopped && this.timers.get(key)?.timer === timer) this.arm(key, ms);
      });
    }, ms);
    timer.unref();
    this.timers.set(key, { ms, timer });
  }

  /** Active timers (tests, diagnostics). */
  get size(): number { return this.timers.size; }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Clears every timer but keeps running (reset re-syncs with the restored catalog). */
  clear(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
