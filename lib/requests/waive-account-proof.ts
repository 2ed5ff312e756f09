import "server-only";
import { invalidInputError, invalidStateError, notFoundError } from "@/lib/errors";
import { WAIVER_REASON_MAX_LENGTH } from "@/lib/limits";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordAccountProof } from "./account-proof";
import { assertStaff } from "./assert-staff";
import { startReleaseRun, type ReleaseRun } from "./release-after-proof";
import { describeState } from "./state-machine";
import { inTransaction } from "./transaction";

export const WAIVER_REASON_MAX = WAIVER_REASON_MAX_LENGTH;

/**
 * An account manager waives the proof of control (e.g. the brand's Snowflake admin confirmed the account
 * on a call): the pair is recorded as proven by waiver with the reason, the release run starts
 * (AWAITING_PROOF → PROVISIONING) and request.proof_waived is audited, in one transaction.
 */
export async function waiveAccountProof(options: {
  requestId: string;
  actorId: string;
  reason: string;
  release: ReleaseRun;
}): Promise<{ requestId: string; runId: string }> {
  const reason = typeof options.reason === "string" ? options.reason.trim() : "";
  if (reason === "")
    throw invalidInputError("Give the reason for waiving the proof; it is kept in the audit log.", {
      reason: "missing_reason",
      fieldErrors: { reason: ["Give a reason."] },
    });
  if (reason.length > WAIVER_REASON_MAX)
    throw invalidInputError(`The reason can be at most ${WAIVER_REASON_MAX} characters.`, {
      reason: "reason_too_long",
      fieldErrors: { reason: ["Too long."] },
    });
  return inTransaction(async (tx) => {
    await assertStaff(tx, options.actorId);
    const request = await tx.shareRequest.findUnique({
      where: { id: options.requestId },
      select: {
        id: true,
        state: true,
        organizationId: true,
        consumerAccount: true,
        consumerLocator: true,
        consumerRegion: true,
        share: { select: { id: true } },
      },
    });
    if (!request) throw notFoundError();
    if (request.state !== "AWAITING_PROOF") {
      throw invalidStateError(
        `This request is ${describeState(request.state)}; only a request waiting for proof can have it waived.`,
        { reason: "invalid_state", details: { state: request.state } },
      );
    }
    await recordAccountProof(tx, {
      ...request,
      method: "WAIVED",
      reason,
      actorId: options.actorId,
      requestId: request.id,
    });
    const { runId } = await startReleaseRun(tx, {
      requestId: request.id,
      organizationId: request.organizationId,
      release: options.release,
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: request.organizationId,
      requestId: request.id,
      shareId: request.share?.id ?? null,
      type: "request.proof_waived",
      details: { runId, consumerAccount: request.consumerAccount, reason },
    });
    return { requestId: request.id, runId };
  });
}
