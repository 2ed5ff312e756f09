import "server-only";
import type { Prisma } from "@/lib/db";
import { createRunWithSteps, type PlannedStep } from "./create-run";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";

/** The release run's plan and steps (lib/provisioning planRelease), computed by the caller before the transaction. */
export type ReleaseRun = { plan: unknown; steps: readonly PlannedStep[] };

/**
 * AWAITING_PROOF → PROVISIONING with the release run (entitlement rows, code deleted), inside the caller's
 * transaction — the code check, the waiver and the already-proven shortcut all end here. The caller
 * enqueues the run after commit. The hashed code is deleted: it cannot be used twice.
 */
export async function startReleaseRun(
  tx: Prisma.TransactionClient,
  options: { requestId: string; organizationId: string; release: ReleaseRun },
): Promise<{ runId: string }> {
  const { from, to } = assertTransition("prove_control");
  const updated = await tx.shareRequest.updateMany({
    where: { id: options.requestId, organizationId: options.organizationId, state: { in: from } },
    data: { state: to },
  });
  if (updated.count === 0)
    return refuseTransition(tx, {
      requestId: options.requestId,
      organizationId: options.organizationId,
      transition: "prove_control",
    });
  await tx.accountProofChallenge.deleteMany({ where: { requestId: options.requestId } });
  const run = await createRunWithSteps(tx, {
    requestId: options.requestId,
    kind: "PROVISION",
    plan: options.release.plan,
    steps: options.release.steps,
  });
  return { runId: run.id };
}
