import "server-only";
import type { Prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findAccountProof } from "./account-proof";
import { queueRequesterEmail } from "./emails";
import { finishProvisionRun } from "./finish-provision-run";
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
export async function markAwaitingProof(
  options: MarkAwaitingProofOptions,
): Promise<{ requestId: string; state: "AWAITING_PROOF"; alreadyProven: boolean }> {
  return inTransaction(async (tx) => {
    const { run, now } = await finishProvisionRun(tx, {
      runId: options.runId,
      transition: "await_proof",
      resolvedAccount: options.resolvedAccount,
    });
    if (options.verifyResult !== undefined) {
      await tx.share.updateMany({
        where: { requestId: run.requestId },
        data: { verifiedAt: now, verifyResult: options.verifyResult },
      });
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
