import "server-only";
import { invalidStateError, notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertStaff } from "./assert-staff";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";
import { inTransaction } from "./transaction";

export type CancelRunOptions = {
  requestId: string;
  runId: string;
  /** The account manager cancelling. */
  actorId: string;
};

/**
 * Stops a run before it touched Snowflake: run QUEUED → CANCELLED and the request → FAILED (the state
 * machine's `fail`, allowed from APPROVED and REVOKING), audited in one transaction.
 *
 * "Not started" means the run is still QUEUED and none of its steps was ever attempted. The compare-and-set
 * on the run's state is what makes this safe against the worker: its claim is the same kind of update
 * (QUEUED → RUNNING), so exactly one of the two wins and the loser matches no row.
 *
 * Why FAILED and not a new state: from FAILED the state machine already offers the two sensible ways on,
 * and no new transition is needed. A cancelled run is not retried (retry resumes a FAILED run); the
 * account manager revokes instead, whose IF EXISTS steps close the request cleanly whether or not
 * anything exists in Snowflake. No e-mail: nothing happened that the brand must act on.
 */
export async function cancelRun(
  options: CancelRunOptions,
): Promise<{ requestId: string; runId: string; state: "FAILED" }> {
  return inTransaction(async (tx) => {
    const run = await tx.provisioningRun.findFirst({
      where: { id: options.runId, requestId: options.requestId },
      select: {
        id: true,
        kind: true,
        attempt: true,
        request: { select: { id: true, organizationId: true, share: { select: { id: true } } } },
      },
    });
    if (!run) throw notFoundError("provisioning run");
    await assertStaff(tx, options.actorId);

    const claimed = await tx.provisioningRun.updateMany({
      where: {
        id: run.id,
        state: "QUEUED",
        steps: { none: { OR: [{ attempts: { gt: 0 } }, { state: { not: "PENDING" } }] } },
      },
      data: {
        state: "CANCELLED",
        finishedAt: new Date(),
        lockedBy: null,
        errorCode: "CANCELLED",
        errorMessage: "Cancelled by an account manager before its first step.",
      },
    });
    if (claimed.count === 0) {
      throw invalidStateError(
        "This run has already started (or finished), so it can no longer be cancelled. Wait for it to finish, or retry or revoke afterwards.",
        {
          reason: "run_started",
        },
      );
    }

    const { from, to } = assertTransition("fail", run.kind === "REVOKE" ? ["REVOKING"] : ["APPROVED", "PROVISIONING"]);
    const updated = await tx.shareRequest.updateMany({
      where: { id: run.request.id, state: { in: from } },
      data: { state: to, failureStepKey: null },
    });
    if (updated.count === 0) return refuseTransition(tx, { requestId: run.request.id, transition: "fail" });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: run.request.organizationId,
      requestId: run.request.id,
      shareId: run.request.share?.id ?? null,
      type: "run.cancelled",
      details: { runId: run.id, kind: run.kind, attempt: run.attempt },
    });
    return { requestId: run.request.id, runId: run.id, state: "FAILED" };
  });
}
