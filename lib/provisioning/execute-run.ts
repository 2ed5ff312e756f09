import "server-only";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import type { PlanStep } from "./plan-types";
import { parseStoredPlan } from "./stored-plan";
import type { Executors } from "./runtime-types";
import { markProvisioning } from "@/lib/requests/mark-provisioning";
import { markActive } from "@/lib/requests/mark-active";
import { markRevoked } from "@/lib/requests/mark-revoked";
import { markAwaitingProof } from "@/lib/requests/mark-awaiting-proof";
import { cancelRepairUnlessActive } from "@/lib/requests/repair-runs";
import { recordProofChallenge } from "@/lib/requests/account-proof";
import { generateProofCode, hashProofCode } from "@/lib/requests/account-proof-code";
import { verifyShare, VERIFY_STEP_KEY } from "./verify-share";
import { describeFailure } from "@/lib/snowflake/query-error";
import { releaseIfProven } from "./provision-commands";
import { blockable } from "./step-block";
import { withReaderPassword } from "@/lib/reader-accounts/reader-password";
import {
  alreadyDone,
  finishFailed,
  markStep,
  release,
  runBlock,
  settleFailure,
  STEP_ATTEMPT_LIMIT,
  TransientRunError,
} from "./run-step-settlement";

export { STEP_ATTEMPT_LIMIT, TransientRunError };

// Executes one provisioning (or revocation) run, step by recorded step. Safe to call again at any point:
// after a crash, a retry or a duplicate job. Steps that succeeded are skipped; a step that was started
// before (attempts > 0) is first checked against Snowflake, since the statement may have landed before the
// worker died. No database transaction is open while Snowflake is called.
// Consecutive pending steps on one provider account go to Snowflake as ONE Snowflake Scripting block (one request,
// step-block.ts); its per-step answer is recorded step by step as separate requests were, so a failure lands on
// its own step and a retry starts the next block at that step. The read-back (verify) is three reads side by side.

/** A RUNNING run whose worker has not reported for this long is taken over by another worker (WORKER_STALE_AFTER_SECONDS). */
export function staleAfterMs(): number {
  return getConfig().WORKER_STALE_AFTER_SECONDS * 1000;
}

export type RunOutcome = "succeeded" | "failed" | "not-runnable" | "busy";

export async function executeRun(options: {
  runId: string;
  workerId: string;
  executors: Executors;
}): Promise<RunOutcome> {
  const { runId, workerId, executors } = options;
  // The claim (run QUEUED → RUNNING, or a stale RUNNING run taken over; APPROVED → PROVISIONING) is a
  // request transition, so lib/requests makes it.
  const claimed = await markProvisioning({ runId, workerId, staleAfterMs: staleAfterMs() });
  if (!claimed) return "busy";
  // Report while a step runs too: one statement (a replica refresh) may take longer than the stale limit,
  // and a worker that only reported between steps would then have its live run taken over.
  const beat = setInterval(() => void heartbeat(runId, workerId).catch(() => {}), Math.max(250, staleAfterMs() / 3));
  beat.unref();
  try {
    return await executeClaimed(runId, workerId, executors);
  } catch (error) {
    // Not a step's Snowflake failure (those are settled and recorded) nor a transient one (released already): a
    // database timeout, a broken plan. Hand the run back to the queue now, so the job's retry (any worker) claims
    // it at once instead of the stale sweep finding it RUNNING under this worker's lock a minute later.
    if (!(error instanceof TransientRunError)) await release(runId, workerId).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(beat);
  }
}

async function executeClaimed(runId: string, workerId: string, executors: Executors): Promise<RunOutcome> {
  const run = await db.provisioningRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      id: true,
      kind: true,
      plan: true,
      requestId: true,
      steps: { orderBy: { position: "asc" }, select: { id: true, key: true, state: true, attempts: true } },
    },
  });
  let verifyReport: unknown;
  let resolvedAccount: string | undefined;
  const plan = parseStoredPlan(run.plan);
  const planSteps = new Map<string, PlanStep>(plan.steps.map((s) => [s.key, s]));

  const rows = run.steps;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.state === "SUCCEEDED" || row.state === "SKIPPED") continue;
    // A repair must not go on once a revoke was asked for: it ends here, and the revoke run (which waits for a
    // running repair) starts after it.
    if (run.kind === "REPAIR" && (await cancelRepairUnlessActive({ runId, workerId }))) return "not-runnable";
    await heartbeat(runId, workerId);
    const startedAt = new Date();
    if (row.key === VERIFY_STEP_KEY && plan.kind === "provision") {
      try {
        await markStep(row.id, {
          state: "RUNNING",
          attempts: { increment: 1 },
          startedAt,
          errorCode: null,
          sqlState: null,
          errorMessage: null,
        });
        const result = await verifyShare({ plan, executors });
        await markStep(row.id, {
          state: result.ok ? "SUCCEEDED" : "FAILED",
          queryIds: result.queryIds,
          finishedAt: new Date(),
          durationMs: Date.now() - startedAt.getTime(),
          errorMessage: result.ok ? null : result.summary,
        });
        verifyReport = result.report;
        resolvedAccount = result.resolvedAccount;
        if (!result.ok) {
          await db.share.updateMany({
            where: { requestId: run.requestId },
            data: { verifiedAt: new Date(), verifyResult: result.report },
          });
          await finishFailed(runId, row.key, {
            code: "VERIFY_MISMATCH",
            sqlState: null,
            message: result.summary,
            queryId: null,
            transient: false,
          });
          return "failed";
        }
      } catch (error) {
        const settled = await settleFailure(
          runId,
          workerId,
          row,
          undefined,
          describeFailure(error),
          startedAt,
          executors,
        );
        if (settled !== "continue") return settled;
      }
      continue;
    }
    const step = planSteps.get(row.key);
    if (!step) throw new Error(`Run ${runId} has a step ${row.key} that its plan does not know`);
    let executor: Awaited<ReturnType<Executors["forAccount"]>>;
    try {
      executor = await executors.forAccount(step.accountId);
      if (row.attempts > 0 && (await alreadyDone(step, executor))) {
        await markStep(row.id, {
          state: "SKIPPED",
          finishedAt: new Date(),
          errorMessage: "Already done in Snowflake (found by the step's check after an interrupted attempt)",
        });
        continue;
      }
    } catch (error) {
      const settled = await settleFailure(runId, workerId, row, step, describeFailure(error), startedAt, executors);
      if (settled !== "continue") return settled;
      continue;
    }
    if (!blockable(step)) {
      try {
        await markStep(row.id, {
          state: "RUNNING",
          attempts: { increment: 1 },
          startedAt,
          finishedAt: null,
          errorCode: null,
          sqlState: null,
          errorMessage: null,
        });
        const queryIds = await runStatements(await withSecretBind(step, runId), executor);
        await markStep(row.id, {
          state: "SUCCEEDED",
          queryIds,
          finishedAt: new Date(),
          durationMs: Date.now() - startedAt.getTime(),
        });
      } catch (error) {
        const settled = await settleFailure(runId, workerId, row, step, describeFailure(error), startedAt, executors);
        if (settled !== "continue") return settled;
      }
      continue;
    }
    // One Snowflake Scripting block for this step and the pending steps after it on the same account (step-block.ts).
    // A later step that was started before (attempts > 0) ends the block: it gets its "already done?" check first.
    const segment: { row: (typeof rows)[number]; step: PlanStep }[] = [{ row, step }];
    for (let j = i + 1; j < rows.length; j++) {
      const next = rows[j];
      const nextStep = planSteps.get(next.key);
      if (
        !nextStep ||
        next.state === "SUCCEEDED" ||
        next.state === "SKIPPED" ||
        next.attempts > 0 ||
        nextStep.accountId !== step.accountId ||
        !blockable(nextStep)
      )
        break;
      segment.push({ row: next, step: nextStep });
    }
    const result = await runBlock(runId, workerId, segment, executor, startedAt, executors);
    if (result.outcome !== "continue") return result.outcome;
    i += result.advanced - 1;
  }
  if (run.kind === "REVOKE") await markRevoked({ runId });
  else if (plan.kind === "provision" && plan.stage === "challenge") {
    const waiting = await markAwaitingProof({ runId, verifyResult: verifyReport as never, resolvedAccount });
    // Requested by locator, and the name it resolved to was proven before: no code needed.
    if (waiting.alreadyProven) await releaseIfProven(waiting.requestId);
  } else await markActive({ runId, verifyResult: verifyReport as never, resolvedAccount });
  return "succeeded";
}

/** The one-time code of a write-proof-code step: made now, its hash recorded first, never stored in plain. */
async function withSecretBind(step: PlanStep, runId: string): Promise<PlanStep> {
  if (step.secretBind === "reader-password") return withReaderPassword(step, runId);
  if (step.secretBind !== "proof-code") return step;
  const code = generateProofCode();
  await recordProofChallenge({ runId, codeHash: hashProofCode(code) });
  const last = step.statements.length - 1;
  return {
    ...step,
    statements: step.statements.map((s, i) => (i === last ? { ...s, binds: [...(s.binds ?? []), code] } : s)),
  };
}

async function runStatements(
  step: PlanStep,
  executor: Awaited<ReturnType<Executors["forAccount"]>>,
): Promise<string[]> {
  if (step.batch && step.statements.length > 1) return (await executor.runBatch(step.statements)).queryIds;
  const ids: string[] = [];
  for (const statement of step.statements) {
    const outcome = await executor.run(statement);
    if (outcome.queryId) ids.push(outcome.queryId);
  }
  return ids;
}

async function heartbeat(runId: string, workerId: string) {
  await db.provisioningRun.updateMany({ where: { id: runId, lockedBy: workerId }, data: { heartbeatAt: new Date() } });
}
