import "server-only";
import type { Prisma } from "@/lib/db";
import { applyResolvedConsumerAccount } from "./account-proof";
import { assertAllStepsDone, loadRun, setRunState } from "./load-run";
import { refuseTransition } from "./refuse-transition";
import { assertTransition, type RequestTransition } from "./state-machine";

/**
 * The common end of a finished provision run (activate, await_proof): every step done, the run SUCCEEDED,
 * the request moved by compare-and-set, and the ORG.ACCOUNT name verify resolved for a locator recorded.
 */
export async function finishProvisionRun(
  tx: Prisma.TransactionClient,
  options: {
    runId: string;
    transition: Extract<RequestTransition, "activate" | "await_proof">;
    resolvedAccount?: string | null;
  },
) {
  const { from, to } = assertTransition(options.transition);
  const run = await loadRun(tx, options.runId, "PROVISION");
  await assertAllStepsDone(tx, run.id);
  const now = new Date();
  await setRunState(tx, run.id, ["RUNNING"], { state: "SUCCEEDED", finishedAt: now, heartbeatAt: now });
  const updated = await tx.shareRequest.updateMany({
    where: { id: run.requestId, state: { in: from } },
    data: { state: to, failureStepKey: null },
  });
  if (updated.count === 0) return refuseTransition(tx, { requestId: run.requestId, transition: options.transition });
  await applyResolvedConsumerAccount(tx, run.requestId, options.resolvedAccount);
  return { run, now };
}
