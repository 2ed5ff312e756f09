import "server-only";
import type { Prisma } from "@/lib/db";
import { invalidStateError, notFoundError } from "@/lib/errors";
import type { RunKind, RunState } from "@/lib/generated/prisma/enums";

// Shared by the worker-facing transitions: a run with what they need of its request, and the run-level
// compare-and-set that goes with every request-level one.

export async function loadRun(tx: Prisma.TransactionClient, runId: string, kind?: RunKind) {
  const run = await tx.provisioningRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      kind: true,
      state: true,
      attempt: true,
      lockedBy: true,
      requestId: true,
      request: { select: { organizationId: true, state: true, share: { select: { id: true } } } },
    },
  });
  if (!run) throw notFoundError("provisioning run");
  // A worker calling markActive on a REVOKE run is a bug in the worker, not a user error.
  if (kind && run.kind !== kind) throw new Error(`Run ${runId} is a ${run.kind} run, not ${kind}`);
  return run;
}

export async function setRunState(
  tx: Prisma.TransactionClient,
  runId: string,
  from: readonly RunState[],
  data: Prisma.ProvisioningRunUpdateManyMutationInput & { state: RunState },
): Promise<void> {
  const updated = await tx.provisioningRun.updateMany({ where: { id: runId, state: { in: [...from] } }, data });
  if (updated.count === 0)
    throw invalidStateError(`This run is no longer ${from.join(" or ").toLowerCase()}.`, {
      reason: "run_state_changed",
    });
}

/** Activation and revocation mean every step finished; anything else means the worker skipped one. */
export async function assertAllStepsDone(tx: Prisma.TransactionClient, runId: string): Promise<void> {
  const open = await tx.provisioningStep.findFirst({
    where: { runId, state: { notIn: ["SUCCEEDED", "SKIPPED"] } },
    select: { key: true, state: true },
    orderBy: { position: "asc" },
  });
  if (open) throw new Error(`Run ${runId} cannot finish: step ${open.key} is ${open.state}`);
}
