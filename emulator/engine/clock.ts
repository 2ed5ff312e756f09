// The engine's one clock: CURRENT_TIMESTAMP()/SYSDATE()/CURRENT_DATE, task schedules and history, stream
// offsets and staleness, and replication schedules and refresh history all read it, so a test can freeze
// time, move it forward and see every time-driven behaviour follow without sleeping.
//
// Real-time mode (the default): now() = the wall clock + an offset (advance/set move the offset).
// Frozen mode: now() stays where it was frozen until advanced or set.

export type ClockState = { now: string; epochMs: number; frozen: boolean };

export class EngineClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(private readonly wall: () => number = Date.now) {}

  now(): number {
    return this.frozenAt ?? this.wall() + this.offsetMs;
  }

  nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  /** Moves the clock to `epochMs` (forwards or backwards), keeping the mode. */
  setTo(epochMs: number): void {
    if (this.frozenAt !== null) this.frozenAt = epochMs;
    else this.offsetMs = epochMs - this.wall();
  }

  /** Stops time at the current instant (or at `epochMs`). */
  freeze(epochMs?: number): void {
    this.frozenAt = epochMs ?? this.now();
  }

  /** Time runs again from where it stands now. */
  unfreeze(): void {
    if (this.frozenAt === null) return;
    this.offsetMs = this.frozenAt - this.wall();
    this.frozenAt = null;
  }

  state(): ClockState {
    const ms = this.now();
    return { now: new Date(ms).toISOString(), epochMs: ms, frozen: this.frozen };
  }
}

/**
 * What the server (admin API) and in-process callers may do with an engine's clock. advance runs every task run
 * and scheduled replication refresh that falls due on the way, each at its own time, in order, before resolving;
 * set and freeze(at) jump: each job that is due runs once at the new time (missed slots are skipped).
 * `runs` counts the jobs run (a task graph run counts once).
 */
export type ClockControl = {
  read(): ClockState;
  advance(ms: number): Promise<ClockState & { runs: number }>;
  set(epochMs: number): Promise<ClockState & { runs: number }>;
  freeze(epochMs?: number): Promise<ClockState & { runs: number }>;
  unfreeze(): ClockState;
};
