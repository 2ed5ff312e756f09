import "server-only";
// Executes one erasure request, region by region, and writes its receipt. For each lake holding the
// request's workspaces: match the hashed identifiers against the identity rows (in Node: the lake never
// sees a hash), mark the matched ones in Postgres, write tombstones in bound batches, delete the keys'
// personal rows, verify nothing personal is left (in the lake's tables, then as every consumer of the
// region's shares sees it: erasure-consumer-verify.ts); then for each replica of that lake (a Floe
// replication group in another region): refresh it and verify there too, both ways. Every step is
// idempotent — a tombstone is written once, deletes repeat harmlessly, receipts are upserts — so a run that
// crashed midway converges when it is run again. Counts: requested, matched (named a key in some region), unknown (the rest).
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { evaluateExpectation } from "@/lib/provisioning/plan-checks";
import { loadProviderAccounts, type ProviderAccountRow } from "@/lib/provisioning/provider-accounts";
import type { AccountExecutor, Executors } from "@/lib/provisioning/runtime-types";
import { replicationGroupNameFor } from "@/lib/snowflake/object-names";
import { quoteIdent, sql, sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import {
  deletePersonalRows,
  identityCandidates,
  insertTombstones,
  remainingPersonalRows,
  TOMBSTONE_BATCH,
} from "./erasure-lake-statements";
import { verifyAsConsumers, type ConsumerVerification } from "./erasure-consumer-verify";
import { hashSubject } from "./subject-identifiers";
import { erasureReceiptEmail } from "./receipt-email";

export type ErasureHooks = { afterTombstones?: (region: string) => Promise<void> | void };

const UPDATE_CHUNK = 5_000;

async function verify(executor: AccountExecutor, database: string, requestId: string) {
  const { rows } = await executor.run(remainingPersonalRows({ database }, requestId).toStatement());
  const row = rows[0] ?? {};
  return {
    personalLeft: Number(row.IDENTITY_ROWS ?? -1) + Number(row.EVENT_FIELD_ROWS ?? -1),
    tombstones: Number(row.TOMBSTONES ?? 0),
  };
}

/** Receipt fields of the consumer-side check (erasure-consumer-verify.ts). */
const consumerCounts = (v: ConsumerVerification) => ({
  consumerSharesVerified: v.verified,
  consumerSharesUnverifiable: v.unverifiable,
});

async function eraseInLake(
  requestId: string,
  executor: AccountExecutor,
  database: string,
  workspaceIds: string[],
  wanted: Map<string, string>,
  hooks: ErasureHooks,
  region: string,
) {
  const { rows } = await executor.run(identityCandidates({ database }, workspaceIds).toStatement());
  const keys = new Map<string, { workspace: string; user: string }>();
  const matched = new Set<string>();
  for (const r of rows) {
    const hashes = [
      typeof r.EXTERNAL_USER_ID === "string" ? hashSubject("EXTERNAL_USER_ID", r.EXTERNAL_USER_ID.trim()) : null,
      typeof r.EMAIL === "string" ? hashSubject("EMAIL", r.EMAIL.trim()) : null,
    ].filter((h): h is string => h !== null && wanted.has(h));
    if (hashes.length === 0) continue;
    hashes.forEach((h) => matched.add(h));
    const workspace = String(r.APP_GROUP_ID);
    const user = String(r.USER_ID);
    keys.set(`${workspace}\u0000${user}`, { workspace, user });
  }
  // Matched first (Postgres), so a crash after the tombstones still counts them on the rerun.
  const list = [...matched];
  for (let i = 0; i < list.length; i += UPDATE_CHUNK)
    await db.erasureSubject.updateMany({
      where: { requestId, hash: { in: list.slice(i, i + UPDATE_CHUNK) } },
      data: { matched: true },
    });
  const all = [...keys.values()];
  for (let i = 0; i < all.length; i += TOMBSTONE_BATCH)
    await executor.run(insertTombstones({ database }, requestId, all.slice(i, i + TOMBSTONE_BATCH)).toStatement());
  await hooks.afterTombstones?.(region);
  for (const s of deletePersonalRows({ database }, requestId)) await executor.run(s.toStatement());
}

async function replicasOf(executors: Executors, accounts: ProviderAccountRow[], lake: ProviderAccountRow) {
  const out: { account: ProviderAccountRow; executor: AccountExecutor; group: string }[] = [];
  for (const target of accounts) {
    if (target.id === lake.id) continue;
    const group = replicationGroupNameFor({ lakeDatabase: lake.lakeDatabase!, targetRegion: target.region });
    const executor = await executors.forAccount(target.id);
    const { rows } = await executor.run(sql`SHOW REPLICATION GROUPS LIKE ${sqlStringLiteral(group)}`.toStatement());
    const secondary = { kind: "replication-group-exists", groupName: group, isPrimary: false } as const;
    if (evaluateExpectation({ ...secondary, accountName: target.accountName }, rows))
      out.push({ account: target, executor, group });
  }
  return out;
}

export async function runErasure(requestId: string, executors: Executors, hooks: ErasureHooks = {}) {
  const request = await db.erasureRequest.update({
    where: { id: requestId },
    data: { state: "RUNNING", attempts: { increment: 1 }, lastError: null },
    include: { subjects: { select: { hash: true, kind: true } } },
  });
  if (request.startedAt === null)
    await db.erasureRequest.update({ where: { id: requestId }, data: { startedAt: new Date() } });
  try {
    const wanted = new Map(request.subjects.map((s) => [s.hash, s.kind]));
    const workspaces = await db.workspace.findMany({
      where: { organizationId: request.organizationId, ...(request.workspaceId ? { id: request.workspaceId } : {}) },
      select: { region: true, lakeWorkspaceId: true },
    });
    const accounts = await loadProviderAccounts();
    for (const region of [...new Set(workspaces.map((w) => w.region))].sort()) {
      const lake = accounts.find((a) => a.hostsLake && a.region === region && a.lakeDatabase);
      if (!lake) throw new Error(`no lake account for region ${region}`);
      const database = lake.lakeDatabase!;
      const executor = await executors.forAccount(lake.id);
      const ids = workspaces.filter((w) => w.region === region).map((w) => w.lakeWorkspaceId);
      await eraseInLake(requestId, executor, database, ids, wanted, hooks, region);
      const primary = await verify(executor, database, requestId);
      if (primary.personalLeft !== 0) throw new Error(`personal rows remain in ${region} after the delete`);
      const erasedAt = new Date();
      // Then as every consumer of this lake's shares sees it (throws if one still sees personal data).
      const asConsumers = await verifyAsConsumers({ account: lake, executor, database, requestId, workspaceIds: ids });
      const receipt = { requestId_region: { requestId, region } };
      const primaryDone = {
        matchedKeys: primary.tombstones,
        erasedAt,
        verifiedAt: new Date(),
        ...consumerCounts(asConsumers),
      };
      await db.erasureRegionReceipt.upsert({
        where: receipt,
        create: { requestId, region, role: "PRIMARY", ...primaryDone },
        update: primaryDone,
      });
      for (const replica of await replicasOf(executors, accounts, lake)) {
        await replica.executor.run(sql`ALTER REPLICATION GROUP ${quoteIdent(replica.group)} REFRESH`.toStatement());
        const refreshedAt = new Date();
        const seen = await verify(replica.executor, database, requestId);
        if (seen.personalLeft !== 0 || seen.tombstones !== primary.tombstones)
          throw new Error(`the replica in ${replica.account.region} does not show the erasure after its refresh`);
        const replicaConsumers = await verifyAsConsumers({
          account: replica.account,
          executor: replica.executor,
          database,
          requestId,
          workspaceIds: ids,
        });
        const key = { requestId_region: { requestId, region: replica.account.region } };
        const done = {
          matchedKeys: seen.tombstones,
          erasedAt,
          refreshedAt,
          verifiedAt: new Date(),
          ...consumerCounts(replicaConsumers),
        };
        await db.erasureRegionReceipt.upsert({
          where: key,
          create: { requestId, region: replica.account.region, role: "REPLICA", ...done },
          update: done,
        });
      }
    }
    await finish(requestId);
  } catch (error) {
    await db.$transaction(async (tx) => {
      await tx.erasureRequest.update({
        where: { id: requestId },
        data: { state: "FAILED", lastError: (error as Error).message.slice(0, 500) },
      });
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM" },
        organizationId: request.organizationId,
        type: "erasure.failed",
        details: { erasureRequestId: requestId, attempt: request.attempts },
      });
    });
    throw error;
  }
}

/** Counts, VERIFIED, the hashes dropped (the counts are what stays), audit and the receipt e-mail. */
async function finish(requestId: string) {
  await db.$transaction(async (tx) => {
    const request = await tx.erasureRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { regions: { orderBy: { region: "asc" } }, organization: { select: { name: true } } },
    });
    const matched = await tx.erasureSubject.count({ where: { requestId, matched: true } });
    const completedAt = new Date();
    await tx.erasureRequest.update({
      where: { id: requestId },
      data: { state: "VERIFIED", matchedCount: matched, unknownCount: request.requestedCount - matched, completedAt },
    });
    await tx.erasureSubject.deleteMany({ where: { requestId } });
    await recordAuditEvent(tx, {
      actor: { type: "SYSTEM" },
      organizationId: request.organizationId,
      type: "erasure.verified",
      details: {
        erasureRequestId: requestId,
        requested: request.requestedCount,
        matched,
        unknown: request.requestedCount - matched,
        regions: request.regions.map((r) => r.region),
        minutes: Math.round((completedAt.getTime() - request.createdAt.getTime()) / 60_000),
      },
    });
    const to = request.requestedById
      ? await tx.user.findUnique({ where: { id: request.requestedById }, select: { email: true } })
      : null;
    if (to)
      await tx.outboxEmail.create({
        data: erasureReceiptEmail({ to: to.email, request: { ...request, matchedCount: matched, completedAt } }),
      });
  });
}
