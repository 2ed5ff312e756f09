// The erasure feed (SHARED.ERASURES) in shares that exist already: a share provisioned before the plan
// granted it has no SELECT on it — made here by revoking the grant from a share provisioned today, which
// leaves Snowflake exactly as an old share is — and the drift check finds that and repairs it with the
// plan's own grant-erasures step through a REPAIR run, in-region on the lake and cross-region on the
// replica. Afterwards the consumer reads the feed through its mounted share and sees only the tombstones of
// its share's workspaces. A feed view recreated without its row access policy is restored (COPY GRANTS).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";
import { approveAndProvision } from "../provision-commands";
import { createProviderExecutors } from "../provider-executors";
import { startProvisioningHarness, type Harness } from "../testing/provisioning-harness";
import { accountManagerId, sharePaths, submitTestRequest, waitFor, type SharePath } from "../testing/scenario-world";
import { startWorker, type WorkerHandle } from "../worker";
import { checkShareDrift } from "./check-share-drift";

let harness: Harness;
let worker: WorkerHandle;
let executors: ReturnType<typeof createProviderExecutors>;
let lake: TestConnection;
let replica: TestConnection;
const LAKE = "ENGAGEMENT_LAKE_US";
const OTHER_WORKSPACE = "feed-drift-not-this-share";

type Mounted = { requestId: string; shareName: string; mount: string; workspaces: string[]; consumer: TestConnection };

async function activeShare(path: SharePath, mount: string): Promise<Mounted> {
  const { requestId } = await submitTestRequest(path, { workspaces: 2 });
  await approveAndProvision({ requestId, approverId: await accountManagerId() });
  expect(await waitFor(requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
  const share = await db.share.findUniqueOrThrow({ where: { requestId } });
  const consumer = await harness.emulator.connect(sharePaths[path].consumerLogin, "ADMIN");
  const provider = path === "in-us" ? "LAKE_US" : "REPLICA_US_WEST";
  await consumer.execute(`CREATE DATABASE ${mount} FROM SHARE FLOEDATA.${provider}."${share.name}"`);
  const request = await db.shareRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { workspaces: { select: { workspace: { select: { lakeWorkspaceId: true } } } } },
  });
  const workspaces = request.workspaces.map((w) => w.workspace.lakeWorkspaceId).sort();
  return { requestId, shareName: share.name, mount, workspaces, consumer };
}

/** A tombstone in each of the share's workspaces and one in a workspace it is not entitled to. */
async function tombstones(m: Mounted) {
  for (const ws of [...m.workspaces, OTHER_WORKSPACE])
    await lake.execute(
      `INSERT INTO ${LAKE}.PERSONAL.ERASED_SUBJECTS (APP_GROUP_ID, USER_ID, ERASED_AT, REQUEST_ID) VALUES (?, ?, SYSDATE(), 'feed-drift')`,
      [ws, `${m.mount}-user`],
    );
}

const feedSeenBy = async (m: Mounted) =>
  (
    await m.consumer.execute<{ APP_GROUP_ID: string }>(
      `SELECT APP_GROUP_ID FROM ${m.mount}.SHARED.ERASURES WHERE USER_ID = ? ORDER BY APP_GROUP_ID`,
      [`${m.mount}-user`],
    )
  ).map((r) => r.APP_GROUP_ID);

async function repair(m: Mounted) {
  const result = await checkShareDrift({ requestId: m.requestId, executors, actor: { type: "SYSTEM" } });
  expect(result.outcome.status).toBe("repairing");
  const runId = (result.outcome as { runId: string }).runId;
  const deadline = Date.now() + 60_000;
  let run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId } });
  while (!["SUCCEEDED", "FAILED", "CANCELLED"].includes(run.state) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId } });
  }
  const steps = await db.provisioningStep.findMany({ where: { runId }, orderBy: { position: "asc" } });
  return { report: result.report!, run, steps };
}

beforeAll(async () => {
  harness = await startProvisioningHarness();
  worker = await startWorker({ concurrency: 2, log: () => {} });
  executors = createProviderExecutors();
  lake = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  replica = await harness.emulator.connect("FLOEDATA-REPLICA_US_WEST", "ADMIN");
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await executors?.close();
  await harness?.stop();
});

describe("the erasure feed in existing shares (drift)", () => {
  it("a new share carries the feed; a share without it (as made before) gets it from the drift repair, in-region", async () => {
    const m = await activeShare("in-us", "FEED_DRIFT_US");
    await tombstones(m);
    expect(await feedSeenBy(m)).toEqual(m.workspaces); // the plan granted it, the policy filters it
    expect((await checkShareDrift({ requestId: m.requestId, executors, actor: { type: "SYSTEM" } })).outcome).toEqual({
      status: "clean",
    });

    await lake.execute(`REVOKE SELECT ON VIEW ${LAKE}.SHARED.ERASURES FROM SHARE "${m.shareName}"`);
    await expect(feedSeenBy(m)).rejects.toHaveProperty("code");
    const { report, run, steps } = await repair(m);
    expect(report.repairable).toEqual([
      { part: "grant", detail: `missing grant SELECT ON VIEW ${LAKE}.SHARED.ERASURES` },
    ]);
    expect(report.unrepairable).toEqual([]);
    expect(run).toMatchObject({ kind: "REPAIR", state: "SUCCEEDED" });
    expect(steps.map((s) => `${s.key}:${s.state}`)).toEqual(["grant-erasures:SUCCEEDED", "verify:SUCCEEDED"]);
    expect(steps[0].sql).toBe(`GRANT SELECT ON VIEW "${LAKE}"."SHARED"."ERASURES" TO SHARE "${m.shareName}"`);
    expect(await feedSeenBy(m)).toEqual(m.workspaces);
  }, 180_000);

  it("cross-region: the grant on the replica's secondary database is repaired there, and the replica's feed is filtered per share", async () => {
    const m = await activeShare("x-us-west", "FEED_DRIFT_WEST");
    await tombstones(m);
    await replica.execute(`REVOKE SELECT ON VIEW ${LAKE}.SHARED.ERASURES FROM SHARE "${m.shareName}"`);
    const { report, run, steps } = await repair(m);
    expect(report.repairable).toEqual([
      { part: "grant", detail: `missing grant SELECT ON VIEW ${LAKE}.SHARED.ERASURES` },
    ]);
    expect(run.state).toBe("SUCCEEDED");
    const west = await db.providerAccount.findUniqueOrThrow({
      where: { organizationName_accountName: { organizationName: "FLOEDATA", accountName: "REPLICA_US_WEST" } },
    });
    expect(steps.map((s) => [s.key, s.providerAccountId])).toEqual([
      ["grant-erasures", west.id],
      ["verify", west.id],
    ]);
    // The tombstones reach the replica with its refresh.
    const group = `FLOE_RG_${LAKE}_TO_AWS_US_WEST_2`;
    await replica.execute(`ALTER REPLICATION GROUP ${group} REFRESH`);
    expect(await feedSeenBy(m)).toEqual(m.workspaces);
  }, 180_000);

  it("restores the feed view recreated without its row access policy, so no share sees another's tombstones", async () => {
    const m = await activeShare("in-us", "FEED_DRIFT_POLICY");
    await tombstones(m);
    // A hand "fix" of the view: no policy, no COPY GRANTS (every share loses its grant on it).
    await lake.execute(
      `CREATE OR REPLACE SECURE VIEW ${LAKE}.SHARED.ERASURES AS SELECT APP_GROUP_ID, USER_ID, MIN(ERASED_AT) AS ERASED_AT FROM ${LAKE}.PERSONAL.ERASED_SUBJECTS GROUP BY APP_GROUP_ID, USER_ID`,
    );
    const { report, run, steps } = await repair(m);
    expect(report.repairable.map((f) => f.part).sort()).toEqual(["grant", "view"]);
    expect(report.repairable.find((f) => f.part === "view")!.detail).toContain("ERASURE_ROWS");
    expect(run.state).toBe("SUCCEEDED");
    expect(steps.map((s) => `${s.key}:${s.state}`)).toEqual([
      "restore-view:SUCCEEDED",
      "grant-erasures:SUCCEEDED",
      "verify:SUCCEEDED",
    ]);
    expect(await feedSeenBy(m)).toEqual(m.workspaces); // OTHER_WORKSPACE's tombstone stays invisible
    expect((await checkShareDrift({ requestId: m.requestId, executors, actor: { type: "SYSTEM" } })).outcome).toEqual({
      status: "clean",
    });
  }, 180_000);
});
