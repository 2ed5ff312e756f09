import "server-only";
import type PgBoss from "pg-boss";
import type { Executors } from "../runtime-types";
import { oneAtATime } from "../queue";
import { checkAllActiveShares } from "./check-share-drift";

// The scheduled drift check: a pg-boss cron schedule (one per database, whatever the number of workers: the
// schedule is a row, and pg-boss's own scheduler puts one job per tick) on a queue of its own, worked by
// every worker process; "singleton" keeps at most one check queued or active at a time.

export const DRIFT_QUEUE = "share-drift-check";
/** Every 15 minutes. A drift check is a few reads per share; the repair runs queue like any run. */
export const DRIFT_CRON = "*/15 * * * *";

export type DriftScheduleHandle = { stop(): Promise<void> };

export async function startDriftChecks(options: {
  boss: PgBoss;
  executors: Executors;
  log: (message: string, fields?: Record<string, unknown>) => void;
  cron?: string;
}): Promise<DriftScheduleHandle> {
  const { boss, executors, log } = options;
  // Through the queue module's lock: two workers creating queues at once can deadlock (queue.ts).
  await oneAtATime(() =>
    boss.createQueue(DRIFT_QUEUE, { name: DRIFT_QUEUE, policy: "singleton", retryLimit: 0, expireInSeconds: 15 * 60 }),
  );
  await boss.schedule(DRIFT_QUEUE, options.cron ?? DRIFT_CRON, {}, { tz: "UTC" });
  const workId = await boss.work(DRIFT_QUEUE, { pollingIntervalSeconds: 5, batchSize: 1 }, async () => {
    const result = await checkAllActiveShares({
      executors,
      onError: (requestId, error) => log("drift check of a share failed", { requestId, err: error }),
    });
    log(`drift check: ${result.checked} shares`, result.outcomes);
  });
  return { stop: () => boss.offWork({ id: workId }) };
}
