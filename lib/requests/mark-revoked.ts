import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { queueRequesterEmail } from "./emails";
import { assertAllStepsDone, loadRun, setRunState } from "./load-run";
import { refuseTransition } from "./refuse-transition";
import { assertTransition } from "./state-machine";
import { inTransaction } from "./transaction";
import { markReaderAccountDropped } from "@/lib/reader-accounts/credential-link";

/** REVOKING → REVOKED when the revoke run finished every step: run SUCCEEDED, share.revokedAt, requester told. */
export async function markRevoked(options: { runId: string }): Promise<{ requestId: string; state: "REVOKED" }> {
  const { from, to } = assertTransition("finish_revocation");
  return inTransaction(async (tx) => {
    const run = await loadRun(tx, options.runId, "REVOKE");
    await assertAllStepsDone(tx, run.id);
    const now = new Date();
    await setRunState(tx, run.id, ["RUNNING"], { state: "SUCCEEDED", finishedAt: now, heartbeatAt: now });
    const updated = await tx.shareRequest.updateMany({
      where: { id: run.requestId, state: { in: from } },
      data: { state: to, failureStepKey: null },
    });
    if (updated.count === 0) return refuseTransition(tx, { requestId: run.requestId, transition: "finish_revocation" });
    // updateMany: a request revoked from FAILED may never have had its share activated, but always has the row.
    await tx.share.updateMany({ where: { requestId: run.requestId }, data: { revokedAt: now } });
    await markReaderAccountDropped(tx, run.requestId, now); // a Floe-hosted reader account went with the share
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: run.request.organizationId,
      requestId: run.requestId,
      shareId: run.request.share?.id ?? null,
      type: "request.revoked",
      details: { runId: run.id, attempt: run.attempt },
    });
    await queueRequesterEmail(tx, { requestId: run.requestId, kind: "request.revoked" });
    return { requestId: run.requestId, state: "REVOKED" };
  });
}
