import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { queueRequesterEmail } from "./emails";
import { loadRun, setRunState } from "./load-run";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";
import { markRepairFailed } from "./repair-runs";
import { inTransaction } from "./transaction";

export type MarkFailedOptions = {
  runId: string;
  /** The step that failed (null when the run failed before its first step). */
  stepKey: string | null;
  /** Snowflake error code or Floe's own (e.g. "VERIFY_MISMATCH"); shown to account managers. */
  errorCode?: string | null;
  /** The raw error text: kept on the run for account managers, never put in the audit or the e-mail. */
  errorMessage: string;
};

const MESSAGE_MAX = 4000;

/**
 * The run gave up (a permanent error, or transient ones beyond the worker's retry budget): run FAILED with
 * the error, request → FAILED with the failing step, requester told in plain words.
 */
export async function markFailed(
  options: MarkFailedOptions,
): Promise<{ requestId: string; state: "FAILED" | "ACTIVE" }> {
  // A failed drift repair leaves its request ACTIVE and alerts staff instead (repair-runs.ts).
  const kind = (await db.provisioningRun.findUnique({ where: { id: options.runId }, select: { kind: true } }))?.kind;
  if (kind === "REPAIR") return markRepairFailed(options);
  return inTransaction(async (tx) => {
    const run = await loadRun(tx, options.runId);
    const { from, to } = assertTransition("fail", run.kind === "REVOKE" ? ["REVOKING"] : ["APPROVED", "PROVISIONING"]);
    const now = new Date();
    await setRunState(tx, run.id, ["QUEUED", "RUNNING"], {
      state: "FAILED",
      finishedAt: now,
      failedStepKey: options.stepKey,
      errorCode: options.errorCode ?? null,
      errorMessage: options.errorMessage.slice(0, MESSAGE_MAX),
    });
    const updated = await tx.shareRequest.updateMany({
      where: { id: run.requestId, state: { in: from } },
      data: { state: to, failureStepKey: options.stepKey },
    });
    if (updated.count === 0) return refuseTransition(tx, { requestId: run.requestId, transition: "fail" });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: run.request.organizationId,
      requestId: run.requestId,
      shareId: run.request.share?.id ?? null,
      type: "request.failed",
      details: {
        runId: run.id,
        kind: run.kind,
        attempt: run.attempt,
        stepKey: options.stepKey,
        errorCode: options.errorCode ?? null,
      },
    });
    await queueRequesterEmail(tx, { requestId: run.requestId, kind: "request.failed" });
    return { requestId: run.requestId, state: "FAILED" };
  });
}
