// Drift behind Floe's back, end to end: Postgres, the pg-boss queue, a worker and the emulator through
// snowflake-sdk. An ACTIVE share is broken the ways people break shares by hand — a grant dropped, a view
// recreated without COPY GRANTS (and without its row access policy), an entitlement row deleted — and the
// drift check finds each, repairs only the missing part with a REPAIR run, and the consumer reads exactly
// its rows again. A view dropped in the lake cannot be re-applied: staff are alerted once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";
import { approveAndProvision } from "../provision-commands";
import { createProviderExecutors } from "../provider-executors";
import { startProvisioningHarness, type Harness } from "../testing/provisioning-harness";
import { accountManagerId, submitTestRequest, TEST_VIEW, waitFor } from "../testing/scenario-world";
import { startWorker, type WorkerHandle } from "../worker";
import { getBoss } from "../queue";
import { checkShareDrift } from "./check-share-drift";
import { brandCheckLimits, checkMyShare } from "./share-check-commands";
import { DRIFT_CRON, DRIFT_QUEUE, startDriftChecks } from "./drift-schedule";

let harness: Harness;
let worker: WorkerHandle;
let executors: ReturnType<typeof createProviderExecutors>;
let provider: TestConnection;
let consumer: TestConnection;
const LAKE = "ENGAGEMENT_LAKE_US";

type Mounted = { requestId: string; shareName: string; mount: string; workspaces: string[] };
const mounted: Mounted[] = [];

async function activeShare(mount: string, workspaces = 2): Promise<Mounted> {
  const { requestId } = await submitTestRequest("in-us", { workspaces });
  await approveAndProvision({ requestId, approverId: await accountManagerId() });
  expect(await waitFor(requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
  const share = await db.share.findUniqueOrThrow({ where: { requestId } });
  await consumer.execute(`CREATE DATABASE ${mount} FROM SHARE FLOEDATA.LAKE_US."${share.name}"`);
  const request = await db.shareRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { workspaces: { select: { workspace: { select: { lakeWorkspaceId: true } } } } },
  });
  // Fresh workspaces have no events in the lake yet: give each two rows so the consumer has something to read.
  for (const w of request.workspaces)
    await provider.execute(
      `INSERT INTO ${LAKE}.RAW.CHANGELOGS_CAMPAIGN (ID, TIME, APP_GROUP_ID, NAME) VALUES (?, 1, ?, 'a'), (?, 2, ?, 'b')`,
      [`${mount}-1`, w.workspace.lakeWorkspaceId, `${mount}-2`, w.workspace.lakeWorkspaceId],
    );
  const m = {
    requestId,
    shareName: share.name,
    mount,
    workspaces: request.workspaces.map((w) => w.workspace.lakeWorkspaceId).sort(),
  };
  mounted.push(m);
  return m;
}

/** What the consumer reads through its mounted share: the workspaces whose rows it sees. */
async function consumerWorkspaces(m: Mounted): Promise<string[]> {
  const rows = await consumer.execute<{ APP_GROUP_ID: string }>(
    `SELECT DISTINCT APP_GROUP_ID FROM ${m.mount}.SHARED.${TEST_VIEW} ORDER BY APP_GROUP_ID`,
  );
  return rows.map((r) => r.APP_GROUP_ID);
}

async function waitForRun(runId: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId } });
    if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(run.state)) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} did not finish`);
}

async function repairOf(m: Mounted) {
  const result = await checkShareDrift({ requestId: m.requestId, executors, actor: { type: "SYSTEM" } });
  expect(result.outcome.status).toBe("repairing");
  const runId = (result.outcome as { runId: string }).runId;
  const run = await waitForRun(runId);
  const steps = await db.provisioningStep.findMany({ where: { runId }, orderBy: { position: "asc" } });
  const events = await db.auditEvent.findMany({
    where: { requestId: m.requestId, type: { startsWith: "share.drift" } },
    orderBy: { id: "asc" },
  });
  return { result, run, steps: steps.map((s) => `${s.key}:${s.state}`), events };
}

beforeAll(async () => {
  harness = await startProvisioningHarness();
  worker = await startWorker({ concurrency: 2, log: () => {} });
  executors = createProviderExecutors();
  provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  consumer = await harness.emulator.connect("ACMERETAIL-ANALYTICS", "ADMIN");
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await executors?.close();
  await harness?.stop();
});

describe("drift detection and repair", () => {
  it("finds nothing to do on a share that matches its plan", async () => {
    const m = await activeShare("DRIFT_CLEAN");
    const result = await checkShareDrift({ requestId: m.requestId, executors, actor: { type: "SYSTEM" } });
    expect(result.outcome).toEqual({ status: "clean" });
    expect(result.report).toMatchObject({ repairable: [], unrepairable: [], signature: "" });
    const share = await db.share.findUniqueOrThrow({ where: { requestId: m.requestId } });
    expect(share.driftCheckedAt).not.toBeNull();
    expect(await db.provisioningRun.count({ where: { requestId: m.requestId, kind: "REPAIR" } })).toBe(0);
  });

  it("lets a brand check its own share only, a few times per window, each check audited", async () => {
    const m = mounted.find((x) => x.mount === "DRIFT_CLEAN")!;
    const request = await db.shareRequest.findUniqueOrThrow({
      where: { id: m.requestId },
      select: { organizationId: true, requestedById: true },
    });
    const asBrand = (organizationId: string) =>
      checkMyShare({ requestId: m.requestId, organizationId, actorId: request.requestedById, executors });
    const other = await db.organization.findFirstOrThrow({ where: { id: { not: request.organizationId } } });
    await expect(asBrand(other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (let i = 0; i < brandCheckLimits.perRequest.limit; i++)
      expect(await asBrand(request.organizationId)).toMatchObject({ status: "clean", problems: [] });
    await expect(asBrand(request.organizationId)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await db.auditEvent.count({ where: { requestId: m.requestId, type: "share.checked" } })).toBe(
      brandCheckLimits.perRequest.limit,
    );
  });

  it("re-grants a SELECT dropped behind Floe's back, and only that", async () => {
    const m = await activeShare("DRIFT_GRANT");
    const before = await consumerWorkspaces(m);
    expect(before).toEqual(m.workspaces);
    await provider.execute(`REVOKE SELECT ON VIEW ${LAKE}.SHARED.${TEST_VIEW} FROM SHARE "${m.shareName}"`);
    await expect(consumerWorkspaces(m)).rejects.toHaveProperty("code");

    const { result, run, steps, events } = await repairOf(m);
    expect(result.report?.repairable).toEqual([
      { part: "grant", detail: `missing grant SELECT ON VIEW ${LAKE}.SHARED.${TEST_VIEW}` },
    ]);
    expect(run).toMatchObject({ kind: "REPAIR", state: "SUCCEEDED" });
    expect(steps).toEqual(["grant-select:SUCCEEDED", "verify:SUCCEEDED"]);
    const repairSql = await db.provisioningStep.findFirstOrThrow({ where: { runId: run.id, key: "grant-select" } });
    expect(repairSql.sql).toBe(`GRANT SELECT ON VIEW "${LAKE}"."SHARED"."${TEST_VIEW}" TO SHARE "${m.shareName}"`);
    expect(events.map((e) => e.type)).toEqual(["share.drift_detected", "share.drift_repaired"]);
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: m.requestId } })).state).toBe("ACTIVE");
    expect(await consumerWorkspaces(m)).toEqual(m.workspaces);
  });

  it("restores a view recreated without COPY GRANTS and without its row access policy", async () => {
    const m = await activeShare("DRIFT_VIEW");
    // What someone "fixing" the view by hand might run: no COPY GRANTS, no policy.
    await provider.execute(
      `CREATE OR REPLACE SECURE VIEW ${LAKE}.SHARED.${TEST_VIEW} AS SELECT * FROM ${LAKE}.RAW.CHANGELOGS_CAMPAIGN`,
    );
    await expect(consumerWorkspaces(m)).rejects.toHaveProperty("code");

    const { result, run, steps } = await repairOf(m);
    expect(result.report?.repairable.map((f) => f.part).sort()).toEqual(["grant", "view"]);
    expect(run.state).toBe("SUCCEEDED");
    expect(steps).toEqual(["restore-view:SUCCEEDED", "grant-select:SUCCEEDED", "verify:SUCCEEDED"]);
    // Back behind its policy: the consumer sees its own workspaces' rows, not every brand's.
    expect(await consumerWorkspaces(m)).toEqual(m.workspaces);
    const again = await checkShareDrift({ requestId: m.requestId, executors, actor: { type: "SYSTEM" } });
    expect(again.outcome).toEqual({ status: "clean" });
  });

  it("writes the entitlement rows again when one was deleted", async () => {
    const m = await activeShare("DRIFT_ROWS");
    await provider.execute(`DELETE FROM ${LAKE}.SHARING.ENTITLEMENTS WHERE SHARE_NAME = ? AND WORKSPACE_ID = ?`, [
      m.shareName,
      m.workspaces[0],
    ]);
    expect(await consumerWorkspaces(m)).toEqual(m.workspaces.slice(1));

    const { result, run, steps } = await repairOf(m);
    expect(result.report?.repairable.map((f) => f.part)).toEqual(["entitlements"]);
    expect(run.state).toBe("SUCCEEDED");
    expect(steps).toEqual(["write-entitlements:SUCCEEDED", "verify:SUCCEEDED"]);
    expect(await consumerWorkspaces(m)).toEqual(m.workspaces);
  });

  it("keeps the share ACTIVE when its repair fails, alerts staff once, and does not retry the same drift by itself", async () => {
    const m = await activeShare("DRIFT_FAIL", 1);
    await provider.execute(`REVOKE SELECT ON VIEW ${LAKE}.SHARED.${TEST_VIEW} FROM SHARE "${m.shareName}"`);
    const rule = harness.emulator.faults.add({
      kind: "snowflake_error",
      sqlPattern: "^GRANT SELECT",
      code: "003001",
      sqlState: "42501",
      message: "SQL access control error:\nInsufficient privileges to operate on view",
    });
    try {
      const { run, steps, events } = await repairOf(m);
      expect(run).toMatchObject({
        kind: "REPAIR",
        state: "FAILED",
        failedStepKey: "grant-select",
        errorCode: "003001",
      });
      expect(steps).toEqual(["grant-select:FAILED", "verify:PENDING"]);
      expect(events.map((e) => e.type)).toEqual(["share.drift_detected", "share.drift_unrepaired"]);
      expect((await db.shareRequest.findUniqueOrThrow({ where: { id: m.requestId } })).state).toBe("ACTIVE");
      const staff = await db.user.count({ where: { staffRole: { in: ["ACCOUNT_MANAGER", "ADMIN"] } } });
      expect(await db.outboxEmail.count({ where: { requestId: m.requestId, kind: "share.drift_unrepaired" } })).toBe(
        staff,
      );
      // The schedule meets the same drift again: no second repair, no second alert.
      const again = await checkShareDrift({ requestId: m.requestId, executors, actor: { type: "SYSTEM" } });
      expect(again.outcome).toEqual({ status: "unrepaired", alerted: false });
      expect(await db.provisioningRun.count({ where: { requestId: m.requestId, kind: "REPAIR" } })).toBe(1);
    } finally {
      harness.emulator.faults.remove(rule.id);
    }
  });

  it("alerts staff once when a view is missing in the lake, and starts no repair it cannot finish", async () => {
    const m = await activeShare("DRIFT_GONE", 1);
    const view = "CHANGELOGS_CAMPAIGN_SHARED";
    await provider.execute(`DROP VIEW ${LAKE}.SHARED.${view}`);
    const mailsBefore = await db.outboxEmail.count({ where: { requestId: m.requestId } });

    const first = await checkShareDrift({ requestId: m.requestId, executors, actor: { type: "SYSTEM" } });
    expect(first.outcome).toEqual({ status: "unrepaired", alerted: true });
    expect(first.report?.unrepairable).toEqual([
      { part: "view", detail: `view ${LAKE}.SHARED.${view} is missing in the lake` },
    ]);
    const second = await checkShareDrift({ requestId: m.requestId, executors, actor: { type: "SYSTEM" } });
    expect(second.outcome).toEqual({ status: "unrepaired", alerted: false });

    const alerts = await db.auditEvent.findMany({ where: { requestId: m.requestId, type: "share.drift_unrepaired" } });
    expect(alerts).toHaveLength(1);
    const staff = await db.user.count({ where: { staffRole: { in: ["ACCOUNT_MANAGER", "ADMIN"] } } });
    const mails = await db.outboxEmail.findMany({ where: { requestId: m.requestId, kind: "share.drift_unrepaired" } });
    expect(mails).toHaveLength(staff);
    expect(mailsBefore + staff).toBe(await db.outboxEmail.count({ where: { requestId: m.requestId } }));
    expect(mails[0].text).toContain(`${LAKE}.SHARED.${view} is missing in the lake`);
    expect(await db.provisioningRun.count({ where: { requestId: m.requestId, kind: "REPAIR" } })).toBe(0);
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: m.requestId } })).state).toBe("ACTIVE");
  });

  it("is scheduled on its own pg-boss queue, and a tick checks every ACTIVE share", async () => {
    const boss = await getBoss();
    const handle = await startDriftChecks({ boss, executors, log: () => {} });
    try {
      const schedules = await boss.getSchedules();
      expect(schedules.find((s) => s.name === DRIFT_QUEUE)).toMatchObject({ cron: DRIFT_CRON, timezone: "UTC" });
      const ids = (await db.share.findMany({ where: { request: { state: "ACTIVE" } }, select: { id: true } })).map(
        (s) => s.id,
      );
      const startedAt = new Date();
      // What the cron does at each tick: one job on the queue.
      await boss.send(DRIFT_QUEUE, {});
      const deadline = Date.now() + 60_000;
      let checked = 0;
      while (Date.now() < deadline) {
        checked = await db.share.count({ where: { id: { in: ids }, driftCheckedAt: { gte: startedAt } } });
        if (checked === ids.length) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(checked).toBe(ids.length);
      // The view dropped in the previous case is granted by every share of this file: each of the others
      // alerts now, naming it; the share that alerted already does not alert again.
      const alerts = await db.auditEvent.findMany({
        where: { type: "share.drift_unrepaired", createdAt: { gte: startedAt } },
        select: { requestId: true, details: true },
      });
      const gone = mounted.find((m) => m.mount === "DRIFT_GONE")!;
      expect(alerts.map((a) => a.requestId).sort()).toEqual(
        mounted
          .filter((m) => m !== gone)
          .map((m) => m.requestId)
          .sort(),
      );
      for (const a of alerts)
        expect((a.details as { problems: string[] }).problems).toEqual([
          `view: view ${LAKE}.SHARED.CHANGELOGS_CAMPAIGN_SHARED is missing in the lake`,
        ]);
    } finally {
      await handle.stop();
    }
  });
});
