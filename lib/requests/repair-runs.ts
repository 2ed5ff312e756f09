import "server-only";
import { db, type Prisma } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { assertAllStepsDone, loadRun, setRunState } from "./load-run";
import { createRunWithSteps, type PlannedStep } from "./create-run";
import { queueStaffDriftEmail } from "./staff-drift-email";
import { inTransaction } from "./transaction";

// Drift repair runs (lib/provisioning/drift/): a REPAIR run re-applies the parts of an ACTIVE share that no
// longer match its plan. It never changes the request's state — the share stays ACTIVE throughout — so these
// commands move only the run and the Share's drift fields, each with its audit event in the same transaction.

const MESSAGE_MAX = 4000;

export type DriftFacts = {
  /** Fingerprint of what was found; one unrepairable problem alerts staff once (Share.driftAlertedKey). */
  signature: string;
  /** One short line per difference, for staff and the audit trail (no raw Snowflake errors). */
  problems: string[];
};

export type StartRepairResult = { started: true; runId: string } | { started: false; reason: "not_active" | "busy" };

/** Creates the REPAIR run of an ACTIVE request, unless another run of it is queued or running. */
export async function startRepairRun(options: {
  requestId: string;
  actor: AuditActor;
  plan: unknown;
  steps: readonly PlannedStep[];
  drift: DriftFacts;
}): Promise<StartRepairResult> {
  return inTransaction(async (tx) => {
    // Lock the request row so two checks (the schedule and a staff click) cannot both start a repair.
    const [request] = await tx.$queryRaw<{ state: string; organizationId: string }[]>`
      SELECT "state", "organizationId" FROM "ShareRequest" WHERE "id" = ${options.requestId} FOR UPDATE`;
    if (!request || request.state !== "ACTIVE") return { started: false, reason: "not_active" };
    const live = await tx.provisioningRun.findFirst({
      where: { requestId: options.requestId, state: { in: ["QUEUED", "RUNNING"] } },
      select: { id: true },
    });
    if (live) return { started: false, reason: "busy" };
    const share = await tx.share.findUniqueOrThrow({ where: { requestId: options.requestId }, select: { id: true } });
    const run = await createRunWithSteps(tx, {
      requestId: options.requestId,
      kind: "REPAIR",
      plan: options.plan,
      steps: options.steps,
    });
    await recordAuditEvent(tx, {
      actor: options.actor,
      organizationId: request.organizationId,
      requestId: options.requestId,
      shareId: share.id,
      type: "share.drift_detected",
      details: { runId: run.id, problems: options.drift.problems, signature: options.drift.signature },
    });
    return { started: true, runId: run.id };
  });
}

/**
 * Between the steps of a REPAIR run: if its request is no longer ACTIVE (a revoke was asked for while it ran), the
 * run ends CANCELLED now, before another statement goes to Snowflake; the revoke run waits for that
 * (mark-provisioning.ts, RunMustWaitError). One statement. Returns true when the run was cancelled.
 */
export async function cancelRepairUnlessActive(options: { runId: string; workerId: string }): Promise<boolean> {
  const cancelled = await db.$executeRaw`
    UPDATE "ProvisioningRun" AS r
       SET state = 'CANCELLED', "finishedAt" = now() AT TIME ZONE 'UTC', "lockedBy" = NULL,
           "errorMessage" = 'The share is no longer active: a revoke was asked for while the repair ran'
      FROM "ShareRequest" AS q
     WHERE r.id = ${options.runId} AND r.kind = 'REPAIR' AND r.state = 'RUNNING' AND r."lockedBy" = ${options.workerId}
       AND q.id = r."requestId" AND q.state <> 'ACTIVE'`;
  return cancelled > 0;
}

/** The repair run finished every step and its read-back matched the plan: run SUCCEEDED, audited. */
export async function markRepaired(options: {
  runId: string;
  verifyResult?: Prisma.InputJsonValue;
}): Promise<{ requestId: string; state: "ACTIVE" }> {
  return inTransaction(async (tx) => {
    const run = await loadRun(tx, options.runId, "REPAIR");
    await assertAllStepsDone(tx, run.id);
    const now = new Date();
    await setRunState(tx, run.id, ["RUNNING"], { state: "SUCCEEDED", finishedAt: now, heartbeatAt: now });
    const share = await tx.share.update({
      where: { requestId: run.requestId },
      data: {
        driftAlertedKey: null,
        ...(options.verifyResult === undefined ? {} : { verifiedAt: now, verifyResult: options.verifyResult }),
      },
      select: { id: true, name: true },
    });
    const steps = await tx.provisioningStep.findMany({
      where: { runId: run.id },
      orderBy: { position: "asc" },
      select: { key: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: run.request.organizationId,
      requestId: run.requestId,
      shareId: share.id,
      type: "share.drift_repaired",
      details: { runId: run.id, shareName: share.name, steps: steps.map((s) => s.key) },
    });
    return { requestId: run.requestId, state: "ACTIVE" };
  });
}

/**
 * The repair run gave up: the run FAILED with the error, the request stays ACTIVE (its share still serves
 * what it can), staff are alerted once for this drift (the run's drift_detected signature).
 */
export async function markRepairFailed(options: {
  runId: string;
  stepKey: string | null;
  errorCode?: string | null;
  errorMessage: string;
}): Promise<{ requestId: string; state: "ACTIVE" }> {
  return inTransaction(async (tx) => {
    const run = await loadRun(tx, options.runId, "REPAIR");
    await setRunState(tx, run.id, ["QUEUED", "RUNNING"], {
      state: "FAILED",
      finishedAt: new Date(),
      failedStepKey: options.stepKey,
      errorCode: options.errorCode ?? null,
      errorMessage: options.errorMessage.slice(0, MESSAGE_MAX),
    });
    const detected = await tx.auditEvent.findFirst({
      where: { requestId: run.requestId, type: "share.drift_detected", details: { path: ["runId"], equals: run.id } },
      select: { details: true },
    });
    const details = (detected?.details ?? {}) as { signature?: string; problems?: string[] };
    await alertUnrepaired(tx, {
      requestId: run.requestId,
      drift: {
        signature: details.signature ?? `run:${run.id}`,
        problems: [
          ...(details.problems ?? []),
          `repair stopped at ${options.stepKey ?? "its start"}${options.errorCode ? ` (${options.errorCode})` : ""}`,
        ],
      },
      runId: run.id,
    });
    return { requestId: run.requestId, state: "ACTIVE" };
  });
}

/** Drift Floe cannot repair by itself (e.g. a view missing in the lake): audited and mailed to staff once. */
export async function recordUnrepairableDrift(options: {
  requestId: string;
  drift: DriftFacts;
}): Promise<{ alerted: boolean }> {
  return inTransaction(async (tx) => ({ alerted: await alertUnrepaired(tx, options) }));
}

async function alertUnrepaired(
  tx: Prisma.TransactionClient,
  options: { requestId: string; drift: DriftFacts; runId?: string },
): Promise<boolean> {
  // Compare-and-set on the fingerprint: of two racing checks, one alerts.
  const marked = await tx.share.updateMany({
    where: {
      requestId: options.requestId,
      OR: [{ driftAlertedKey: null }, { driftAlertedKey: { not: options.drift.signature } }],
    },
    data: { driftAlertedKey: options.drift.signature },
  });
  if (marked.count === 0) return false;
  const share = await tx.share.findUniqueOrThrow({
    where: { requestId: options.requestId },
    select: { id: true, name: true, organizationId: true },
  });
  await recordAuditEvent(tx, {
    actor: { type: "SYSTEM" },
    organizationId: share.organizationId,
    requestId: options.requestId,
    shareId: share.id,
    type: "share.drift_unrepaired",
    details: {
      shareName: share.name,
      problems: options.drift.problems,
      signature: options.drift.signature,
      ...(options.runId ? { runId: options.runId } : {}),
    },
  });
  await queueStaffDriftEmail(tx, {
    requestId: options.requestId,
    shareName: share.name,
    problems: options.drift.problems,
  });
  return true;
}

/** The result of a drift check on the Share row; a clean share forgets the alert, so a new drift alerts again. */
export async function recordDriftCheck(options: {
  requestId: string;
  report: Prisma.InputJsonValue;
  clean: boolean;
}): Promise<void> {
  await inTransaction(async (tx) => {
    await tx.share.updateMany({
      where: { requestId: options.requestId },
      data: {
        driftCheckedAt: new Date(),
        driftReport: options.report,
        ...(options.clean ? { driftAlertedKey: null } : {}),
      },
    });
  });
}

/** A person asked for a check (staff "Re-apply", brand "Check my share"): audited with its outcome. */
export async function recordShareChecked(options: {
  requestId: string;
  actorId: string;
  outcome: string;
}): Promise<void> {
  await inTransaction(async (tx) => {
    const share = await tx.share.findUniqueOrThrow({
      where: { requestId: options.requestId },
      select: { id: true, organizationId: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: share.organizationId,
      requestId: options.requestId,
      shareId: share.id,
      type: "share.checked",
      details: { outcome: options.outcome },
    });
  });
}
