import "server-only";
import { invalidInputError, notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertStaff } from "./assert-staff";
import { queueRequesterEmail } from "./emails";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";
import { inTransaction } from "./transaction";
import { DECISION_REASON_MAX_LENGTH } from "@/lib/limits";

export type RejectShareRequestOptions = {
  requestId: string;
  organizationId?: string;
  deciderId: string;
  /** Shown to the requester: 3..1000 characters after trimming. */
  reason: string;
};

export const REJECTION_REASON_MIN = 3;
export const REJECTION_REASON_MAX = DECISION_REASON_MAX_LENGTH;

/** PENDING_APPROVAL → REJECTED with the reason, audited, and the reason e-mailed to the requester. */
export async function rejectShareRequest(
  options: RejectShareRequestOptions,
): Promise<{ requestId: string; state: "REJECTED" }> {
  const reason = typeof options.reason === "string" ? options.reason.trim() : "";
  if (reason.length < REJECTION_REASON_MIN || reason.length > REJECTION_REASON_MAX) {
    const message = `Give a reason of ${REJECTION_REASON_MIN} to ${REJECTION_REASON_MAX} characters; the requester will read it.`;
    throw invalidInputError(message, { reason: "invalid_reason", fieldErrors: { reason: [message] } });
  }
  const { from, to } = assertTransition("reject");
  return inTransaction(async (tx) => {
    const request = await tx.shareRequest.findFirst({
      where: { id: options.requestId, organizationId: options.organizationId },
      select: { id: true, organizationId: true },
    });
    if (!request) throw notFoundError();
    await assertStaff(tx, options.deciderId);
    const updated = await tx.shareRequest.updateMany({
      where: { id: request.id, organizationId: request.organizationId, state: { in: from } },
      data: { state: to, decidedById: options.deciderId, decidedAt: new Date(), decisionReason: reason },
    });
    if (updated.count === 0)
      return refuseTransition(tx, {
        requestId: request.id,
        organizationId: options.organizationId,
        transition: "reject",
      });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.deciderId },
      organizationId: request.organizationId,
      requestId: request.id,
      type: "request.rejected",
      details: { reason },
    });
    await queueRequesterEmail(tx, { requestId: request.id, kind: "request.rejected", reason });
    return { requestId: request.id, state: "REJECTED" };
  });
}
