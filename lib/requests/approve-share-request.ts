import "server-only";
import { forbiddenError, notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertStaff } from "./assert-staff";
import { createRunWithSteps, type PlannedStep } from "./create-run";
import { queueRequesterEmail } from "./emails";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";
import { inTransaction } from "./transaction";

export type ApproveShareRequestOptions = {
  requestId: string;
  /** Narrows the request to one organisation when the caller has one in scope; staff may omit it. */
  organizationId?: string;
  approverId: string;
  /** The plan the approver saw (from lib/provisioning/plan.ts), stored on the run as is. */
  plan: unknown;
  steps: readonly PlannedStep[];
  /** The share the plan creates: name and database derived from the request, on the plan's provider account. */
  share: { name: string; databaseName: string; providerAccountId: string };
};

export type ApprovedShareRequest = { requestId: string; runId: string; shareId: string };

/**
 * PENDING_APPROVAL → APPROVED, with the provision run (QUEUED), its steps, the Share row, the audit event
 * and the requester's e-mail in one transaction. The caller enqueues the run after commit (see enqueue.ts).
 * Two racing approvals: the compare-and-set lets exactly one through; the other gets "already approved by".
 */
export async function approveShareRequest(options: ApproveShareRequestOptions): Promise<ApprovedShareRequest> {
  const { from, to } = assertTransition("approve");
  return inTransaction(async (tx) => {
    const request = await tx.shareRequest.findFirst({
      where: { id: options.requestId, organizationId: options.organizationId },
      select: {
        id: true,
        organizationId: true,
        requestedById: true,
        consumerAccount: true,
        consumerRegion: true,
        crossRegion: true,
      },
    });
    if (!request) throw notFoundError();
    await assertStaff(tx, options.approverId);
    if (request.requestedById === options.approverId) {
      throw forbiddenError("You cannot approve a request you submitted yourself; ask another account manager.", {
        reason: "self_approval",
      });
    }

    const decidedAt = new Date();
    const claimed = await tx.shareRequest.updateMany({
      where: { id: request.id, organizationId: request.organizationId, state: { in: from } },
      data: { state: to, decidedById: options.approverId, decidedAt },
    });
    if (claimed.count === 0)
      return refuseTransition(tx, {
        requestId: request.id,
        organizationId: options.organizationId,
        transition: "approve",
      });

    const share = await tx.share.create({
      data: {
        requestId: request.id,
        organizationId: request.organizationId,
        providerAccountId: options.share.providerAccountId,
        name: options.share.name,
        databaseName: options.share.databaseName,
        consumerAccount: request.consumerAccount,
        consumerRegion: request.consumerRegion,
      },
      select: { id: true },
    });
    const run = await createRunWithSteps(tx, {
      requestId: request.id,
      kind: "PROVISION",
      plan: options.plan,
      steps: options.steps,
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.approverId },
      organizationId: request.organizationId,
      requestId: request.id,
      shareId: share.id,
      type: "request.approved",
      details: {
        runId: run.id,
        shareName: options.share.name,
        crossRegion: request.crossRegion,
        steps: options.steps.length,
      },
    });
    await queueRequesterEmail(tx, { requestId: request.id, kind: "request.approved" });
    return { requestId: request.id, runId: run.id, shareId: share.id };
  });
}
