import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { queueRequesterEmail } from "./emails";
import { finishProvisionRun } from "./finish-provision-run";
import { markRepaired } from "./repair-runs";
import { inTransaction } from "./transaction";
import { issueCredentialLink } from "@/lib/reader-accounts/credential-link";

export type MarkActiveOptions = {
  runId: string;
  /** The verify step's read-back of the share (SHOW GRANTS / DESC SHARE) and its differences from the plan. */
  verifyResult?: Prisma.InputJsonValue;
  /** ORG.ACCOUNT that SHOW SHARES reported for a consumer added by bare locator (verify-share.ts). */
  resolvedAccount?: string | null;
};

/** PROVISIONING → ACTIVE when the provision run finished every step: run SUCCEEDED, share activated, requester told. */
export async function markActive(options: MarkActiveOptions): Promise<{ requestId: string; state: "ACTIVE" }> {
  // A drift repair run ends like a provision run (every step, then verify) but its request is ACTIVE already.
  const kind = (await db.provisioningRun.findUnique({ where: { id: options.runId }, select: { kind: true } }))?.kind;
  if (kind === "REPAIR") return markRepaired({ runId: options.runId, verifyResult: options.verifyResult });
  return inTransaction(async (tx) => {
    const { run, now } = await finishProvisionRun(tx, {
      runId: options.runId,
      transition: "activate",
      resolvedAccount: options.resolvedAccount,
    });
    const share = await tx.share.update({
      where: { requestId: run.requestId },
      data: {
        activatedAt: now,
        ...(options.verifyResult === undefined ? {} : { verifiedAt: now, verifyResult: options.verifyResult }),
      },
      select: { id: true, name: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: run.request.organizationId,
      requestId: run.requestId,
      shareId: share.id,
      type: "request.active",
      details: { runId: run.id, attempt: run.attempt, shareName: share.name },
    });
    await queueRequesterEmail(tx, { requestId: run.requestId, kind: "request.active" });
    await issueCredentialLink(tx, run.requestId); // a Floe-hosted reader account's single-use login link
    return { requestId: run.requestId, state: "ACTIVE" };
  });
}
