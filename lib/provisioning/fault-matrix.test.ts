// Every step of every plan against a transient and a permanent Snowflake fault, end to end: Postgres, the
// pg-boss queue, a worker, and the emulator through snowflake-sdk. The scenarios run side by side (each on
// its own brand and request); see testing/fault-scenarios.ts for how faults are kept to one request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveAndProvision, revokeAndDeprovision } from "./provision-commands";
import { createProviderExecutors } from "./provider-executors";
import { reconcile, reconciliationProblems } from "./testing/reconcile";
import { faultMatrix, prepareScenario, runScenario, type Prepared } from "./testing/fault-scenarios";
import { startProvisioningHarness, type Harness } from "./testing/provisioning-harness";
import { accountLocators, accountManagerId, consumers, waitFor } from "./testing/scenario-world";
import { StatementLocks } from "./testing/statement-locks";
import { startWorker, type WorkerHandle } from "./worker";

const scenarios = faultMatrix();
let harness: Harness;
let worker: WorkerHandle;
let executors: ReturnType<typeof createProviderExecutors>;
let prepared: Prepared[] = [];
const runs = new Map<string, ReturnType<typeof runScenario>>();

beforeAll(async () => {
  harness = await startProvisioningHarness();
  worker = await startWorker({ concurrency: 12, log: () => {} });
  executors = createProviderExecutors();
  const ctx = {
    harness,
    executors,
    locks: new StatementLocks(),
    locators: await accountLocators(),
    approverId: await accountManagerId(),
    consumers: consumers(harness.emulator),
  };
  prepared = [];
  for (let i = 0; i < scenarios.length; i += 8)
    prepared.push(...(await Promise.all(scenarios.slice(i, i + 8).map(prepareScenario))));
  // Started in list order, so the statement queue admits them first come, first served.
  for (const p of prepared) runs.set(p.scenario.id, runScenario(ctx, p));
}, 180_000);

afterAll(async () => {
  await Promise.allSettled([...runs.values()].flatMap((r) => [r.provision, r.revoke]));
  await worker?.stop();
  await executors?.close();
  await harness?.stop();
});

describe("provisioning fault matrix", () => {
  it.each(scenarios.filter((s) => s.provision).map((s) => [s.id, s] as const))(
    "provision: %s",
    async (id) => {
      await runs.get(id)!.provision;
    },
    180_000,
  );

  it.each(scenarios.filter((s) => s.revoke).map((s) => [s.id, s] as const))(
    "revoke: %s",
    async (id) => {
      await runs.get(id)!.revoke;
    },
    180_000,
  );

  it("leaves Snowflake exactly as Postgres says once every request is revoked", async () => {
    await Promise.all([...runs.values()].map((r) => r.revoke));
    const states = await db.shareRequest.groupBy({
      by: ["state"],
      where: { id: { in: prepared.map((p) => p.requestId) } },
      _count: true,
    });
    expect(states.map((s) => [s.state, s._count])).toEqual([["REVOKED", prepared.length]]);
    const report = await reconcile({ executors });
    expect(reconciliationProblems(report)).toEqual([]);
    expect(report.checked).toMatchObject({ shares: 0, entitlementRows: 0, requests: prepared.length });
  }, 180_000);

  it("reconciliation reports drift it did not make: orphaned, missing, duplicated and unexpected objects", async () => {
    await Promise.all([...runs.values()].map((r) => r.revoke));
    const p = await prepareScenario({ id: "drift", path: "in-us", workspaces: 1 });
    const approverId = await accountManagerId();
    await approveAndProvision({ requestId: p.requestId, approverId });
    expect(await waitFor(p.requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    const lake = await executors.forAccount(p.plan.shareAccountId);
    const share = `"${p.plan.shareName}"`;
    const stray = "FLOE_STRAY_0000000001";
    await lake.run({ sql: `CREATE SHARE "${stray}"` });
    await lake.run({
      sql: `GRANT SELECT ON VIEW "ENGAGEMENT_LAKE_US"."SHARED"."CHANGELOGS_CANVAS_SHARED_ALL" TO SHARE ${share}`,
    });
    await lake.run({ sql: `ALTER SHARE ${share} REMOVE ACCOUNTS = "ACMERETAIL"."ANALYTICS"` });
    const row = p.revokePlan.steps.find((s) => s.key === "delete-entitlements")!;
    await lake.run({
      sql: `INSERT INTO "ENGAGEMENT_LAKE_US"."SHARING"."ENTITLEMENTS" (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION) SELECT SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION FROM "ENGAGEMENT_LAKE_US"."SHARING"."ENTITLEMENTS" WHERE SHARE_NAME = ?`,
      binds: row.statements[0].binds,
    });
    const drifted = await reconcile({ executors });
    expect(drifted.orphanedShares.map((f) => [f.shareName, f.detail])).toEqual([[stray, "no Share row in Postgres"]]);
    expect(drifted.unexpectedGrants.map((f) => f.grant)).toEqual([
      "SELECT ON VIEW ENGAGEMENT_LAKE_US.SHARED.CHANGELOGS_CANVAS_SHARED_ALL",
    ]);
    expect(drifted.missingAccounts.map((f) => f.detail)).toEqual(["ACMERETAIL.ANALYTICS"]);
    expect(drifted.duplicatedEntitlements.map((f) => [f.shareName, f.rows])).toEqual([[p.plan.shareName, 2]]);
    expect(drifted.unexpectedEntitlements).toEqual([]);

    await lake.run({ sql: `DROP SHARE ${share}` });
    const dropped = await reconcile({ executors });
    expect(dropped.missingShares.map((f) => f.shareName)).toEqual([p.plan.shareName]);

    // Revoking cleans up what is left (the entitlement rows); the stray share is the operator's to drop.
    await revokeAndDeprovision({ requestId: p.requestId, actorId: approverId });
    expect(await waitFor(p.requestId, ["REVOKED", "FAILED"])).toBe("REVOKED");
    const after = await reconcile({ executors });
    expect(reconciliationProblems(after)).toEqual([
      `orphanedShares: FLOEDATA.LAKE_US ${stray} (no request): no Share row in Postgres`,
    ]);
    await lake.run({ sql: `DROP SHARE "${stray}"` });
    expect(reconciliationProblems(await reconcile({ executors }))).toEqual([]);
  }, 90_000);
});
