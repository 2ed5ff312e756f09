import "server-only";
import { notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createRunWithSteps, type PlannedStep } from "./create-run";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";
import { inTransaction } from "./transaction";

export type RequestRevocationOptions = {
  requestId: string;
  /** Brand callers pass their organisation (cross-tenant ids are then not found); staff may omit it. */
  organizationId?: string;
  /** Brand OWNER/MEMBER or staff: the caller authorises, the command records who asked. null = the system
   *  (the expiry sweep, at the share's end date). */
  actorId: string | null;
  /** The revoke plan and its steps (lib/provisioning), stored on the REVOKE run. */
  plan: unknown;
  steps: readonly PlannedStep[];
  reason?: string | null;
  /** The share reached its end date (lib/expiry): recorded in the audit event. */
  expired?: boolean;
};

/**
 * ACTIVE → REVOKING with a QUEUED REVOKE run. Also FAILED → REVOKING, to clean up after a provision that
 * will never succeed, and AWAITING_PROOF → REVOKING, when the brand withdraws instead of entering the code
 * (see state-machine.ts). The caller enqueues the run after commit.
 */
export async function requestRevocation(
  options: RequestRevocationOptions,
): Promise<{ requestId: string; runId: string }> {
  const { from, to } = assertTransition("request_revocation");
  return inTransaction(async (tx) => {
    const request = await tx.shareRequest.findFirst({
      where: { id: options.requestId, organizationId: options.organizationId },
      select: { id: true, organizationId: true, share: { select: { id: true } } },
    });
    if (!request) throw notFoundError();
    const updated = await tx.shareRequest.updateMany({
      where: { id: request.id, organizationId: request.organizationId, state: { in: from } },
      data: { state: to, failureStepKey: null },
    });
    if (updated.count === 0)
      return refuseTransition(tx, {
        requestId: request.id,
        organizationId: options.organizationId,
        transition: "request_revocation",
      });
    const run = await createRunWithSteps(tx, {
      requestId: request.id,
      kind: "REVOKE",
      plan: options.plan,
      steps: options.steps,
    });
    // A code that was never entered cannot be used any more (the revoke run deletes its row in the lake).
    await tx.accountProofChallenge.deleteMany({ where: { requestId: request.id } });
    const reason = options.reason?.trim() || null;
    await recordAuditEvent(tx, {
      actor: options.actorId === null ? { type: "SYSTEM" } : { type: "USER", id: options.actorId },
      organizationId: request.organizationId,
      requestId: request.id,
      shareId: request.share?.id ?? null,
      type: "request.revocation_requested",
      details: {
        runId: run.id,
        ...(reason ? { reason: reason.slice(0, 1000) } : {}),
        ...(options.expired ? { expired: true } : {}),
      },
    });
    return { requestId: request.id, runId: run.id };
  });
}
