import "server-only";
import pg from "pg";
import PgBoss from "pg-boss";
import { getConfig } from "@/lib/config";
import type { RunJob } from "@/lib/requests/enqueue";
import { logger } from "@/lib/logger";

// The durable job queue (pg-boss on the same PostgreSQL). Any number of worker processes on any number of
// machines can `work` the queue; a run's job carries only its id, everything else is re-read from Postgres.

export const RUN_QUEUE = "provisioning-run";
/** NOTIFY channel: a run's job was just sent (payload: the run id); workers LISTEN to it (worker.ts). */
export const RUN_QUEUED_CHANNEL = "floe_run_queued";
const SCHEMA = "pgboss";

/** Job-level retries cover transient Snowflake failures; steps count their own attempts on top. */
const queueOptions = { retryLimit: 8, retryDelay: 2, retryBackoff: true, expireInSeconds: 15 * 60 } as const;

const globalForBoss = globalThis as unknown as { floeBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  globalForBoss.floeBoss ??= (async () => {
    const boss = new PgBoss({
      connectionString: getConfig().DATABASE_URL,
      schema: SCHEMA,
      max: 4,
      application_name: "floe-queue",
    });
    // One line per error: pg-boss reports every dropped connection (e.g. while PostgreSQL shuts down first on Ctrl-C).
    boss.on("error", (error: Error & { code?: string }) =>
      logger.error({ component: "queue", err: error }, "pg-boss error"),
    );
    await boss.start();
    // "stately": at most one queued and one active job per run id, so double enqueues collapse.
    await oneAtATime(() => boss.createQueue(RUN_QUEUE, { name: RUN_QUEUE, policy: "stately", ...queueOptions }));
    return boss;
  })();
  return globalForBoss.floeBoss;
}

/**
 * pg-boss 10's create_queue inserts the queue row and creates its partition; two processes doing it at the
 * same moment (two workers starting together) can deadlock (40P01) and one of them dies at start. A session
 * advisory lock on a connection of its own makes them take turns; the second then finds the queue and
 * returns (create_queue is ON CONFLICT DO NOTHING).
 */
export async function oneAtATime(create: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: getConfig().DATABASE_URL, application_name: "floe-queue-setup" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('floe:pgboss-create-queue'))");
    await create();
  } finally {
    await client.end(); // ends the session, which releases the lock
  }
}

/** Enqueues a run after its transaction committed; idempotent per run id. */
export async function enqueueRun(job: RunJob, options: { startAfterSeconds?: number } = {}): Promise<void> {
  const boss = await getBoss();
  await boss.send(RUN_QUEUE, job, { singletonKey: job.runId, ...queueOptions, startAfter: options.startAfterSeconds });
  // Wake the workers now instead of at their next poll (0.5 s); the job is in the table before the notification
  // goes out, so the worker that wakes finds it. Polling stays as the fallback for a missed notification.
  if (!options.startAfterSeconds)
    await boss.getDb().executeSql("SELECT pg_notify($1, $2)", [RUN_QUEUED_CHANNEL, job.runId]);
}

/** The jobs of these runs that are not finished (waiting, waiting to retry, or active). */
export async function liveJobs(
  runIds: string[],
): Promise<{ id: string; runId: string; state: "created" | "retry" | "active"; startedOn: Date | null }[]> {
  if (runIds.length === 0) return [];
  const boss = await getBoss();
  const { rows } = await boss
    .getDb()
    .executeSql(
      `SELECT id, singleton_key AS "runId", state, started_on AS "startedOn" FROM ${SCHEMA}.job WHERE name = $1 AND singleton_key = ANY($2::text[]) AND state < 'completed'`,
      [RUN_QUEUE, runIds],
    );
  return rows;
}

export async function cancelJobs(ids: string[]): Promise<void> {
  if (ids.length > 0) await (await getBoss()).cancel(RUN_QUEUE, ids);
}

export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.floeBoss;
  globalForBoss.floeBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 });
}

/**
 * pg-boss 10 neither awaits nor catches its own complete()/fail() once a job handler returns (manager.js,
 * `onFetch`): if the database is unreachable at that moment (a restart), the rejection is unhandled and
 * Node ends the worker process. Nothing is lost by carrying on: the job stays active and the worker's sweep
 * takes its run over once the heartbeat is stale. Only rejections raised inside pg-boss are forgiven;
 * anything else still ends the process as before. For worker processes (scripts/worker.ts), which must
 * outlive a database restart (reliability/database-restart.test.ts).
 */
export function surviveDatabaseRestarts(log: (line: string) => void): void {
  const state = globalThis as unknown as { floeQueueGuard?: boolean };
  if (state.floeQueueGuard) return;
  state.floeQueueGuard = true;
  process.on("unhandledRejection", (reason) => {
    const stack = reason instanceof Error ? (reason.stack ?? "") : "";
    if (!/node_modules[\\/]pg-boss[\\/]/.test(stack)) throw reason;
    log(`queue bookkeeping failed (the sweep will recover the job): ${(reason as Error).message}`);
  });
  // A pg Client that loses its server while no listener is attached (between a library's checkout and its
  // next query) emits an 'error' nobody handles. That client is dead and its owner sees the failure on its
  // next query; the process is fine. Anything else still ends the process.
  process.on("uncaughtException", (error: Error & { code?: string }) => {
    if (!isConnectionLoss(error)) {
      logger.fatal({ err: error }, "uncaught exception");
      process.exit(1);
    }
    log(`database connection lost (${error.code ?? "closed"}); continuing: pools reconnect on next use`);
  });
}

/** PostgreSQL shut down, restarted or failed over under an open connection. */
function isConnectionLoss(error: Error & { code?: string }): boolean {
  return (
    ["57P01", "57P02", "57P03", "08006", "08003"].includes(error.code ?? "") ||
    /Connection terminated unexpectedly/.test(error.message)
  );
}
