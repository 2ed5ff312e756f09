// When a failed webhook delivery is tried again: exponential backoff from 30 s, doubling, capped at one
// hour, with ±20 % jitter so endpoints that failed together do not get retried in lockstep. After
// MAX_DELIVERY_ATTEMPTS the delivery is given up (state FAILED): 30 s + 1 + 2 + 4 + 8 + 16 + 32 min ≈ 1 h 3 min.

export const MAX_DELIVERY_ATTEMPTS = 8;
const BASE_MS = 30_000;
const CAP_MS = 60 * 60_000;

/** Delay before the next try after `attempts` failed tries (1-based); `random` in [0, 1). */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
