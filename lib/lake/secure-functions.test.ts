// Issue 20, item 7: the secure functions of lake migration 6 through real shares. Two messaging-email shares are
// provisioned by the worker against the emulator — Acme Web into Acme's account in the lake's region, Pacific
// Store into Pacific's account in another region (over the replica) — and mounted by their consumers. Generated
// event sets (fast-check) across three workspaces (one of them never shared) are landed in RAW; each consumer's
// calls of the funnel table function and the click-rate scalar through its mount must equal the model computed
// here from the events of the workspaces entitled to that consumer account. The consumer never sees a body, the
// mount SQL's examples run, and a USAGE revoked behind Floe's back is drift that a REPAIR run re-grants.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { secureFunctions } from "@/lib/catalog/secure-functions";
import { checkShareDrift } from "@/lib/provisioning/drift/check-share-drift";
import { mountInstructions } from "@/lib/provisioning/mount-instructions";
import { approveAndProvision } from "@/lib/provisioning/provision-commands";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import { parseStoredPlan, storedProvisionPlan } from "@/lib/provisioning/stored-plan";
import {
  startProvisioningHarness,
  waitForRequestState,
  type Harness,
} from "@/lib/provisioning/testing/provisioning-harness";
import { startWorker, type WorkerHandle } from "@/lib/provisioning/worker";
import { submitShareRequest } from "@/lib/requests/submit-share-request";
import { proveConsumerAccountForTest } from "@/lib/testing/account-proofs";
import { brands } from "@/prisma/seed/demo-tenants";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";

const LAKE = "ENGAGEMENT_LAKE_US";
const STAGES = ["SEND", "DELIVERY", "OPEN", "CLICK"] as const;
const workspaceId = (slug: string, name: string) =>
  brands.find((b) => b.slug === slug)!.workspaces.find((w) => w.name === name)!.lakeWorkspaceId;
const ACME_WEB = workspaceId("acme", "Acme Web");
const ACME_MOBILE = workspaceId("acme", "Acme Mobile"); // never shared here
const PACIFIC_STORE = workspaceId("pacific", "Pacific Store");

let harness: Harness;
let worker: WorkerHandle;
let executors: ReturnType<typeof createProviderExecutors>;
let provider: TestConnection;
type Consumer = { conn: TestConnection; mount: string; requestId: string; shareName: string; workspaces: string[] };
let acme: Consumer;
let pacific: Consumer;

async function shareAndMount(
  slug: string,
  workspaceName: string,
  account: { id: string; region: string; login: string; providerRef: string },
): Promise<Consumer> {
  const organization = await db.organization.findUniqueOrThrow({ where: { slug }, include: { workspaces: true } });
  const owner = await db.user.findUniqueOrThrow({
    where: { email: brands.find((b) => b.slug === slug)!.owners[0].email },
  });
  const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
  await proveConsumerAccountForTest(db, {
    organizationId: organization.id,
    consumerAccount: account.id,
    consumerRegion: account.region,
  });
  const { id } = await submitShareRequest({
    organizationId: organization.id,
    requestedById: owner.id,
    workspaceIds: organization.workspaces.filter((w) => w.name === workspaceName).map((w) => w.id),
    datasetKeys: ["messaging-email"],
    consumerAccount: account.id,
    consumerRegion: account.region,
    includePii: false,
  });
  await approveAndProvision({ requestId: id, approverId: manager.id });
  const read = () => db.shareRequest.findUnique({ where: { id }, select: { state: true } });
  const state = await waitForRequestState(read, ["ACTIVE", "FAILED"]);
  const failed = await db.provisioningStep.findFirst({
    where: { run: { requestId: id }, state: "FAILED" },
    select: { key: true, errorCode: true, errorMessage: true },
  });
  expect({ state, failed }).toEqual({ state: "ACTIVE", failed: null });
  const share = await db.share.findUniqueOrThrow({ where: { requestId: id } });
  const conn = await harness.emulator.connect(account.login, "ADMIN");
  const mount = `FN_${slug.toUpperCase()}`;
  await conn.execute(`CREATE DATABASE ${mount} FROM SHARE ${account.providerRef}."${share.name}"`);
  return { conn, mount, requestId: id, shareName: share.name, workspaces: [workspaceId(slug, workspaceName)] };
}

type Event = { stage: (typeof STAGES)[number]; workspace: string; campaign: string; user: number; offset: number };
type FunnelRow = {
  APP_GROUP_ID: string;
  CAMPAIGN_ID: string;
  SENT: number;
  DELIVERED: number;
  OPENED: number;
  CLICKED: number;
};

const eventArb = fc.record({
  stage: fc.constantFrom(...STAGES),
  workspace: fc.constantFrom(ACME_WEB, ACME_MOBILE, PACIFIC_STORE),
  campaign: fc.constantFrom("C1", "C2"),
  user: fc.integer({ min: 1, max: 4 }),
  // Some events fall outside the window [start, start + 100).
  offset: fc.integer({ min: -20, max: 120 }),
});

/** The funnel the function must return for a consumer entitled to `workspaces`, from the generated events. */
function modelFunnel(events: Event[], workspaces: string[], tag: string): FunnelRow[] {
  const inWindow = events.filter((e) => workspaces.includes(e.workspace) && e.offset >= 0 && e.offset < 100);
  const keys = [...new Set(inWindow.map((e) => `${e.workspace}|${e.campaign}`))].sort();
  return keys.map((k) => {
    const [w, c] = k.split("|");
    const users = (stage: Event["stage"]) =>
      new Set(inWindow.filter((e) => e.workspace === w && e.campaign === c && e.stage === stage).map((e) => e.user))
        .size;
    return {
      APP_GROUP_ID: w,
      CAMPAIGN_ID: `${tag}${c}`,
      SENT: users("SEND"),
      DELIVERED: users("DELIVERY"),
      OPENED: users("OPEN"),
      CLICKED: users("CLICK"),
    };
  });
}

function modelClickRate(events: Event[], workspaces: string[], campaign: string): number | null {
  const of = (stage: Event["stage"]) =>
    new Set(
      events
        .filter((e) => workspaces.includes(e.workspace) && e.campaign === campaign && e.stage === stage)
        .filter((e) => e.offset >= 0 && e.offset < 100)
        .map((e) => e.user),
    ).size;
  const delivered = of("DELIVERY");
  return delivered === 0 ? null : of("CLICK") / delivered;
}

async function funnelOf(c: Consumer, start: number, tag: string): Promise<FunnelRow[]> {
  const rows = await c.conn.execute<Record<string, unknown>>(
    `SELECT APP_GROUP_ID, CAMPAIGN_ID, SENT_USERS, DELIVERED_USERS, OPENED_USERS, CLICKED_USERS FROM TABLE(${c.mount}.SHARED.EMAIL_CAMPAIGN_FUNNEL(?, ?)) WHERE CAMPAIGN_ID LIKE ? ORDER BY APP_GROUP_ID, CAMPAIGN_ID`,
    [start, start + 100, `${tag}%`],
  );
  return rows.map((r) => ({
    APP_GROUP_ID: String(r.APP_GROUP_ID),
    CAMPAIGN_ID: String(r.CAMPAIGN_ID),
    SENT: Number(r.SENT_USERS),
    DELIVERED: Number(r.DELIVERED_USERS),
    OPENED: Number(r.OPENED_USERS),
    CLICKED: Number(r.CLICKED_USERS),
  }));
}

async function clickRateOf(c: Consumer, campaign: string, start: number): Promise<number | null> {
  const [row] = await c.conn.execute<{ R: number | null }>(`SELECT ${c.mount}.SHARED.EMAIL_CLICK_RATE(?, ?, ?) AS R`, [
    campaign,
    start,
    start + 100,
  ]);
  return row.R === null ? null : Number(row.R);
}

beforeAll(async () => {
  harness = await startProvisioningHarness();
  worker = await startWorker({ concurrency: 2, log: () => {} });
  executors = createProviderExecutors();
  provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  acme = await shareAndMount("acme", "Acme Web", {
    id: "ACMERETAIL.ANALYTICS",
    region: "AWS_US_EAST_1",
    login: "ACMERETAIL-ANALYTICS",
    providerRef: "FLOEDATA.LAKE_US",
  });
  pacific = await shareAndMount("pacific", "Pacific Store", {
    id: "PACIFICOUTFIT.PROD",
    region: "AWS_US_WEST_2",
    login: "PACIFICOUTFIT-PROD",
    providerRef: "FLOEDATA.REPLICA_US_WEST",
  });
}, 240_000);

afterAll(async () => {
  await acme?.conn.close();
  await pacific?.conn.close();
  await worker?.stop();
  await executors?.close();
  await harness?.stop();
});

describe("secure functions in shares", () => {
  it("the plan granted USAGE on both functions to each share, in its own step", async () => {
    for (const c of [acme, pacific]) {
      const run = await db.provisioningRun.findFirstOrThrow({ where: { requestId: c.requestId, kind: "PROVISION" } });
      const plan = parseStoredPlan(run.plan);
      const step = plan.steps.find((s) => s.key === "grant-functions")!;
      expect(step.statements.map((s) => s.sql)).toEqual([
        `GRANT USAGE ON FUNCTION "${LAKE}"."SHARED"."EMAIL_CAMPAIGN_FUNNEL"(NUMBER, NUMBER) TO SHARE "${c.shareName}"`,
        `GRANT USAGE ON FUNCTION "${LAKE}"."SHARED"."EMAIL_CLICK_RATE"(VARCHAR, NUMBER, NUMBER) TO SHARE "${c.shareName}"`,
      ]);
    }
  });

  it("each consumer's calls return exactly the rows of the workspaces entitled to its account (generated events)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 24 }), async (events) => {
        run += 1;
        // Far from the seed's events and from other runs: a window and a campaign prefix of this run's own.
        const start = 4_000_000_000 + run * 1_000;
        const tag = `FNT${run}_`;
        for (const stage of STAGES) {
          const rows = events.filter((e) => e.stage === stage);
          if (rows.length === 0) continue;
          await provider.execute(
            `INSERT INTO ${LAKE}.RAW.USERS_MESSAGES_EMAIL_${stage} (ID, USER_ID, APP_GROUP_ID, TIME, CAMPAIGN_ID) VALUES ${rows.map(() => "(?, ?, ?, ?, ?)").join(", ")}`,
            rows.flatMap((e, k) => [
              `${tag}${stage}${k}`,
              `U${e.user}`,
              e.workspace,
              start + e.offset,
              `${tag}${e.campaign}`,
            ]),
          );
        }
        // Pacific reads the replica: the new events reach it with a refresh, as they would on schedule.
        const replica = await harness.emulator.connect("FLOEDATA-REPLICA_US_WEST", "ADMIN");
        try {
          const [group] = await replica.execute<{ name: string }>("SHOW REPLICATION GROUPS");
          await replica.execute(`ALTER REPLICATION GROUP ${group.name} REFRESH`);
        } finally {
          await replica.close();
        }
        expect(await funnelOf(acme, start, tag)).toEqual(modelFunnel(events, acme.workspaces, tag));
        expect(await funnelOf(pacific, start, tag)).toEqual(modelFunnel(events, pacific.workspaces, tag));
        for (const c of [acme, pacific])
          for (const campaign of ["C1", "C2"]) {
            const rate = await clickRateOf(c, `${tag}${campaign}`, start);
            const model = modelClickRate(events, c.workspaces, campaign);
            if (model === null) expect(rate).toBeNull();
            else expect(rate).toBeCloseTo(model, 9);
          }
      }),
      { numRuns: 6 },
    );
  }, 240_000);

  it("the provider calling the functions directly sees nothing: no entitlement names its own account", async () => {
    const rows = await provider.execute(`SELECT * FROM TABLE(${LAKE}.SHARED.EMAIL_CAMPAIGN_FUNNEL(0, 9999999999))`);
    expect(rows).toEqual([]);
  });

  it("the consumer sees each function's signature but never its body (SHOW, DESCRIBE, INFORMATION_SCHEMA, GET_DDL)", async () => {
    const c = acme.conn;
    const shown = await c.execute<{ name: string; is_secure: string; is_table_function: string }>(
      `SHOW USER FUNCTIONS IN SCHEMA ${acme.mount}.SHARED`,
    );
    expect(shown.map((f) => [f.name, f.is_secure, f.is_table_function]).sort()).toEqual([
      ["EMAIL_CAMPAIGN_FUNNEL", "Y", "Y"],
      ["EMAIL_CLICK_RATE", "Y", "N"],
    ]);
    for (const f of secureFunctions) {
      const types = f.args.map((a) => a.type).join(", ");
      const described = JSON.stringify(await c.execute(`DESCRIBE FUNCTION ${acme.mount}.SHARED.${f.name}(${types})`));
      expect(described).not.toContain("ENTITLEMENTS");
      expect(described).not.toContain("CURRENT_ACCOUNT");
      const info = await c.execute<{ FUNCTION_DEFINITION: string | null }>(
        `SELECT FUNCTION_DEFINITION FROM ${acme.mount}.INFORMATION_SCHEMA.FUNCTIONS WHERE FUNCTION_NAME = ?`,
        [f.name],
      );
      expect(info).toEqual([{ FUNCTION_DEFINITION: null }]);
      const ddl = await c
        .execute(`SELECT GET_DDL('FUNCTION', '${acme.mount}.SHARED.${f.name}(${types})') AS D`)
        .then((r) => JSON.stringify(r))
        .catch((e: Error) => e.message);
      expect(ddl).not.toContain("ENTITLEMENTS");
    }
    // The owner does see it: the body is there, only hidden.
    const owner = await provider.execute<{ property: string; value: string }>(
      `DESCRIBE FUNCTION ${LAKE}.SHARED.EMAIL_CLICK_RATE(VARCHAR, NUMBER, NUMBER)`,
    );
    expect(owner.find((r) => r.property === "body")?.value).toContain("ENTITLEMENTS");
  });

  it("the mount SQL's sample queries include each function's example, and they run through the mount", async () => {
    const run = await db.provisioningRun.findFirstOrThrow({ where: { requestId: acme.requestId, kind: "PROVISION" } });
    const m = mountInstructions({ plan: storedProvisionPlan(run.plan)!, consumer: { localDatabase: acme.mount } });
    const examples = secureFunctions.map((f) => f.example(acme.mount));
    expect(m.sampleQueries).toEqual(expect.arrayContaining(examples));
    expect(m.sql).toContain("EMAIL_CAMPAIGN_FUNNEL, EMAIL_CLICK_RATE");
    for (const q of examples) await acme.conn.execute(q.replace(/;$/, ""));
  });

  it("a USAGE revoked behind Floe's back is drift: detected, re-granted by a REPAIR run, callable again", async () => {
    await provider.execute(
      `REVOKE USAGE ON FUNCTION ${LAKE}.SHARED.EMAIL_CLICK_RATE(VARCHAR, NUMBER, NUMBER) FROM SHARE "${acme.shareName}"`,
    );
    await expect(clickRateOf(acme, "C1", 0)).rejects.toHaveProperty("code");
    const result = await checkShareDrift({ requestId: acme.requestId, executors, actor: { type: "SYSTEM" } });
    expect(result.report?.repairable).toEqual([
      { part: "grant", detail: `missing grant USAGE ON FUNCTION ${LAKE}.SHARED.EMAIL_CLICK_RATE` },
    ]);
    expect(result.outcome.status).toBe("repairing");
    const runId = (result.outcome as { runId: string }).runId;
    const deadline = Date.now() + 60_000;
    let state = "";
    while (Date.now() < deadline && !["SUCCEEDED", "FAILED", "CANCELLED"].includes(state)) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await db.provisioningRun.findUniqueOrThrow({ where: { id: runId } })).state;
    }
    expect(state).toBe("SUCCEEDED");
    const steps = await db.provisioningStep.findMany({ where: { runId }, orderBy: { position: "asc" } });
    expect(steps.map((s) => `${s.key}:${s.state}`)).toEqual(["grant-functions:SUCCEEDED", "verify:SUCCEEDED"]);
    expect(await clickRateOf(acme, "C1", 0)).toBeNull();
    const after = await checkShareDrift({ requestId: acme.requestId, executors, actor: { type: "SYSTEM" } });
    expect(after.outcome).toEqual({ status: "clean" });
  }, 120_000);
});
