import "server-only";
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { recordDriftCheck, recordUnrepairableDrift, startRepairRun } from "@/lib/requests/repair-runs";
import { plannedSteps } from "../plan-for-request";
import { enqueueRun } from "../queue";
import type { Executors } from "../runtime-types";
import { detectDrift, type DriftReport } from "./detect-drift";

// One drift check of one ACTIVE share, and what follows from it: nothing (it matches its plan), a REPAIR run
// of only the missing parts through the normal run machinery (queued like any run, executed step by recorded
// step by a worker, audited share.drift_detected → share.drift_repaired), and for what cannot be re-applied
// an alert to staff (share.drift_unrepaired + e-mail), once per distinct drift. The scheduled check, the
// staff "Re-apply" and the brand's "Check my share" all come through here.

export type DriftOutcome =
  | { status: "clean" }
  | { status: "repairing"; runId: string }
  | { status: "busy" }
  | { status: "unrepaired"; alerted: boolean }
  | { status: "not_active" };

export type DriftCheckResult = { outcome: DriftOutcome; report: DriftReport | null };

const problemLines = (report: DriftReport) =>
  [...report.repairable, ...report.unrepairable].map((f) => `${f.part}: ${f.detail}`);

export async function checkShareDrift(options: {
  requestId: string;
  executors: Executors;
  actor: AuditActor;
  /**
   * Staff "Re-apply": try the repair again even though this very drift already failed to repair (and
   * alerted). The schedule does not, so a drift it cannot fix alerts once instead of looping.
   */
  force?: boolean;
}): Promise<DriftCheckResult> {
  const share = await db.share.findFirst({
    where: { requestId: options.requestId, request: { state: "ACTIVE" } },
    select: {
      driftAlertedKey: true,
      request: { select: { runs: { where: { state: { in: ["QUEUED", "RUNNING"] } }, select: { id: true }, take: 1 } } },
    },
  });
  if (!share) return { outcome: { status: "not_active" }, report: null };
  // A run in flight (a repair already, or another run) changes the share as we read it: check afterwards.
  if (share.request.runs.length > 0) return { outcome: { status: "busy" }, report: null };

  const check = await detectDrift({ requestId: options.requestId, executors: options.executors });
  const { report } = check;
  const clean = report.repairable.length === 0 && report.unrepairable.length === 0;
  await recordDriftCheck({ requestId: options.requestId, report: report as never, clean });
  if (clean) return { outcome: { status: "clean" }, report };
  if (share.driftAlertedKey === report.signature && !options.force)
    return { outcome: { status: "unrepaired", alerted: false }, report };

  const drift = { signature: report.signature, problems: problemLines(report) };
  let alerted = false;
  if (report.unrepairable.length > 0) {
    alerted = (await recordUnrepairableDrift({ requestId: options.requestId, drift })).alerted;
  }
  if (check.repairSteps.length === 0) return { outcome: { status: "unrepaired", alerted }, report };

  const started = await startRepairRun({
    requestId: options.requestId,
    actor: options.actor,
    plan: check.repairPlan,
    steps: plannedSteps(check.repairPlan),
    drift,
  });
  if (!started.started) return { outcome: { status: started.reason === "busy" ? "busy" : "not_active" }, report };
  await enqueueRun({ runId: started.runId, requestId: options.requestId, kind: "REPAIR" });
  return { outcome: { status: "repairing", runId: started.runId }, report };
}

/** Every ACTIVE share, oldest check first, one at a time (each check is a handful of reads on one account). */
export async function checkAllActiveShares(options: {
  executors: Executors;
  limit?: number;
  onError?: (requestId: string, error: unknown) => void;
}): Promise<{ checked: number; outcomes: Record<DriftOutcome["status"], number> }> {
  const shares = await db.share.findMany({
    where: { request: { state: "ACTIVE" } },
    orderBy: [{ driftCheckedAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
    take: options.limit ?? 500,
    select: { requestId: true },
  });
  const outcomes: Record<DriftOutcome["status"], number> = {
    clean: 0,
    repairing: 0,
    busy: 0,
    unrepaired: 0,
    not_active: 0,
  };
  let checked = 0;
  for (const { requestId } of shares) {
    try {
      const { outcome } = await checkShareDrift({ requestId, executors: options.executors, actor: { type: "SYSTEM" } });
      outcomes[outcome.status] += 1;
      checked += 1;
    } catch (error) {
      // One share's Snowflake trouble must not stop the others' checks.
      options.onError?.(requestId, error);
    }
  }
  return { checked, outcomes };
}
