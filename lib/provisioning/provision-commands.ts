import "server-only";
import { db } from "@/lib/db";
import { approveShareRequest } from "@/lib/requests/approve-share-request";
import { findAccountProof } from "@/lib/requests/account-proof";
import { requestRevocation } from "@/lib/requests/request-revocation";
import { retryShareRequest } from "@/lib/requests/retry-share-request";
import { proveAccountControl, releaseProvenAccount } from "@/lib/requests/prove-account-control";
import { waiveAccountProof } from "@/lib/requests/waive-account-proof";
import { planForRequest, plannedSteps, releasePlanForRequest, revocationPlanForRequest } from "./plan-for-request";
import { enqueueRun } from "./queue";

// The decisions that start Snowflake work: plan (pure), then the lib/requests command that records the
// decision and the run in one transaction, then — after commit — the job. If the process dies before the
// enqueue, the worker's sweep finds the QUEUED run and enqueues it (see worker.ts).

export async function approveAndProvision(options: { requestId: string; approverId: string }) {
  const { plan } = await planForRequest(options.requestId);
  const approved = await approveShareRequest({
    requestId: options.requestId,
    approverId: options.approverId,
    plan,
    steps: plannedSteps(plan),
    share: { name: plan.shareName, databaseName: plan.database, providerAccountId: plan.shareAccountId },
  });
  await enqueueRun({ runId: approved.runId, requestId: approved.requestId, kind: "PROVISION" });
  return approved;
}

export async function revokeAndDeprovision(options: {
  requestId: string;
  actorId: string;
  organizationId?: string;
  reason?: string | null;
}) {
  const { plan } = await revocationPlanForRequest(options.requestId, options.organizationId);
  const revoked = await requestRevocation({ ...options, plan, steps: plannedSteps(plan) });
  await enqueueRun({ runId: revoked.runId, requestId: revoked.requestId, kind: "REVOKE" });
  return revoked;
}

export async function retryAndResume(options: { requestId: string; actorId: string }) {
  const retried = await retryShareRequest(options);
  await enqueueRun({ runId: retried.runId, requestId: retried.requestId, kind: retried.kind });
  return retried;
}

async function releaseRun(requestId: string, organizationId?: string) {
  const { plan } = await releasePlanForRequest(requestId, organizationId);
  return { plan, steps: plannedSteps(plan) };
}

/** The brand enters the code its account read: right → the release run (entitlements) is queued. */
export async function proveAndRelease(options: {
  requestId: string;
  organizationId: string;
  actorId: string;
  code: string;
}) {
  const release = await releaseRun(options.requestId, options.organizationId);
  const proven = await proveAccountControl({ ...options, release });
  await enqueueRun({ runId: proven.runId, requestId: proven.requestId, kind: "PROVISION" });
  return proven;
}

/** An account manager waives the proof with a reason; the release run is queued. */
export async function waiveAndRelease(options: { requestId: string; actorId: string; reason: string }) {
  const release = await releaseRun(options.requestId);
  const waived = await waiveAccountProof({ ...options, release });
  await enqueueRun({ runId: waived.runId, requestId: waived.requestId, kind: "PROVISION" });
  return waived;
}

/** Worker side: a challenged account turned out to be proven already (resolved from its locator). */
export async function releaseIfProven(requestId: string) {
  const release = await releaseRun(requestId);
  const released = await releaseProvenAccount({ requestId, release });
  if (released) await enqueueRun({ runId: released.runId, requestId, kind: "PROVISION" });
  return released;
}

/**
 * Requests still waiting for a code although their (brand, account) pair is proven by now — through another
 * request's code or a waiver, or because a worker died between the challenge run and its shortcut —
 * released without a code. Called by the worker's sweep.
 */
export async function releaseProvenWaitingRequests(limit = 50): Promise<number> {
  const waiting = await db.shareRequest.findMany({
    where: { state: "AWAITING_PROOF" },
    select: { id: true, organizationId: true, consumerAccount: true, consumerLocator: true, consumerRegion: true },
    orderBy: { updatedAt: "asc" },
    take: limit,
  });
  let released = 0;
  for (const request of waiting) {
    if (!(await findAccountProof(db, request))) continue;
    if (await releaseIfProven(request.id)) released += 1;
  }
  return released;
}
