import "server-only";
// The erasure job queue: a pg-boss queue of its own on the provisioning queue's pg-boss (lib/provisioning/
// queue.ts), so erasure requests run in the worker without anyone calling runErasure by hand. A job carries
// only the request id; runErasure re-reads everything and is idempotent, so a retry (pg-boss's, with
// backoff, on any failure — Snowflake hiccups are the usual cause) converges. After the last retry the
// request stays FAILED with its error; staff retry it from the console (retryErasureRequest). The worker
// also re-enqueues QUEUED requests left without a job (a crash between commit and send).
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getBoss, oneAtATime } from "@/lib/provisioning/queue";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import type { Executors } from "@/lib/provisioning/runtime-types";
import { runErasure } from "./run-erasure";
import { submitErasureRequest, type SubmitErasureInput } from "./submit-erasure-request";

export const ERASURE_QUEUE = "erasure-request";
type ErasureJob = { requestId: string };

/** 5 retries, 10 s doubling: about 5 minutes of Snowflake trouble before the request is left FAILED. */
const queueOptions = { retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 30 * 60 } as const;
/** A QUEUED request this old without a live job gets one (the worker's sweep). */
const ORPHAN_AFTER_MS = 30_000;
const SWEEP_EVERY_MS = 30_000;

const state = globalThis as unknown as { floeErasureQueue?: Promise<void> };

async function erasureBoss() {
  const boss = await getBoss();
  // "stately": at most one queued and one active job per request, so double enqueues collapse.
  state.floeErasureQueue ??= oneAtATime(() =>
    boss.createQueue(ERASURE_QUEUE, { name: ERASURE_QUEUE, policy: "stately", ...queueOptions }),
  );
  await state.floeErasureQueue;
  return boss;
}

export async function enqueueErasure(requestId: string): Promise<void> {
  const boss = await erasureBoss();
  await boss.send(ERASURE_QUEUE, { requestId } satisfies ErasureJob, { singletonKey: requestId, ...queueOptions });
}

/** What the portal, the API and the console call: file the request, then hand it to the worker. */
export async function fileErasureRequest(input: SubmitErasureInput): Promise<{ id: string; created: boolean }> {
  const result = await submitErasureRequest(input);
  if (result.created) await enqueueErasure(result.id);
  return result;
}

/** Staff: a FAILED request back to QUEUED and into the queue (audited). */
export async function retryErasureRequest(requestId: string, staffId: string): Promise<void> {
  const updated = await db.$transaction(async (tx) => {
    const { count } = await tx.erasureRequest.updateMany({
      where: { id: requestId, state: "FAILED" },
      data: { state: "QUEUED", lastError: null },
    });
    if (count === 0) return null;
    const request = await tx.erasureRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { organizationId: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: staffId },
      organizationId: request.organizationId,
      type: "erasure.retried",
      details: { erasureRequestId: requestId },
    });
    return request;
  });
  if (!updated) throw new AppError("CONFLICT", "Only a failed erasure request can be retried.");
  await enqueueErasure(requestId);
}

/** QUEUED requests older than ORPHAN_AFTER_MS get a job (stately: one that already has one is not doubled). */
export async function sweepQueuedErasures(now = new Date()): Promise<number> {
  const orphans = await db.erasureRequest.findMany({
    where: { state: "QUEUED", createdAt: { lt: new Date(now.getTime() - ORPHAN_AFTER_MS) } },
    select: { id: true },
    take: 100,
  });
  for (const { id } of orphans) await enqueueErasure(id);
  return orphans.length;
}

export type ErasureWorkerHandle = { stop(): Promise<void> };

/** Works the erasure queue in this process (scripts/worker.ts); stop it before the provisioning worker. */
export async function startErasureWorker(
  options: { log?: (message: string, fields?: Record<string, unknown>) => void; executors?: Executors } = {},
): Promise<ErasureWorkerHandle> {
  const log = options.log ?? (() => {});
  const ownExecutors = options.executors ? null : createProviderExecutors();
  const executors = options.executors ?? ownExecutors!;
  const boss = await erasureBoss();
  const workerId = await boss.work<ErasureJob>(
    ERASURE_QUEUE,
    { pollingIntervalSeconds: 1, batchSize: 1 },
    async ([job]) => {
      const { requestId } = job.data;
      const request = await db.erasureRequest.findUnique({ where: { id: requestId }, select: { state: true } });
      if (!request || request.state === "VERIFIED") return; // deleted, or already done by an earlier job
      try {
        await runErasure(requestId, executors);
        log("erasure verified", { erasureRequestId: requestId });
      } catch (error) {
        log(`erasure failed, the queue retries with backoff: ${(error as Error).message}`, {
          erasureRequestId: requestId,
        });
        throw error;
      }
    },
  );
  const sweep = setInterval(() => {
    void sweepQueuedErasures().catch((error) => log(`erasure sweep failed: ${(error as Error).message}`));
  }, SWEEP_EVERY_MS);
  return {
    async stop() {
      clearInterval(sweep);
      await boss.offWork({ id: workerId });
      await ownExecutors?.close();
    },
  };
}
