import "server-only";
import type { Prisma } from "@/lib/db";
import { invalidStateError } from "@/lib/errors";
import type { RunKind } from "@/lib/generated/prisma/enums";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refuseTransition } from "./refuse-transition";
import { assertTransition, describeState } from "./state-machine";
import { inTransaction } from "./transaction";

export type MarkProvisioningOptions = {
  runId: string;
  /** Identifies the worker process (host:pid:uuid); stored as the run's lock holder. */
  workerId: string;
  /**
   * When given, a RUNNING run whose heartbeat is older than this may be taken over: its worker is
   * presumed dead (crash, deploy). Steps are idempotent, so re-running the current one is safe.
   */
  staleAfterMs?: number;
};

export type ClaimedRun = { runId: string; requestId: string; organizationId: string; kind: RunKind; attempt: number };

/**
 * The worker's claim on a run: run QUEUED → RUNNING (or a stale RUNNING one taken over), and for the first
 * run of a request APPROVED → PROVISIONING. Returns null when there is nothing to do (another worker holds
 * the run, or it already finished), which is normal with at-least-once job delivery.
 */
export async function markProvisioning(options: MarkProvisioningOptions): Promise<ClaimedRun | null> {
  return inTransaction(async (tx) => {
    const run = await tx.provisioningRun.findUnique({
      where: { id: options.runId },
      select: {
        id: true,
        kind: true,
        attempt: true,
        state: true,
        lockedBy: true,
        requestId: true,
        request: { select: { organizationId: true, state: true } },
      },
    });
    if (!run) return null;
    const now = new Date();
    const claimable: Prisma.ProvisioningRunWhereInput[] = [{ state: "QUEUED" }];
    if (options.staleAfterMs !== undefined) {
      claimable.push({ state: "RUNNING", heartbeatAt: { lt: new Date(now.getTime() - options.staleAfterMs) } });
    }
    // startedAt is the start of the current attempt (a retry or a takeover restarts the clock).
    const claimed = await tx.provisioningRun.updateMany({
      where: { id: run.id, OR: claimable },
      data: { state: "RUNNING", lockedBy: options.workerId, heartbeatAt: now, startedAt: now },
    });
    if (claimed.count === 0) return null;

    const organizationId = run.request.organizationId;
    const tookOver = run.state === "RUNNING";
    if (run.kind === "PROVISION" && run.request.state === "APPROVED") {
      const { from, to } = assertTransition("start_provisioning");
      const updated = await tx.shareRequest.updateMany({
        where: { id: run.requestId, state: { in: from } },
        data: { state: to },
      });
      if (updated.count === 0)
        return refuseTransition(tx, { requestId: run.requestId, transition: "start_provisioning" });
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM" },
        organizationId,
        requestId: run.requestId,
        type: "request.provisioning_started",
        details: { runId: run.id, attempt: run.attempt, workerId: options.workerId },
      });
    } else if (run.kind === "REPAIR") {
      // A drift repair serves an ACTIVE share and leaves the request as it is. Revoked (or otherwise left
      // ACTIVE) since it was queued: the repair has nothing to serve, so it ends CANCELLED without Snowflake.
      if (run.request.state !== "ACTIVE") {
        await tx.provisioningRun.update({
          where: { id: run.id },
          data: { state: "CANCELLED", finishedAt: now, lockedBy: null, errorMessage: "The share is no longer active" },
        });
        return null;
      }
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM" },
        organizationId,
        requestId: run.requestId,
        type: "run.started",
        details: { runId: run.id, kind: run.kind, attempt: run.attempt, workerId: options.workerId },
      });
    } else {
      // A retried run or a revoke run: the request already says PROVISIONING / REVOKING. A run of a request
      // in any other state must not touch Snowflake; rolling back leaves the run as it was.
      const expected = run.kind === "PROVISION" ? "PROVISIONING" : "REVOKING";
      if (run.request.state !== expected) {
        throw invalidStateError(
          `This request is ${describeState(run.request.state)}, so its ${run.kind.toLowerCase()} run cannot start.`,
          {
            reason: "invalid_state",
            details: { state: run.request.state },
          },
        );
      }
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM" },
        organizationId,
        requestId: run.requestId,
        type: "run.started",
        details: {
          runId: run.id,
          kind: run.kind,
          attempt: run.attempt,
          workerId: options.workerId,
          ...(tookOver ? { tookOverFrom: run.lockedBy } : {}),
        },
      });
    }
    return { runId: run.id, requestId: run.requestId, organizationId, kind: run.kind, attempt: run.attempt };
  });
}
