import "server-only";
import type { Prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { applyResolvedConsumerAccount, findAccountProof } from "./account-proof";
import { queueRequesterEmail } from "./emails";
import { assertAllStepsDone, loadRun, setRunState } from "./load-run";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";
import { inTransaction } from "./transaction";

export type MarkAwaitingProofOptions = {
  runId: string;
  verifyResult?: Prisma.InputJsonValue;
  /** ORG.ACCOUNT that SHOW SHARES reported for a consumer added by bare locator (verify-share.ts). */
  resolvedAccount?: string | null;
};

/**
 * PROVISIONING → AWAITING_PROOF when a challenge run finished: the share exists, the account is added and
 * can read its one-time code, no entitlement row was written. `alreadyProven` is true when the account,
 * now known by its ORG.ACCOUNT name, turns out to be one this brand proved before (it was requested by
 * locator): the caller then releases the share at once (releaseAfterProof) instead of asking for the code.
 */
export async function markAwaitingProof(options: MarkAwaitingProofOptions): Promise<{ requestId: string; state: "AWAITING_PROOF"; alreadyProven: boolean }> {
  const { from, to } = assertTransition("await_proof");
  return inTransaction(async (tx) => {
    const run = await loadRun(tx, options.runId, "PROVISION");
    await assertAllStepsDone(tx, run.id);
    const now = new Date();
    await setRunState(tx, run.id, ["RUNNING"], { state: "SUCCEEDED", finishedAt: now, heartbeatAt: now });
    const updated = await tx.shareRequest.updateMany({ where: { id: run.requestId, state: { in: from } }, data: { state: to, failureStepKey: null } });
    if (updated.count === 0) return refuseTransition(tx, { requestId: run.requestId, transition: "await_proof" });
    await applyResolvedConsumerAccount(tx, run.requestId, options.resolvedAccount);
    if (options.verifyResult !== undefined) {
      await tx.share.updateMany({ where: { requestId: run.requestId }, data: { verifiedAt: now, verifyResult: options.verifyResult } });
    }
    const request = await tx.shareRequest.findUniqueOrThrow({
      where: { id: run.requestId },
      select: { organizationId: true, consumerAccount: true, consumerLocator: true, consumerRegion: true },
    });
    const alreadyProven = (await findAccountProof(tx, request)) !== null;
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: run.request.organizationId,
      requestId: run.requestId,
      shareId: run.request.share?.id ?? null,
      type: "request.awaiting_proof",
      details: { runId: run.id, consumerAccount: request.consumerAccount, alreadyProven },
    });
    if (!alreadyProven) await queueRequesterEmail(tx, { requestId: run.requestId, kind: "request.awaiting_proof" });
    return { requestId: run.requestId, state: "AWAITING_PROOF", alreadyProven };
  });
}
