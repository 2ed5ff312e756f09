import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { notFoundError } from "@/lib/errors";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";
import { inTransaction } from "./transaction";

export type CancelShareRequestOptions = {
  requestId: string;
  /** The requester's organisation: required, a request is only ever cancelled from inside its brand. */
  organizationId: string;
  /** Who cancels (an owner or member of the organisation; the caller authorises). */
  actorId: string;
};

/** PENDING_APPROVAL → CANCELLED. No decider is recorded (the CHECK exempts CANCELLED); the audit names the actor. */
export async function cancelShareRequest(
  options: CancelShareRequestOptions,
): Promise<{ requestId: string; state: "CANCELLED" }> {
  // Prisma drops an undefined filter: without this guard a missing organisation would match any tenant.
  if (!options.organizationId) throw notFoundError();
  const { from, to } = assertTransition("cancel");
  return inTransaction(async (tx) => {
    const updated = await tx.shareRequest.updateMany({
      where: { id: options.requestId, organizationId: options.organizationId, state: { in: from } },
      data: { state: to },
    });
    if (updated.count === 0)
      return refuseTransition(tx, {
        requestId: options.requestId,
        organizationId: options.organizationId,
        transition: "cancel",
      });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: options.organizationId,
      requestId: options.requestId,
      type: "request.cancelled",
    });
    return { requestId: options.requestId, state: "CANCELLED" };
  });
}
