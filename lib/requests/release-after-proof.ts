import "server-only";
import type { Prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { AuditEventType } from "@/lib/audit/audit-event-types";
import { recordAccountProof } from "./account-proof";
import { createRunWithSteps, type PlannedStep } from "./create-run";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";

/** The release run's plan and steps (lib/provisioning planRelease), computed by the caller before the transaction. */
export type ReleaseRun = { plan: unknown; steps: readonly PlannedStep[] };

/**
 * AWAITING_PROOF → PROVISIONING with the release run (entitlement rows, code deleted), inside the caller's
 * transaction — the code check, the waiver and the already-proven shortcut all end here. The caller
 * enqueues the run after commit. The hashed code is deleted: it cannot be used twice.
 */
export async function startReleaseRun(
  tx: Prisma.TransactionClient,
  options: { requestId: string; organizationId: string; release: ReleaseRun },
): Promise<{ runId: string }> {
  const { from, to } = assertTransition("prove_control");
  const updated = await tx.shareRequest.updateMany({
    where: { id: options.requestId, organizationId: options.organizationId, state: { in: from } },
    data: { state: to },
  });
  if (updated.count === 0)
    return refuseTransition(tx, {
      requestId: options.requestId,
      organizationId: options.organizationId,
      transition: "prove_control",
    });
  await tx.accountProofChallenge.deleteMany({ where: { requestId: options.requestId } });
  const run = await createRunWithSteps(tx, {
    requestId: options.requestId,
    kind: "PROVISION",
    plan: options.release.plan,
    steps: options.release.steps,
  });
  return { runId: run.id };
}

/** What the code check, the waiver and the already-proven shortcut read of the request they release. */
export const proofRequestSelect = {
  id: true,
  state: true,
  organizationId: true,
  consumerAccount: true,
  consumerLocator: true,
  consumerRegion: true,
  share: { select: { id: true } },
} satisfies Prisma.ShareRequestSelect;

export type ProofRequest = Prisma.ShareRequestGetPayload<{ select: typeof proofRequestSelect }>;

/**
 * The common end of every release: record the pair as proven (unless it already was, `proof: null`), start
 * the release run and audit it, in the caller's transaction. Returns the run to enqueue after commit.
 */
export async function acceptAccountProof(
  tx: Prisma.TransactionClient,
  request: ProofRequest,
  options: {
    /** The user who proved or waived it; absent for the SYSTEM's already-proven shortcut. */
    actorId?: string;
    proof: { method: "CODE" | "WAIVED"; reason?: string } | null;
    release: ReleaseRun;
    audit: {
      type: Extract<AuditEventType, "request.account_proven" | "request.proof_waived">;
      details: Prisma.InputJsonObject;
    };
  },
): Promise<{ runId: string }> {
  if (options.proof && options.actorId) {
    await recordAccountProof(tx, { ...request, ...options.proof, actorId: options.actorId, requestId: request.id });
  }
  const { runId } = await startReleaseRun(tx, {
    requestId: request.id,
    organizationId: request.organizationId,
    release: options.release,
  });
  await recordAuditEvent(tx, {
    actor: options.actorId ? { type: "USER", id: options.actorId } : { type: "SYSTEM" },
    organizationId: request.organizationId,
    requestId: request.id,
    shareId: request.share?.id ?? null,
    type: options.audit.type,
    details: { runId, consumerAccount: request.consumerAccount, ...options.audit.details },
  });
  return { runId };
}
