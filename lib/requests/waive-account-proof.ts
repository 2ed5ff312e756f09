import "server-only";
import { invalidInputError, invalidStateError, notFoundError } from "@/lib/errors";
import { WAIVER_REASON_MAX_LENGTH } from "@/lib/limits";
import { assertStaff } from "./assert-staff";
import { acceptAccountProof, proofRequestSelect, type ReleaseRun } from "./release-after-proof";
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
      select: proofRequestSelect,
    });
    if (!request) throw notFoundError();
    if (request.state !== "AWAITING_PROOF") {
      throw invalidStateError(
        `This request is ${describeState(request.state)}; only a request waiting for proof can have it waived.`,
        { reason: "invalid_state", details: { state: request.state } },
      );
    }
    const { runId } = await acceptAccountProof(tx, request, {
      actorId: options.actorId,
      proof: { method: "WAIVED", reason },
      release: options.release,
      audit: { type: "request.proof_waived", details: { reason } },
    });
    return { requestId: request.id, runId };
  });
}
