import "server-only";
import type { Prisma } from "@/lib/db";
import { invalidStateError } from "@/lib/errors";
import type { RequestState, RunKind } from "@/lib/generated/prisma/enums";
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

/**
 * A REVOKE run found a drift REPAIR run of its request still running: the claim rolls back and the job retries
 * later (the repair stops at its next step once it sees the request is no longer ACTIVE, execute-run.ts), so a
 * repair's statements never land between or after the revoke's.
 */
export class RunMustWaitError extends Error {
  constructor(readonly waitingForRunId: string) {
    super(`A drift repair run (${waitingForRunId}) of this request is still running; the revoke starts after it`);
    this.name = "RunMustWaitError";
  }
}

export type ClaimedRun = { runId: string; requestId: string; organizationId: string; kind: RunKind; attempt: number };

/**
 * The worker's claim on a run: run QUEUED → RUNNING (or a stale RUNNING one taken over), and for the first
 * run of a request APPROVED → PROVISIONING. Returns null when there is nothing to do (another worker holds
 * the run, or it already finished), which is normal with at-least-once job delivery.
 */
export async function markProvisioning(options: MarkProvisioningOptions): Promise<ClaimedRun | null> {
  return inTransaction(async (tx) => {
    const run = await claimRun(tx, options);
    if (!run) return null;
    const now = run.claimedAt;

    const organizationId = run.request.organizationId;
    const tookOver = run.previousState === "RUNNING";
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
      if (run.kind === "REVOKE") await waitForRepair(tx, run.requestId, options.staleAfterMs);
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
          ...(tookOver ? { tookOverFrom: run.previousLockedBy } : {}),
        },
      });
    }
    return { runId: run.id, requestId: run.requestId, organizationId, kind: run.kind, attempt: run.attempt };
  });
}

/** Throws RunMustWaitError while a REPAIR run of the request is RUNNING under a live worker (a stale one is dead). */
async function waitForRepair(tx: Prisma.TransactionClient, requestId: string, staleAfterMs: number | undefined) {
  const repairing = await tx.provisioningRun.findFirst({
    where: {
      requestId,
      kind: "REPAIR",
      state: "RUNNING",
      ...(staleAfterMs === undefined ? {} : { heartbeatAt: { gte: new Date(Date.now() - staleAfterMs) } }),
    },
    select: { id: true },
  });
  if (repairing) throw new RunMustWaitError(repairing.id);
}

type Claim = {
  id: string;
  kind: RunKind;
  attempt: number;
  requestId: string;
  previousState: string;
  previousLockedBy: string | null;
  claimedAt: Date;
  request: { organizationId: string; state: RequestState };
};

/**
 * The compare-and-set of the claim as ONE statement (under load the interactive transaction's round trips are what
 * ran out of time, Prisma P2028): the run locked and moved to RUNNING if it is QUEUED or stale, with what it was
 * before and its request. A racing claim waits on the row lock, re-reads the winner's row and matches nothing.
 */
async function claimRun(tx: Prisma.TransactionClient, options: MarkProvisioningOptions): Promise<Claim | null> {
  // Times are PostgreSQL's (UTC, as Prisma stores DateTime in timestamp columns), so no client clock or time zone
  // conversion of a bound Date enters the comparison.
  const staleSeconds = options.staleAfterMs === undefined ? null : options.staleAfterMs / 1000;
  const rows = await tx.$queryRaw<(Omit<Claim, "request"> & { organizationId: string; requestState: RequestState })[]>`
    WITH previous AS (
      SELECT id, state::text AS state, "lockedBy", "heartbeatAt" FROM "ProvisioningRun" WHERE id = ${options.runId} FOR UPDATE
    )
    UPDATE "ProvisioningRun" AS r
       SET state = 'RUNNING', "lockedBy" = ${options.workerId}, "heartbeatAt" = now() AT TIME ZONE 'UTC', "startedAt" = now() AT TIME ZONE 'UTC'
      FROM previous, "ShareRequest" AS q
     WHERE r.id = previous.id AND q.id = r."requestId"
       AND (previous.state = 'QUEUED'
            OR (${staleSeconds}::float8 IS NOT NULL AND previous.state = 'RUNNING'
                AND previous."heartbeatAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => ${staleSeconds}::float8)))
    RETURNING r.id, r.kind::text AS kind, r.attempt, r."requestId", previous.state AS "previousState",
              previous."lockedBy" AS "previousLockedBy", r."startedAt" AS "claimedAt", q."organizationId",
              q.state::text AS "requestState"`;
  const row = rows[0];
  if (!row) return null;
  const { organizationId, requestState, ...run } = row;
  return { ...run, request: { organizationId, state: requestState } };
}
