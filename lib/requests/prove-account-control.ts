import "server-only";
import { AppError, forbiddenError, invalidInputError, invalidStateError, notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findAccountProof } from "./account-proof";
import { PROOF_CODE_INPUT_MAX, proofCodeMatches } from "./account-proof-code";
import { acceptAccountProof, proofRequestSelect, type ReleaseRun } from "./release-after-proof";
import { describeState } from "./state-machine";
import { inTransaction } from "./transaction";

/** Wrong codes allowed per lock window; then entry is refused for PROOF_LOCK_MINUTES (a 59-bit code is not guessable, but the attempts are still bounded). */
export const PROOF_MAX_FAILED_ATTEMPTS = 5;
export const PROOF_LOCK_MINUTES = 15;

export type ProveAccountControlOptions = {
  requestId: string;
  /** The brand's organisation: another brand's request id is simply not found. */
  organizationId: string;
  actorId: string;
  code: string;
  /** The release run to start when the code is right (lib/provisioning planReleaseForRequest). */
  release: ReleaseRun;
};

type Outcome = { ok: true; runId: string } | { ok: false; error: AppError };

/**
 * The brand enters the code its account read through the share. Right code: the pair is recorded as
 * proven, the hash deleted and the release run started (AWAITING_PROOF → PROVISIONING), in one
 * transaction. Wrong code: the failed attempt is committed first (it must count even though the call
 * fails), then a clear error; after PROOF_MAX_FAILED_ATTEMPTS entry is locked for a while.
 */
export async function proveAccountControl(
  options: ProveAccountControlOptions,
): Promise<{ requestId: string; runId: string }> {
  const code = typeof options.code === "string" ? options.code.trim() : "";
  if (code === "" || code.length > PROOF_CODE_INPUT_MAX) {
    throw invalidInputError("Enter the code your Snowflake account shows (e.g. ABCD-EFGH-JKMN).", {
      reason: "invalid_code",
      fieldErrors: { code: ["Enter the code your Snowflake account shows."] },
    });
  }
  const outcome: Outcome = await inTransaction(async (tx) => {
    const request = await tx.shareRequest.findFirst({
      where: { id: options.requestId, organizationId: options.organizationId },
      select: proofRequestSelect,
    });
    if (!request) throw notFoundError();
    const membership = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: options.actorId, organizationId: request.organizationId } },
      select: { role: true },
    });
    if (!membership || membership.role === "VIEWER")
      throw forbiddenError("Only owners and members of this organisation can confirm the account.", {
        reason: "not_a_requester",
      });
    if (request.state !== "AWAITING_PROOF") {
      throw invalidStateError(`This request is ${describeState(request.state)}; it is not waiting for a code.`, {
        reason: "invalid_state",
        details: { state: request.state },
      });
    }
    // Row lock: two racing entries are counted one after the other.
    const [challenge] = await tx.$queryRaw<{ codeHash: string; failedAttempts: number; lockedUntil: Date | null }[]>`
      SELECT "codeHash", "failedAttempts", "lockedUntil" FROM "AccountProofChallenge" WHERE "requestId" = ${request.id} FOR UPDATE`;
    if (!challenge)
      throw invalidStateError("No code has been issued for this request yet; wait until the share shows one.", {
        reason: "no_challenge",
      });
    const now = new Date();
    if (challenge.lockedUntil && challenge.lockedUntil > now) {
      const minutes = Math.max(1, Math.ceil((challenge.lockedUntil.getTime() - now.getTime()) / 60_000));
      return {
        ok: false,
        error: new AppError(
          "RATE_LIMITED",
          `Too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
          { reason: "proof_locked" },
        ),
      };
    }
    if (!proofCodeMatches(code, challenge.codeHash)) {
      const failed = challenge.failedAttempts + 1;
      const lock = failed >= PROOF_MAX_FAILED_ATTEMPTS;
      await tx.accountProofChallenge.update({
        where: { requestId: request.id },
        data: lock
          ? { failedAttempts: 0, lockedUntil: new Date(now.getTime() + PROOF_LOCK_MINUTES * 60_000) }
          : { failedAttempts: failed },
      });
      await recordAuditEvent(tx, {
        actor: { type: "USER", id: options.actorId },
        organizationId: request.organizationId,
        requestId: request.id,
        shareId: request.share?.id ?? null,
        type: "request.proof_failed",
        details: { failedAttempts: failed, locked: lock },
      });
      const left = PROOF_MAX_FAILED_ATTEMPTS - failed;
      const message = lock
        ? `That code is not right, and that was the last try for now. Try again in ${PROOF_LOCK_MINUTES} minutes.`
        : `That code is not right. Check that you read it in ${request.consumerAccount} from the share of this request (${left} ${left === 1 ? "try" : "tries"} left).`;
      return {
        ok: false,
        error: invalidInputError(message, { reason: "wrong_code", fieldErrors: { code: [message] } }),
      };
    }
    const { runId } = await acceptAccountProof(tx, request, {
      actorId: options.actorId,
      proof: { method: "CODE" },
      release: options.release,
      audit: { type: "request.account_proven", details: { method: "CODE" } },
    });
    return { ok: true, runId };
  });
  if (!outcome.ok) throw outcome.error;
  return { requestId: options.requestId, runId: outcome.runId };
}

/**
 * The worker's shortcut: a challenge run found (after resolving a locator) that the pair was proven
 * before, so the release starts without a code. SYSTEM actor; same transition as the code.
 */
export async function releaseProvenAccount(options: {
  requestId: string;
  release: ReleaseRun;
}): Promise<{ runId: string } | null> {
  return inTransaction(async (tx) => {
    const request = await tx.shareRequest.findUnique({
      where: { id: options.requestId },
      select: proofRequestSelect,
    });
    if (!request || request.state !== "AWAITING_PROOF" || !(await findAccountProof(tx, request))) return null;
    const { runId } = await acceptAccountProof(tx, request, {
      proof: null,
      release: options.release,
      audit: { type: "request.account_proven", details: { method: "EARLIER_PROOF" } },
    });
    return { runId };
  });
}
