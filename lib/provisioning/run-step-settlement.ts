import "server-only";
import { db } from "@/lib/db";
import { evaluateExpectation, goalMetByMissingObject } from "./plan-checks";
import type { PlanStep } from "./plan-types";
import type { Executors } from "./runtime-types";
import { markFailed } from "@/lib/requests/mark-failed";
import { describeFailure, type SnowflakeFailure } from "@/lib/snowflake/query-error";
import { compileStepBlock, parseBlockOutcomes, type StepOutcome } from "./step-block";

// How a run's steps are settled in Postgres once Snowflake has answered: one block's per-step outcomes recorded
// step by step, a failure classified (already done, retry later, or the run fails at it). executeRun
// (execute-run.ts) walks the plan and calls these.

export const STEP_ATTEMPT_LIMIT = 5;

export class TransientRunError extends Error {
  constructor(
    readonly stepKey: string,
    readonly failure: SnowflakeFailure,
  ) {
    super(`Step ${stepKey} hit a transient Snowflake error (${failure.code ?? "network"}): ${failure.message}`);
    this.name = "TransientRunError";
  }
}

export type StepRow = { id: string; key: string; state: string; attempts: number };

/**
 * What a failed step becomes: done after all (its "already done" codes, or a permanent error while its check
 * shows Snowflake holds the goal: REMOVE ACCOUNTS of an account that is gone, DELETE in a dropped lake), left
 * PENDING for the queue's retry (transient: throws TransientRunError), or FAILED (the run fails at it).
 * `attemptsBefore` is the attempts count before this attempt.
 */
export async function settleFailure(
  runId: string,
  workerId: string,
  row: StepRow,
  step: PlanStep | undefined,
  failure: SnowflakeFailure,
  startedAt: Date,
  executors: Executors,
  queryIds: string[] = failure.queryId ? [failure.queryId] : [],
): Promise<"continue" | "failed"> {
  if (failure.code && step?.alreadyDoneErrorCodes?.includes(failure.code)) {
    await markStep(row.id, {
      state: "SUCCEEDED",
      finishedAt: new Date(),
      durationMs: Date.now() - startedAt.getTime(),
      errorMessage: `Already done (${failure.code})`,
    });
    return "continue";
  }
  // A permanent error does not mean the goal is missed; the step's own check (the same read-back that finds an
  // interrupted step done) decides, never the code alone.
  if (!failure.transient && step && (await alreadyDone(step, await executors.forAccount(step.accountId)))) {
    await markStep(row.id, {
      state: "SUCCEEDED",
      finishedAt: new Date(),
      durationMs: Date.now() - startedAt.getTime(),
      errorMessage:
        `Snowflake already holds the goal (${step.check.description}); the statement's error ${failure.code ?? ""} is moot`.replace(
          " )",
          ")",
        ),
    });
    return "continue";
  }
  const attempts = row.attempts + 1;
  const stepFields = {
    errorCode: failure.code,
    sqlState: failure.sqlState,
    errorMessage: failure.message,
    queryIds,
    finishedAt: new Date(),
    durationMs: Date.now() - startedAt.getTime(),
  };
  if (failure.transient && attempts < STEP_ATTEMPT_LIMIT) {
    // Leave the step PENDING with its error on record; the queue retries the job with backoff.
    await markStep(row.id, { state: "PENDING", ...stepFields });
    await release(runId, workerId);
    throw new TransientRunError(row.key, failure);
  }
  await markStep(row.id, { state: "FAILED", ...stepFields });
  await finishFailed(runId, row.key, failure);
  return "failed";
}

/**
 * Runs `segment` as one block and records each step's outcome. All its steps are marked RUNNING (attempts + 1)
 * first, so a worker that dies mid-block leaves every one of them to be checked on the next attempt; steps the
 * block never reached (after a failure) go back to PENDING with their attempt count restored.
 * `advanced`: how many steps of the segment are settled (the caller's loop moves on past them).
 */
export async function runBlock(
  runId: string,
  workerId: string,
  segment: { row: StepRow; step: PlanStep }[],
  executor: Awaited<ReturnType<Executors["forAccount"]>>,
  startedAt: Date,
  executors: Executors,
): Promise<{ outcome: "continue" | "failed"; advanced: number }> {
  const ids = segment.map((s) => s.row.id);
  await db.provisioningStep.updateMany({
    where: { id: { in: ids } },
    data: {
      state: "RUNNING",
      attempts: { increment: 1 },
      startedAt,
      finishedAt: null,
      errorCode: null,
      sqlState: null,
      errorMessage: null,
    },
  });
  const notReached = async (from: number) => {
    const rest = ids.slice(from);
    if (rest.length === 0) return;
    await db.provisioningStep.updateMany({
      where: { id: { in: rest } },
      data: { state: "PENDING", attempts: { decrement: 1 }, startedAt: null },
    });
  };
  let outcomes: StepOutcome[];
  let queryId: string | null;
  try {
    const answer = await executor.run(compileStepBlock(segment.map((s) => s.step)));
    outcomes = parseBlockOutcomes(answer.rows);
    queryId = answer.queryId;
  } catch (error) {
    // The block as a whole failed (network, session, compilation): nothing is known to have run, so it counts
    // as the first step's failure; the rest wait for the rerun.
    await notReached(1);
    const first = segment[0];
    return {
      outcome: await settleFailure(
        runId,
        workerId,
        first.row,
        first.step,
        describeFailure(error),
        startedAt,
        executors,
      ),
      advanced: 1,
    };
  }
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  for (let k = 0; k < outcomes.length; k++) {
    const outcome = outcomes[k];
    const { row, step } = segment[k] ?? {};
    if (!row || (outcome.ok && outcome.step !== row.key) || (!outcome.ok && k !== outcomes.length - 1))
      throw new Error(`Run ${runId}: the block answered step ${outcome.step} where ${row?.key ?? "nothing"} was due`);
    if (outcome.ok) {
      // Steps of one block share its query id and its time (the block is one statement to Snowflake).
      await markStep(row.id, { state: "SUCCEEDED", queryIds: queryId ? [queryId] : [], finishedAt, durationMs });
      continue;
    }
    await notReached(k + 1);
    const failure = describeFailure({
      code: outcome.code,
      sqlState: outcome.state,
      message: outcome.message,
      data: { queryId },
    });
    return { outcome: await settleFailure(runId, workerId, row, step, failure, startedAt, executors), advanced: k + 1 };
  }
  if (outcomes.length !== segment.length)
    throw new Error(`Run ${runId}: the block answered ${outcomes.length} of ${segment.length} steps`);
  return { outcome: "continue", advanced: segment.length };
}

export async function alreadyDone(
  step: PlanStep,
  executor: Awaited<ReturnType<Executors["forAccount"]>>,
): Promise<boolean> {
  try {
    const { rows } = await executor.run(step.check.statement);
    return evaluateExpectation(step.check.expect, rows);
  } catch (error) {
    // 002003: the checked table or database does not exist (SHARING.md errors). For a "no rows left" goal
    // that is the goal met (a dropped lake holds no entitlement rows); for anything else it is not done,
    // e.g. the replica database does not exist yet.
    return describeFailure(error).code === "002003" && goalMetByMissingObject(step.check.expect);
  }
}

/** Puts the run back in the queue's hands so the retried job (on any worker) can claim it at once. */
export async function release(runId: string, workerId: string) {
  await db.provisioningRun.updateMany({
    where: { id: runId, lockedBy: workerId, state: "RUNNING" },
    data: { state: "QUEUED", lockedBy: null },
  });
}

export async function markStep(stepId: string, data: Parameters<typeof db.provisioningStep.update>[0]["data"]) {
  await db.provisioningStep.update({ where: { id: stepId }, data });
}

export async function finishFailed(runId: string, stepKey: string, failure: SnowflakeFailure) {
  await markFailed({ runId, stepKey, errorCode: failure.code, errorMessage: failure.message });
}
