// Fault tests of the pipeline's health under the emulator's controlled clock (frozen; every move is
// emu.clock.advance/set, never a sleep): a failing task, a suspended task, a stale stream and a failed
// replication refresh each open exactly one alert, notify once (one e-mail per staff member, one webhook
// delivery per vendor endpoint), and resolve — notifying once more — after recovery. The pipeline is the
// real one lake migration 5 put in the seeded lakes (testing/lake-pipeline.ts): Kafka-connector records land
// in LANDING_<K>, the task LOAD_<K> (resumed here, as lake:migrate does; the seed leaves it suspended) CALLs
// MOVE_<K>, which fills LOADS and so the FRESHNESS heartbeat. A task fails because a table its procedure
// inserts into was dropped (Snowflake's "does not exist" error) and recovers when migration 5 is re-applied.
//
// Snowflake behaviour relied on (documented): TASK_HISTORY lists each run with STATE and ERROR_MESSAGE
// (https://docs.snowflake.com/en/sql-reference/functions/task_history); SHOW STREAMS' stale / stale_after
// (https://docs.snowflake.com/en/sql-reference/sql/show-streams, staleness: https://docs.snowflake.com/en/user-guide/streams-intro);
// SHOW TASKS' state (https://docs.snowflake.com/en/sql-reference/sql/show-tasks); a refresh that fails is a
// FAILED row of REPLICATION_GROUP_REFRESH_HISTORY (https://docs.snowflake.com/en/sql-reference/functions/replication_group_refresh_history).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import { replicationGroupNameFor } from "@/lib/snowflake/object-names";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";
import type { PipelineAlertRule } from "@/lib/generated/prisma/enums";
import { runSamplingRound } from "./sampler";
import { ALERT_EMAIL_KIND } from "./alert-notifications";
import { DELAY_EMAIL_KIND, getShareFreshnessForRequest } from "./share-freshness";
import { createBrand, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import {
  breakMove,
  lakePipeline,
  landEvents,
  reapplyPipelineMigration,
  recreateStream,
  setTasks,
  type LakePipeline,
} from "./testing/lake-pipeline";
import { lakeDatasetKeys } from "@/lib/lake/lake-tables";
import { allPipelineObjects } from "@/lib/lake/pipeline-objects";
import type { PipelineThresholds } from "./thresholds";

const LAKE = "ENGAGEMENT_LAKE_US";
const WORKSPACE = "5f1a0c3e9b2d4a7f8c6e0a01"; // Acme Web, US East
const GROUP = replicationGroupNameFor({ lakeDatabase: LAKE, targetRegion: "AWS_US_WEST_2" });
const thresholds: PipelineThresholds = {
  taskFailures: 3,
  streamStaleHours: 24,
  freshnessSloMinutes: 30,
  replicationSloMinutes: 30,
  retentionDays: 14,
};
const MINUTE = 60_000;
const DAY = 86_400_000;
const EMAIL = "messaging-email";

let harness: Harness;
let lake: TestConnection;
let replica: TestConnection;
let pipeline: LakePipeline;
let staffCount: number;
let endpointId: string;
/** A brand with an active share of messaging-email on the US lake (workspace Web), whose events flow too. */
let brand: Brand;
let shareRequestId: string;
let other: Brand;

const round = () => runSamplingRound({ thresholds });

/**
 * One healthy minute: an event of every dataset lands for the workspace (and a messaging-email one for the
 * brand's), timed at the engine clock's now; the clock moves one minute (each task runs once).
 */
async function healthyMinutes(n: number) {
  for (let i = 0; i < n; i++) {
    const at = new Date((await harness.emulator.clock.read()).epochMs);
    await landEvents(lake, pipeline, WORKSPACE, at);
    if (brand) await landEvents(lake, pipeline, brand.web.lakeWorkspaceId, at, [EMAIL]);
    await harness.emulator.clock.advance(MINUTE);
  }
}

/** The alerts of (rule, subject) opened since `since` (engine-clock ms: alerts are timed by Snowflake's clock). */
async function alertsOf(rule: PipelineAlertRule, subject: string, since = 0) {
  return db.pipelineAlert.findMany({
    where: { rule, subject, openedAt: { gte: new Date(since) } },
    orderBy: { openedAt: "asc" },
  });
}

/** The notifications one alert caused: staff e-mails and webhook deliveries, by event. */
async function notificationsOf(alertId: string) {
  const mails = await db.outboxEmail.findMany({
    where: { text: { contains: alertId } },
    select: { kind: true, to: true },
  });
  const hooks = await db.webhookDelivery.findMany({
    where: { endpointId, body: { contains: alertId } },
    select: { event: true },
  });
  const count = <T>(list: T[], pick: (t: T) => string, value: string) => list.filter((x) => pick(x) === value).length;
  return {
    openedMails: count(mails, (m) => m.kind, ALERT_EMAIL_KIND.opened),
    resolvedMails: count(mails, (m) => m.kind, ALERT_EMAIL_KIND.resolved),
    raisedHooks: count(hooks, (h) => h.event, "alert.raised"),
    resolvedHooks: count(hooks, (h) => h.event, "alert.resolved"),
  };
}

/** Exactly one alert for (rule, subject), resolved, with one mail per staff member and one webhook each way. */
async function expectOneIncident(rule: PipelineAlertRule, subject: string, state: "OPEN" | "RESOLVED", since = 0) {
  const alerts = await alertsOf(rule, subject, since);
  expect(alerts).toHaveLength(1);
  expect(alerts[0].state).toBe(state);
  const sent = await notificationsOf(alerts[0].id);
  expect(sent.openedMails).toBe(staffCount);
  expect(sent.raisedHooks).toBe(1);
  expect(sent.resolvedMails).toBe(state === "RESOLVED" ? staffCount : 0);
  expect(sent.resolvedHooks).toBe(state === "RESOLVED" ? 1 : 0);
  return alerts[0];
}

beforeAll(async () => {
  harness = await startProvisioningHarness();
  // On a whole minute: events carry whole seconds (the connector's TIME), so the heartbeat equals the clock's times.
  await harness.emulator.clock.freeze(Math.ceil(Date.now() / MINUTE) * MINUTE);
  lake = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  replica = await harness.emulator.connect("FLOEDATA-REPLICA_US_WEST", "ADMIN");
  pipeline = lakePipeline(LAKE, "AWS_US_EAST_1");
  brand = await createBrand();
  shareRequestId = (await requestInState(brand, "ACTIVE", { workspaceIds: [brand.web.id] })).requestId;
  other = await createBrand();
  await setTasks(lake, pipeline, "RESUME");
  // The cross-region path as Floe's plan builds it (plan-replication-steps.ts): group, replica, first refresh.
  await lake.execute(
    `CREATE REPLICATION GROUP IF NOT EXISTS ${GROUP} OBJECT_TYPES = DATABASES ALLOWED_DATABASES = ${LAKE} ALLOWED_ACCOUNTS = FLOEDATA.REPLICA_US_WEST REPLICATION_SCHEDULE = '10 MINUTE'`,
  );
  await replica.execute(`CREATE REPLICATION GROUP IF NOT EXISTS ${GROUP} AS REPLICA OF FLOEDATA.LAKE_US.${GROUP}`);
  await healthyMinutes(2);
  await replica.execute(`ALTER REPLICATION GROUP ${GROUP} REFRESH`);
  staffCount = await db.user.count({ where: { staffRole: { in: ["ACCOUNT_MANAGER", "ADMIN"] } } });
  endpointId = (
    await db.webhookEndpoint.create({
      data: { organizationId: null, url: "https://hooks.example.com/floe-alerts", secret: "whsec_test", events: [] },
    })
  ).id;
}, 180_000);

afterAll(async () => {
  await harness?.stop();
});

describe("pipeline health under faults", () => {
  it("a healthy pipeline samples every kind and opens no alert; the EU lake's tasks, left suspended by the seed, are reported", async () => {
    const result = await round();
    const opened = await db.pipelineAlert.findMany({ where: { id: { in: result.alerts.opened } } });
    // The US lake and its replica (the pipeline this file drives) are healthy.
    expect(opened.filter((a) => a.region !== "AWS_EU_CENTRAL_1")).toEqual([]);
    // The brand's share: current as of its workspace's newest event, measured in its region, no delay.
    const clock = new Date((await harness.emulator.clock.read()).epochMs);
    const fresh1 = await getShareFreshnessForRequest({
      organizationId: brand.organization.id,
      requestId: shareRequestId,
    });
    expect(fresh1?.region).toBe("AWS_US_EAST_1");
    expect(fresh1?.currentAsOf?.getTime()).toBe(clock.getTime() - MINUTE);
    expect(fresh1?.delayedSince).toBeNull();
    // Tenant in the query: another brand asking for this request gets nothing.
    expect(
      await getShareFreshnessForRequest({ organizationId: other.organization.id, requestId: shareRequestId }),
    ).toBeNull();
    const runs = await db.pipelineTaskRun.findMany({
      where: { taskName: "LOAD_MESSAGING_EMAIL", region: "AWS_US_EAST_1" },
    });
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.state === "SUCCEEDED")).toBe(true);
    const fresh = await db.pipelineFreshnessSample.findMany({ where: { lakeWorkspaceId: WORKSPACE } });
    // Read on the lake (US East) and on the replica (US West): both regions measured.
    expect(new Set(fresh.map((f) => f.region))).toEqual(new Set(["AWS_US_EAST_1", "AWS_US_WEST_2"]));
    expect(await db.pipelineRefreshSample.count({ where: { groupName: GROUP, phase: "COMPLETED" } })).toBe(1);
    // The EU lake has migration 5 too (its reads succeed), but nothing resumed its tasks: one alert per task.
    const eu = await db.pipelineSampleRun.findFirst({ where: { region: "AWS_EU_CENTRAL_1", kind: "TASK_HISTORY" } });
    expect(eu?.ok).toBe(true);
    expect(
      opened
        .filter((a) => a.rule === "TASK_SUSPENDED")
        .map((a) => a.subject)
        .sort(),
    ).toEqual(
      allPipelineObjects()
        .map((o) => `AWS_EU_CENTRAL_1/${o.task}`)
        .sort(),
    );
  }, 120_000);

  it("a failing task opens one TASK_FAILING alert with Snowflake's error text, notifies once, resolves on recovery", async () => {
    const subject = "AWS_US_EAST_1/LOAD_MESSAGING_EMAIL";
    await breakMove(lake, pipeline, EMAIL);
    await healthyMinutes(2);
    await round();
    expect(await alertsOf("TASK_FAILING", subject)).toHaveLength(0); // 2 failures < 3
    await healthyMinutes(2);
    await round();
    await round(); // still failing: the same alert, no new notification
    const open = await expectOneIncident("TASK_FAILING", subject, "OPEN");
    expect(String((open.details as { error?: string }).error)).toMatch(/BATCH_MESSAGING_EMAIL.*does not exist/i);
    const failed = await db.pipelineTaskRun.findFirst({
      where: { taskName: "LOAD_MESSAGING_EMAIL", region: "AWS_US_EAST_1", state: "FAILED" },
    });
    expect(failed?.errorMessage).toMatch(/BATCH_MESSAGING_EMAIL.*does not exist/i);

    // The repair: lake:migrate's migration 5 again (idempotent) recreates the batch table.
    await reapplyPipelineMigration(lake, pipeline);
    await healthyMinutes(1);
    await round();
    await round();
    const resolved = await expectOneIncident("TASK_FAILING", subject, "RESOLVED");
    const audit = await db.auditEvent.findMany({
      where: { type: { startsWith: "pipeline.alert_" }, details: { path: ["alertId"], equals: resolved.id } },
    });
    expect(audit.map((a) => a.type).sort()).toEqual(["pipeline.alert_opened", "pipeline.alert_resolved"]);
  }, 120_000);

  it("a suspended task opens one TASK_SUSPENDED alert and resolves when it is resumed", async () => {
    const subject = "AWS_US_EAST_1/LOAD_MESSAGING_EMAIL";
    await setTasks(lake, pipeline, "SUSPEND", [EMAIL]);
    await healthyMinutes(2);
    await round();
    await round();
    await expectOneIncident("TASK_SUSPENDED", subject, "OPEN");
    await setTasks(lake, pipeline, "RESUME", [EMAIL]);
    await healthyMinutes(1);
    await round();
    await expectOneIncident("TASK_SUSPENDED", subject, "RESOLVED");
  }, 120_000);

  it("a stream nobody consumes opens one STREAM_STALE alert before it goes stale, keeps it when stale, resolves when recreated", async () => {
    const subject = "AWS_US_EAST_1/LANDING_MESSAGING_EMAIL_STREAM";
    await setTasks(lake, pipeline, "SUSPEND", [EMAIL]);
    const now = (await harness.emulator.clock.read()).epochMs;
    // stale_after = last consumption + MAX_DATA_EXTENSION_TIME_IN_DAYS (migration 5 keeps the default, 14 days):
    // 13.5 days on, it is 12 hours away (inside the 24-hour warning). Nothing lands meanwhile, so the other
    // datasets' streams (their tasks skip: no data) go stale as well; they are recreated below too.
    await harness.emulator.clock.set(now + 13.5 * DAY);
    await round();
    const warned = await expectOneIncident("STREAM_STALE", subject, "OPEN");
    expect(warned.summary).toMatch(/goes stale in/);
    await harness.emulator.clock.set(now + 14 * DAY + 2 * 3_600_000);
    await round();
    const stale = await expectOneIncident("STREAM_STALE", subject, "OPEN");
    expect(stale.summary).toMatch(/is stale/);
    // The brand sees the delay: a notice on its share and one e-mail to its owner (not per round).
    const delayed = await getShareFreshnessForRequest({
      organizationId: brand.organization.id,
      requestId: shareRequestId,
    });
    expect(delayed?.delayedSince).not.toBeNull();
    expect(delayed?.lagSeconds).toBeGreaterThan(30 * 60);
    const delayMails = () =>
      db.outboxEmail.findMany({
        where: { requestId: shareRequestId, kind: { startsWith: "share.delay_notice" } },
        select: { kind: true, to: true },
      });
    expect((await delayMails()).filter((m) => m.kind === DELAY_EMAIL_KIND.opened)).toEqual([
      { kind: DELAY_EMAIL_KIND.opened, to: brand.owner.email },
    ]);
    const sample = await db.pipelineStreamSample.findFirst({
      where: { streamName: "LANDING_MESSAGING_EMAIL_STREAM" },
      orderBy: { sampledAt: "desc" },
    });
    expect(sample?.stale).toBe(true);

    // Recovery: a stale stream cannot be read again; it is recreated and the task resumed.
    for (const key of lakeDatasetKeys()) await recreateStream(lake, pipeline, key);
    await setTasks(lake, pipeline, "RESUME", [EMAIL]);
    await healthyMinutes(2);
    await replica.execute(`ALTER REPLICATION GROUP ${GROUP} REFRESH`);
    await round();
    await expectOneIncident("STREAM_STALE", subject, "RESOLVED");
    // Recovered: the brand's notice is cleared, with one e-mail, and its audit trail says both.
    const recovered = await getShareFreshnessForRequest({
      organizationId: brand.organization.id,
      requestId: shareRequestId,
    });
    expect(recovered?.delayedSince).toBeNull();
    expect((await delayMails()).map((m) => m.kind).sort()).toEqual(
      [DELAY_EMAIL_KIND.cleared, DELAY_EMAIL_KIND.opened].sort(),
    );
    const brandEvents = await db.auditEvent.findMany({
      where: { requestId: shareRequestId, type: { startsWith: "share.delay_notice" } },
      select: { type: true, organizationId: true },
    });
    expect(brandEvents.map((e) => e.type).sort()).toEqual(["share.delay_notice_cleared", "share.delay_notice_opened"]);
    expect(brandEvents.every((e) => e.organizationId === brand.organization.id)).toBe(true);
    // The same outage also lagged freshness (one alert each region) and suspended the task: each one incident, resolved.
    // (The task's earlier suspension, in the test before, was its own incident.)
    await expectOneIncident("TASK_SUSPENDED", "AWS_US_EAST_1/LOAD_MESSAGING_EMAIL", "RESOLVED", now);
    for (const region of ["AWS_US_EAST_1", "AWS_US_WEST_2"])
      await expectOneIncident("FRESHNESS_LAG", `${region}/${LAKE}/messaging-email`, "RESOLVED", now);
  }, 120_000);

  it("a failed replication refresh opens one REPLICATION_REFRESH alert and resolves after the next good refresh", async () => {
    const subject = `AWS_US_WEST_2/${GROUP}`;
    // The primary stops allowing the replica's account: the scheduled refresh fails (and is in the history).
    await lake.execute(`ALTER REPLICATION GROUP ${GROUP} SET ALLOWED_ACCOUNTS = FLOEDATA.LAKE_EU`);
    await healthyMinutes(11);
    await round();
    await round();
    const open = await expectOneIncident("REPLICATION_REFRESH", subject, "OPEN");
    expect(open.summary).toMatch(/failed/);
    const failed = await db.pipelineRefreshSample.findFirst({ where: { groupName: GROUP, phase: "FAILED" } });
    expect(failed?.error).toBeTruthy();

    await lake.execute(`ALTER REPLICATION GROUP ${GROUP} SET ALLOWED_ACCOUNTS = FLOEDATA.REPLICA_US_WEST`);
    await healthyMinutes(10);
    await round();
    await expectOneIncident("REPLICATION_REFRESH", subject, "RESOLVED");
  }, 180_000);
});
