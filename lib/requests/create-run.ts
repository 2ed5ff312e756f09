import "server-only";
import { Prisma } from "@/lib/db";
import type { RunKind } from "@/lib/generated/prisma/enums";

// A run and its steps, created in the transaction that decides to run them (approve, request revocation).
// The plan comes from the pure planner (lib/provisioning/plan.ts); it is stored as shown to the approver so
// the worker executes exactly that, and the steps are its executable rows in order.

export type PlannedStep = {
  /** Stable key, unique within the run (e.g. "create_share"): the resume point after a failure. */
  key: string;
  providerAccountId: string;
  /** Statements separated by `;\n`, exactly as they will be sent. */
  sql: string;
  binds?: unknown;
};

export async function createRunWithSteps(
  tx: Prisma.TransactionClient,
  options: { requestId: string; kind: RunKind; plan: unknown; steps: readonly PlannedStep[] },
): Promise<{ id: string }> {
  const plan = toJson(options.plan, "plan");
  if (plan === null) throw new Error("A run needs its plan");
  assertSteps(options.steps);
  const run = await tx.provisioningRun.create({
    data: { requestId: options.requestId, kind: options.kind, state: "QUEUED", plan },
    select: { id: true },
  });
  await tx.provisioningStep.createMany({
    data: options.steps.map((step, position) => {
      const binds = toJson(step.binds, `binds of step ${step.key}`);
      return {
        runId: run.id,
        position,
        key: step.key,
        providerAccountId: step.providerAccountId,
        sql: step.sql,
        binds: binds === null ? Prisma.DbNull : binds,
        state: "PENDING" as const,
      };
    }),
  });
  return run;
}

// Plans come from our own planner, so a malformed one is a bug: plain Errors, not user-facing AppErrors.
function assertSteps(steps: readonly PlannedStep[]): void {
  if (!Array.isArray(steps) || steps.length === 0) throw new Error("A run needs at least one step");
  const keys = new Set<string>();
  for (const step of steps) {
    if (typeof step.key !== "string" || step.key.trim() === "") throw new Error("Every step needs a key");
    if (keys.has(step.key)) throw new Error(`Step key ${step.key} appears twice in one run`);
    keys.add(step.key);
    if (typeof step.sql !== "string" || step.sql.trim() === "") throw new Error(`Step ${step.key} has no SQL`);
    if (typeof step.providerAccountId !== "string" || step.providerAccountId === "")
      throw new Error(`Step ${step.key} has no provider account`);
  }
}

/** A JSON copy (drops undefined, refuses BigInt and cycles) so what is stored is exactly what reads back. */
function toJson(value: unknown, what: string): Prisma.InputJsonValue | null {
  if (value === undefined || value === null) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
  } catch (error) {
    throw new Error(`The ${what} is not JSON-serialisable: ${(error as Error).message}`);
  }
}
