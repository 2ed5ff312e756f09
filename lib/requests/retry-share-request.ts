import "server-only";
import { invalidStateError, notFoundError } from "@/lib/errors";
import type { RunKind } from "@/lib/generated/prisma/enums";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertStaff } from "./assert-staff";
import { setRunState } from "./load-run";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";
import { inTransaction } from "./transaction";

export type RetryShareRequestOptions = {
  requestId: string;
  organizationId?: string;
  /** The account manager asking for the retry. */
  actorId: string;
};

export type RetriedShareRequest = {
  requestId: string;
  runId: string;
  kind: RunKind;
  attempt: number;
  resumeAtStepKey: string | null;
};

/**
 * Manual retries per run. Transient errors are retried by the worker with backoff; a run that still fails
 * after this many manual retries needs a fix elsewhere (or revocation), not another click.
 */
export const MAX_RUN_ATTEMPTS = 10;

/**
 * FAILED → PROVISIONING (failed provision run) or REVOKING (failed revoke run). The same run is resumed:
 * attempt + 1, steps that SUCCEEDED (or were SKIPPED as already done) stay, the failed step and everything
 * after it go back to PENDING. The caller enqueues the run after commit.
 */
export async function retryShareRequest(options: RetryShareRequestOptions): Promise<RetriedShareRequest> {
  return inTransaction(async (tx) => {
    const request = await tx.shareRequest.findFirst({
      where: { id: options.requestId, organizationId: options.organizationId },
      select: {
        id: true,
        organizationId: true,
        share: { select: { id: true } },
        runs: {
          select: { id: true, kind: true, state: true, attempt: true },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: 1,
        },
      },
    });
    if (!request) throw notFoundError();
    await assertStaff(tx, options.actorId);
    const run = request.runs[0];
    if (!run || run.state !== "FAILED")
      return refuseTransition(tx, {
        requestId: request.id,
        organizationId: options.organizationId,
        transition: "retry_provisioning",
      });
    if (run.attempt >= MAX_RUN_ATTEMPTS) {
      throw invalidStateError(
        `This run was already tried ${run.attempt} times. Fix the cause, or revoke the request to clean up.`,
        { reason: "retry_limit" },
      );
    }

    const { from, to } = assertTransition(run.kind === "REVOKE" ? "retry_revocation" : "retry_provisioning");
    const updated = await tx.shareRequest.updateMany({
      where: { id: request.id, organizationId: request.organizationId, state: { in: from } },
      data: { state: to, failureStepKey: null },
    });
    if (updated.count === 0)
      return refuseTransition(tx, {
        requestId: request.id,
        organizationId: options.organizationId,
        transition: "retry_provisioning",
      });

    await setRunState(tx, run.id, ["FAILED"], {
      state: "QUEUED",
      attempt: { increment: 1 },
      lockedBy: null,
      heartbeatAt: null,
      finishedAt: null,
      failedStepKey: null,
      errorCode: null,
      errorMessage: null,
    });
    // Steps run in order, so "not finished" is exactly the failed step and the ones after it. Their
    // attempt counters and query ids are kept: they are the history the account manager reads.
    await tx.provisioningStep.updateMany({
      where: { runId: run.id, state: { notIn: ["SUCCEEDED", "SKIPPED"] } },
      data: {
        state: "PENDING",
        startedAt: null,
        finishedAt: null,
        durationMs: null,
        errorCode: null,
        sqlState: null,
        errorMessage: null,
      },
    });
    const resumeAt = await tx.provisioningStep.findFirst({
      where: { runId: run.id, state: "PENDING" },
      orderBy: { position: "asc" },
      select: { key: true },
    });

    const attempt = run.attempt + 1;
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: request.organizationId,
      requestId: request.id,
      shareId: request.share?.id ?? null,
      type: "request.retried",
      details: { runId: run.id, kind: run.kind, attempt, resumeAtStepKey: resumeAt?.key ?? null },
    });
    return { requestId: request.id, runId: run.id, kind: run.kind, attempt, resumeAtStepKey: resumeAt?.key ?? null };
  });
}
