// The application clock: everything that decides by the time of day — share expiry, reminders, webhook
// retries — asks appNow() instead of `new Date()`, so tests move time forward without sleeping. Production
// never sets it. Pure (no I/O): both server code and tests import it.

type Clock = () => Date;

const systemClock: Clock = () => new Date();
let current: Clock = systemClock;

/** Now, by the application clock. */
export function appNow(): Date {
  return current();
}

/** Tests only: read time from `clock` until resetAppClock(). */
export function setAppClock(clock: Clock): void {
  current = clock;
}

export function resetAppClock(): void {
  current = systemClock;
}

/** Tests only: a clock frozen at `start` that moves only when told to. */
export function frozenAppClock(start: Date): { now(): Date; advance(ms: number): Date; set(at: Date): void } {
  let at = start.getTime();
  setAppClock(() => new Date(at));
  return {
    now: () => new Date(at),
    advance(ms) {
      at += ms;
      return new Date(at);
    },
    set(next) {
      at = next.getTime();
    },
  };
}
