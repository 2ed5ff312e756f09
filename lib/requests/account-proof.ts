import "server-only";
import type { Prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { loadRun } from "./load-run";
import { inTransaction } from "./transaction";

// Proof of account control, the Postgres side: which (brand, consumer account) pairs are proven, and the
// hashed one-time code of a request waiting for proof. Transitions that use these live beside them
// (mark-awaiting-proof.ts, prove-account-control.ts, waive-account-proof.ts).

type Client = Pick<Prisma.TransactionClient, "consumerAccountProof">;

export type ConsumerPair = {
  organizationId: string;
  consumerAccount: string;
  consumerLocator?: string | null;
  consumerRegion: string;
};

/** The proof (or waiver) that covers this pair, under either name of the account; null when unproven. */
export async function findAccountProof(client: Client, pair: ConsumerPair) {
  const names = [...new Set([pair.consumerAccount, pair.consumerLocator].filter((n): n is string => Boolean(n)))];
  return client.consumerAccountProof.findFirst({
    where: { organizationId: pair.organizationId, consumerRegion: pair.consumerRegion, consumerAccount: { in: names } },
    select: { method: true, reason: true, createdAt: true, requestId: true, actorId: true },
    orderBy: { createdAt: "asc" },
  });
}

/** Records the pair as proven (first proof wins; a later one for the same pair changes nothing). */
export async function recordAccountProof(
  tx: Prisma.TransactionClient,
  pair: ConsumerPair & { method: "CODE" | "WAIVED"; reason?: string | null; actorId: string; requestId: string },
): Promise<void> {
  await tx.consumerAccountProof.upsert({
    where: {
      organizationId_consumerAccount_consumerRegion: {
        organizationId: pair.organizationId,
        consumerAccount: pair.consumerAccount,
        consumerRegion: pair.consumerRegion,
      },
    },
    create: {
      organizationId: pair.organizationId,
      consumerAccount: pair.consumerAccount,
      consumerRegion: pair.consumerRegion,
      method: pair.method,
      reason: pair.reason ?? null,
      actorId: pair.actorId,
      requestId: pair.requestId,
    },
    update: {},
  });
}

/**
 * Called by the worker just before it writes a new code into the lake (write-proof-code step): the hash
 * goes first, so the row in Snowflake never holds a code Postgres cannot check. Resets the attempt count.
 */
export async function recordProofChallenge(options: { runId: string; codeHash: string }): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(options.codeHash)) throw new Error("A proof challenge needs a SHA-256 hex hash");
  await inTransaction(async (tx) => {
    const run = await loadRun(tx, options.runId, "PROVISION");
    const now = new Date();
    await tx.accountProofChallenge.upsert({
      where: { requestId: run.requestId },
      create: { requestId: run.requestId, codeHash: options.codeHash, issuedAt: now },
      update: { codeHash: options.codeHash, issuedAt: now, failedAttempts: 0, lockedUntil: null },
    });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: run.request.organizationId,
      requestId: run.requestId,
      shareId: run.request.share?.id ?? null,
      type: "request.proof_code_issued",
      details: { runId: run.id },
    });
  });
}

/**
 * When verify read the share back and found the account a bare locator was added as (SHOW SHARES reports
 * ORG.ACCOUNT), the request and its share take that name as their identity; the locator stays beside it.
 */
export async function applyResolvedConsumerAccount(
  tx: Prisma.TransactionClient,
  requestId: string,
  resolvedAccount: string | null | undefined,
): Promise<void> {
  if (!resolvedAccount || !/^[A-Z][A-Z0-9]*\.[A-Z][A-Z0-9_]*$/.test(resolvedAccount)) return;
  const request = await tx.shareRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { consumerAccount: true, consumerLocator: true },
  });
  if (request.consumerAccount === resolvedAccount) return;
  const locator = request.consumerLocator ?? (request.consumerAccount.includes(".") ? null : request.consumerAccount);
  await tx.shareRequest.update({
    where: { id: requestId },
    data: { consumerAccount: resolvedAccount, consumerLocator: locator },
  });
  await tx.share.updateMany({ where: { requestId }, data: { consumerAccount: resolvedAccount } });
}
