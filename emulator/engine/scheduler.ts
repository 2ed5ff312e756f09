// The engine's clock-driven scheduler: started root tasks with a SCHEDULE (their nextScheduledTime, kept in the
// catalog so it survives restarts) and secondary replication groups with a '<n> MINUTE' REPLICATION_SCHEDULE
// (every n minutes × replicationScheduleScale after the group was first seen). Due jobs run one at a time in
// time order. Two drivers:
// - real time (clock not frozen): one unref'd timer armed for the earliest due job;
// - advanceTo(target): every job due up to target runs with the clock stepped to its due time first, so a test
//   that moves the clock minute by minute sees each run at its own minute, and the call returns after them.
import type { Catalog } from "./catalog";
import type { EngineClock } from "./clock";
import { effectiveSchedule, scheduleMillis } from "./replication-scheduler";
import { nextRun, parseSchedule } from "./task-schedule";
import { tasksOf, type TaskRef } from "./task-runner";

type Job =
  | { at: number; kind: "task"; locator: string; ref: TaskRef }
  | { at: number; kind: "replication"; key: string; locator: string; group: string };

export type SchedulerDeps = {
  catalog(): Catalog;
  clock: EngineClock;
  replicationScale: number;
  /** Runs a job inside the engine's statement queue (the functions below run without it). */
  serial<T>(fn: () => Promise<T>): Promise<T>;
  refreshUnlocked(locator: string, group: string): Promise<void>;
  runTaskUnlocked(locator: string, ref: TaskRef, scheduledTime: string): Promise<void>;
  save(): Promise<void>;
};

const MAX_TIMER_MS = 2 ** 31 - 1;

export class ClockScheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private replication = new Map<string, { at: number; ms: number }>();

  constructor(private readonly deps: SchedulerDeps) {}

  /** After every catalog change: pick up new/changed replication schedules and re-arm the timer. */
  sync(): void {
    if (this.stopped) return;
    const catalog = this.deps.catalog();
    const wanted = new Map<string, number>();
    for (const [locator, account] of Object.entries(catalog.accounts)) {
      for (const g of Object.values(account.replicationGroups)) {
        if (g.isPrimary || g.suspended) continue;
        const ms = scheduleMillis(effectiveSchedule(catalog, g), this.deps.replicationScale);
        if (ms !== null) wanted.set(`${locator}\u0000${g.name}`, ms);
      }
    }
    for (const [key, entry] of this.replication) if (wanted.get(key) !== entry.ms) this.replication.delete(key);
    const now = this.deps.clock.now();
    for (const [key, ms] of wanted) if (!this.replication.has(key)) this.replication.set(key, { at: now + ms, ms });
    this.arm();
  }

  private nextJob(): Job | null {
    let best: Job | null = null;
    for (const [key, { at }] of this.replication) {
      if (!best || at < best.at) {
        const [locator, group] = key.split("\u0000");
        best = { at, kind: "replication", key, locator, group };
      }
    }
    for (const [locator, account] of Object.entries(this.deps.catalog().accounts)) {
      for (const ref of tasksOf(account)) {
        const t = ref.task;
        if (t.state !== "started" || !t.nextScheduledTime || t.after.length > 0) continue;
        const at = Date.parse(t.nextScheduledTime);
        if (!best || at < best.at) best = { at, kind: "task", locator, ref };
      }
    }
    return best;
  }

  /** Runs every job due at or before `target` (inside the queue); with `step`, moves the clock to each due time first. */
  async runDueUnlocked(target: number, step: boolean): Promise<number> {
    let runs = 0;
    for (let guard = 0; guard < 100_000; guard++) {
      const job = this.nextJob();
      if (!job || job.at > target) break;
      if (step && job.at > this.deps.clock.now()) this.deps.clock.setTo(job.at);
      await this.runJob(job);
      runs++;
    }
    return runs;
  }

  private async runJob(job: Job): Promise<void> {
    const now = this.deps.clock.now();
    if (job.kind === "replication") {
      const entry = this.replication.get(job.key)!;
      let at = entry.at + entry.ms;
      while (at <= now) at += entry.ms; // missed slots are skipped, not caught up
      entry.at = at;
      // A failed refresh is recorded in the group's refresh history (refreshGroup); the schedule carries on.
      await this.deps.refreshUnlocked(job.locator, job.group).catch(() => undefined);
      return;
    }
    const t = job.ref.task;
    const scheduled = new Date(job.at).toISOString();
    t.nextScheduledTime = t.schedule ? new Date(nextRun(parseSchedule(t.schedule), now, job.at)).toISOString() : null;
    await this.deps.runTaskUnlocked(job.locator, job.ref, scheduled);
    await this.deps.save();
  }

  private arm(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.stopped || this.deps.clock.frozen) return;
    const job = this.nextJob();
    if (!job) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, job.at - this.deps.clock.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.deps
        .serial(() => this.runDueUnlocked(this.deps.clock.now(), false))
        .catch(() => undefined)
        .finally(() => this.arm());
    }, delay);
    this.timer.unref();
  }

  /** Re-arms after the clock changed mode or position. */
  rearm(): void {
    this.arm();
  }

  /** Jobs known to the scheduler (tests, diagnostics). */
  get replicationJobs(): number {
    return this.replication.size;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Forgets replication slots and the timer (reset re-syncs with the restored catalog). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.replication.clear();
  }
}
