import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { db } from "@/lib/db";
import type { RunJob } from "@/lib/requests/enqueue";
import { closeAccountSlots } from "./account-slots";
import { executeRun, staleAfterMs, TransientRunError } from "./execute-run";
import { createProviderExecutors } from "./provider-executors";
import { releaseProvenWaitingRequests } from "./provision-commands";
import { RunMustWaitError } from "@/lib/requests/mark-provisioning";
import { cancelJobs, enqueueRun, getBoss, liveJobs, RUN_QUEUE, RUN_QUEUED_CHANNEL, stopBoss } from "./queue";
import { getConfig } from "@/lib/config";
import { createStatusHub } from "@/lib/live/status-notifications";
import { sendPendingEmails } from "@/lib/notifications/send-outbox";
import { deliverPendingWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { revokeExpiredShares, sendExpiryReminders } from "@/lib/expiry/share-expiry";
import { logger } from "@/lib/logger";
import { startDriftChecks } from "./drift/drift-schedule";

// A provisioning worker process: takes run jobs from the queue (`concurrency` at a time; woken by NOTIFY on
// RUN_QUEUED_CHANNEL the moment a job is sent, polling as the fallback), and every few
// seconds re-enqueues runs the queue lost track of (committed but never enqueued; worker killed while the
// job was active) and delivers pending notification e-mails. Any number of these can run against one database.

const SWEEP_EVERY_MS = 5_000;

export type WorkerHandle = { id: string; stop(): Promise<void> };

/** A worker's log line with its structured fields (runId, err); tests pass a no-op. */
export type WorkerLog = (message: string, fields?: Record<string, unknown>) => void;

export async function startWorker(options: {
  concurrency: number;
  log?: WorkerLog;
  /** Also work the scheduled drift check of ACTIVE shares (scripts/worker.ts; tests call checks directly). */
  driftChecks?: boolean;
}): Promise<WorkerHandle> {
  const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const workerLogger = logger.child({ component: "worker", workerId: id });
  const log: WorkerLog = options.log ?? ((message, fields) => workerLogger.info(fields ?? {}, message));
  const logError: WorkerLog = options.log ?? ((message, fields) => workerLogger.error(fields ?? {}, message));
  const executors = createProviderExecutors();
  const boss = await getBoss();

  const handle = async (job: { data: RunJob }) => {
    const { runId } = job.data;
    try {
      const outcome = await executeRun({ runId, workerId: id, executors });
      if (outcome !== "busy") log(`run ${outcome}`, { runId, outcome });
    } catch (error) {
      if (error instanceof TransientRunError) log(`run hit a transient error, will retry: ${error.message}`, { runId });
      else if (error instanceof RunMustWaitError) log(`run waits, will retry: ${error.message}`, { runId });
      else logError("run failed with an unexpected error", { runId, err: error });
      throw error; // the queue retries with backoff
    }
  };
  const workerIds: string[] = [];
  for (let i = 0; i < options.concurrency; i++) {
    workerIds.push(
      await boss.work<RunJob>(RUN_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => handle(job)),
    );
  }

  const drift = options.driftChecks ? await startDriftChecks({ boss, executors, log }) : null;
  // Instant pickup: one LISTEN connection (the live-status hub, on the run-queued channel) wakes this process's
  // queue workers the moment a job is sent, instead of at their next poll; polling remains the fallback.
  const wake = createStatusHub({
    connectionString: getConfig().DATABASE_URL,
    channel: RUN_QUEUED_CHANNEL,
    log: (message) => log(`run wake-up: ${message}`),
  });
  wake.subscribeAll(() => {
    for (const workerId of workerIds) boss.notifyWorker(workerId);
  });
  await wake.ready().catch((error) => logError("run wake-up LISTEN failed; polling only", { err: error }));

  const sweep = setInterval(() => {
    void sweepLostRuns().catch((error) => logError("sweep failed", { err: error }));
    void releaseProvenWaitingRequests().catch((error) => logError("proof release sweep failed", { err: error }));
    void sendPendingEmails().catch((error) => logError("mail delivery failed", { err: error }));
    void deliverPendingWebhooks().catch((error) => logError("webhook delivery failed", { err: error }));
    void sendExpiryReminders().catch((error) => logError("expiry reminders failed", { err: error }));
    void revokeExpiredShares().catch((error) => logError("expiry revocation failed", { err: error }));
  }, SWEEP_EVERY_MS);
  log(`${id} working ${RUN_QUEUE} with concurrency ${options.concurrency}`);

  return {
    id,
    async stop() {
      clearInterval(sweep);
      await wake.close();
      for (const workerId of workerIds) await boss.offWork({ id: workerId });
      await drift?.stop();
      await stopBoss();
      await executors.close();
      await closeAccountSlots();
    },
  };
}

/**
 * Re-enqueues QUEUED runs older than a few seconds and RUNNING runs whose worker stopped reporting, unless
 * the queue still has a job for them (a retry waiting out its backoff must not be overtaken).
 */
export async function sweepLostRuns(): Promise<number> {
  const now = Date.now();
  const lost = await db.provisioningRun.findMany({
    where: {
      OR: [
        { state: "QUEUED", createdAt: { lt: new Date(now - SWEEP_EVERY_MS) } },
        { state: "RUNNING", heartbeatAt: { lt: new Date(now - staleAfterMs()) } },
      ],
    },
    select: { id: true, requestId: true, kind: true, state: true },
    take: 100,
  });
  if (lost.length === 0) return 0;
  const jobs = await liveJobs(lost.map((r) => r.id));
  // The active job of a silent RUNNING run belongs to a dead (or cut-off) worker. The queue allows one active
  // job per run ("stately") and would keep it until it expires (15 min); worse, a job queued behind it for
  // the same run stalls the head of the queue for every run. Cancel it; the new job takes the run over.
  // So is the active job of a QUEUED run that no worker claimed within the stale bound: a worker claims the
  // moment it fetches, so its handler ended (a failure after the claim puts the run back in the queue) but
  // pg-boss could not record that (PostgreSQL dropped meanwhile: reliability/database-restart.test.ts).
  const stale = new Set(lost.filter((r) => r.state === "RUNNING").map((r) => r.id));
  const queued = new Set(lost.filter((r) => r.state === "QUEUED").map((r) => r.id));
  const unclaimedSince = new Date(now - staleAfterMs());
  const abandoned = jobs.filter(
    (j) =>
      j.state === "active" &&
      (stale.has(j.runId) || (queued.has(j.runId) && j.startedOn !== null && j.startedOn < unclaimedSince)),
  );
  await cancelJobs(abandoned.map((j) => j.id));
  const covered = new Set(jobs.filter((j) => !abandoned.includes(j)).map((j) => j.runId));
  const orphans = lost.filter((r) => !covered.has(r.id));
  for (const run of orphans) await enqueueRun({ runId: run.id, requestId: run.requestId, kind: run.kind });
  return orphans.length;
}
