import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { proveConsumerAccountForTest } from "../lib/testing/account-proofs";
import { EventGenerator } from "../lib/lake/ingest/events";
import { landingInserts } from "../lib/lake/ingest/landing-insert";
import { pipelineObjectsFor, pipelineSchema } from "../lib/lake/pipeline-objects";
import type snowflake from "snowflake-sdk";
import { createTestBrand, testDb } from "./support/database";
import { connectConsumer, emulatorAdmin } from "./support/emulator";
import { approveRequest, submitRequest } from "./support/lifecycle";
import { expectFitsPhone, expectNoAxeViolations, PHONE } from "./support/page-checks";
import { signIn } from "./support/sign-in";

// The console's Pipeline page and what a brand sees of the pipeline, in a real browser against the real
// server and worker. The samples are written to Postgres here (the page reads only Postgres; sampling them
// from Snowflake is proven by lib/pipeline-health/pipeline-faults.test.ts under the emulator's clock), in
// the EU lake's user-behaviors dataset, which no other browser test shares. The worker's sampler runs on its
// own schedule meanwhile, against the seeded EU lake's real pipeline (lake migration 5; the seed leaves its
// tasks suspended, this file resumes user-behaviors'): so the lake is given data the sampler agrees with —
// an event of the brand's workspace 47 minutes old lands through the landing table and the task moves it —
// and the worker's own rounds find the dataset behind its SLO and keep the FRESHNESS_LAG alert open (it may
// open it before this file does: then that is the alert). Recovery is real too: a current event lands, the
// task moves it, and the worker's next round resolves the alert and clears the brand's notice.

const REGION = "AWS_EU_CENTRAL_1";
const LAKE = "ENGAGEMENT_LAKE_EU";
const DATASET = "user-behaviors";
const SUBJECT = `${REGION}/${LAKE}/${DATASET}`;

test.describe.configure({ mode: "serial", timeout: 300_000 });

let orgSlug: string;
let ownerEmail: string;
let requestId: string;
let shareId: string;
let lakeWorkspaceId: string;
const loadTask = `${LAKE}.${pipelineSchema}.${pipelineObjectsFor(DATASET).task}`;

/** Lands one user-behaviors event of the brand's workspace in the EU lake, `agoMs` before the emulator's now. */
async function landEvent(agoMs: number) {
  const lake = await connectConsumer("FLOEDATA-LAKE_EU");
  const at = new Date((await emulatorAdmin().clock.read()).epochMs - agoMs);
  const events = new EventGenerator({ workspaces: [lakeWorkspaceId], seed: 16 + agoMs, datasetKeys: [DATASET] });
  for (const insert of landingInserts(LAKE, [events.next(at)])) {
    const statement = insert.toStatement();
    await lake.run(statement.sql, undefined, statement.binds as snowflake.Binds);
  }
  await lake.run(`ALTER TASK ${loadTask} RESUME`);
  await lake.close();
}

/** Creates a row unless the worker's own round created the same one first (a partial unique index says so). */
async function createUnlessOpen<T>(create: () => Promise<T>, find: () => Promise<T | null>): Promise<T> {
  const existing = await find();
  if (existing) return existing;
  try {
    return await create();
  } catch (error) {
    const found = (error as { code?: string }).code === "P2002" ? await find() : null;
    if (found) return found;
    throw error;
  }
}
let lagAlertId: string;
let taskAlertId: string;
const taskName = `LOAD_E2E_${randomBytes(3).toString("hex").toUpperCase()}`;

test.beforeAll(async () => {
  // Provisioning a real share through the worker: well past the default 30-second hook timeout on a busy machine.
  test.setTimeout(300_000);
  const db = testDb();
  const brand = await createTestBrand({
    slugPrefix: "pipeline",
    workspaces: [{ name: "Europe", region: REGION }],
    members: [{ role: "OWNER" }],
    datasetKeys: [DATASET],
  });
  orgSlug = brand.organization.slug;
  ownerEmail = brand.owner.email;
  const pair = { organizationId: brand.organization.id, consumerAccount: "NORDLICHT.DWH", consumerRegion: REGION };
  await proveConsumerAccountForTest(db, pair);
  const request = await submitRequest({
    ...pair,
    requestedById: brand.owner.id,
    workspaceIds: brand.workspaces.map((w) => w.id),
    datasetKeys: [DATASET],
    includePii: false,
  });
  requestId = request.id;
  await approveRequest(requestId);
  await expect
    .poll(async () => (await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).state, {
      timeout: 180_000,
    })
    .toBe("ACTIVE");
  shareId = (await db.share.findUniqueOrThrow({ where: { requestId } })).id;

  const account = await db.providerAccount.findUniqueOrThrow({ where: { region: REGION } });
  const now = Date.now();
  lakeWorkspaceId = brand.workspaces[0].lakeWorkspaceId;
  await landEvent(47 * 60_000);
  // An hour of samples, the lag growing from 2 to 47 minutes (above the 30-minute SLO at the end).
  await db.pipelineFreshnessSample.createMany({
    data: Array.from({ length: 10 }, (_, i) => {
      const measuredAt = new Date(now - (9 - i) * 6 * 60_000);
      const lag = (2 + i * 5) * 60_000;
      return {
        providerAccountId: account.id,
        region: REGION,
        lakeDatabase: LAKE,
        datasetKey: DATASET,
        lakeWorkspaceId,
        measuredAt,
        latestEventAt: new Date(measuredAt.getTime() - lag),
        loadedAt: new Date(measuredAt.getTime() - lag),
        lagSeconds: lag / 1000,
      };
    }),
  });
  // Three failed runs in a row: the rule holds, so the worker's own rounds keep this alert open.
  await db.pipelineTaskRun.createMany({
    data: [3, 2, 1].map((m) => ({
      providerAccountId: account.id,
      region: REGION,
      datasetKey: DATASET,
      taskName,
      state: "FAILED",
      errorCode: "2003",
      errorMessage: "SQL compilation error: Object 'ENGAGEMENT_LAKE_EU.PIPELINE.NO_SUCH_TABLE' does not exist.",
      scheduledAt: new Date(now - m * 60_000),
    })),
  });
  lagAlertId = (
    await createUnlessOpen(
      () =>
        db.pipelineAlert.create({
          data: {
            rule: "FRESHNESS_LAG",
            subject: SUBJECT,
            providerAccountId: account.id,
            region: REGION,
            datasetKey: DATASET,
            summary: `${DATASET} in ${REGION} is 47 min behind (SLO 30 min)`,
            details: { lakeDatabase: LAKE, lagMinutes: 47, sloMinutes: 30 },
          },
        }),
      () =>
        db.pipelineAlert.findFirst({ where: { rule: "FRESHNESS_LAG", subject: SUBJECT, state: { not: "RESOLVED" } } }),
    )
  ).id;
  taskAlertId = (
    await db.pipelineAlert.create({
      data: {
        rule: "TASK_FAILING",
        subject: `${REGION}/${taskName}`,
        providerAccountId: account.id,
        region: REGION,
        datasetKey: DATASET,
        summary: `Task ${taskName} in ${REGION} failed 3 times in a row`,
        details: { task: taskName, error: "SQL compilation error: Object 'NO_SUCH_TABLE' does not exist." },
      },
    })
  ).id;
  await createUnlessOpen(
    () => db.shareDelayNotice.create({ data: { shareId, organizationId: brand.organization.id, lagSeconds: 47 * 60 } }),
    () => db.shareDelayNotice.findFirst({ where: { shareId, resolvedAt: null } }),
  );
});

test.afterAll(async () => {
  // The seed's state again: the EU task suspended.
  const lake = await connectConsumer("FLOEDATA-LAKE_EU");
  await lake.run(`ALTER TASK ${loadTask} SUSPEND`);
  await lake.close();
  // Leave no open alert behind for other tests' pages.
  await testDb().pipelineAlert.updateMany({
    where: { id: { in: [lagAlertId, taskAlertId].filter(Boolean) }, state: { not: "RESOLVED" } },
    data: { state: "RESOLVED", resolvedAt: new Date() },
  });
});

test("the Pipeline page: state, failures with Snowflake's text, the chart and its table, alerts acknowledged; axe clean, fits a phone", async ({
  page,
}) => {
  await signIn(page, "amelia@floe.example");
  await page.goto("/console");
  await page.getByRole("link", { name: "Pipeline" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pipeline" })).toBeVisible();

  const alerts = page.getByRole("list", { name: "Pipeline alerts" });
  const taskAlert = alerts.getByTestId("pipeline-alert").filter({ hasText: taskName });
  await expect(taskAlert).toContainText("failed 3 times in a row");
  await expect(taskAlert).toContainText("NO_SUCH_TABLE");
  const row = page.getByTestId("pipeline-row").filter({ hasText: LAKE }).filter({ hasText: "App sessions" }).first();
  // The planted 47 minutes, or the worker's own newer measurement (the seed's events, or the 47-minute-old one).
  await expect(row).toContainText(/(\d+ min|\d+\.\d h) behind/);
  await expect(page.getByRole("img", { name: "Freshness lag over time" })).toBeVisible();
  await page.getByText("Freshness samples as a table").click();
  await expect(page.getByRole("group", { name: "Freshness lag samples" })).toContainText("47 min");

  await expectNoAxeViolations(page, "console pipeline");
  await page.setViewportSize(PHONE);
  await expectFitsPhone(page, "console pipeline", taskAlert.getByRole("button", { name: "Acknowledge" }));

  await taskAlert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(taskAlert).toContainText("Acknowledged");
  await expect(taskAlert).toContainText("acknowledged by");
  await expect(taskAlert.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  const audit = await testDb().auditEvent.findFirst({
    where: { type: "pipeline.alert_acknowledged", details: { path: ["alertId"], equals: taskAlertId } },
  });
  expect(audit?.actorId).toBeTruthy();
});

test("a brand sees 'data current as of' on its share and a delay notice that clears on recovery", async ({ page }) => {
  await signIn(page, ownerEmail);
  await page.goto(`/o/${orgSlug}/requests/${requestId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Share request" })).toBeVisible();
  // The planted 47 minutes, or the worker's newer measurement of the same event (a few minutes more).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("share-freshness")).toContainText("Data current as of", { timeout: 5_000 });
    await expect(page.getByTestId("share-freshness")).toContainText(/\b(4[7-9]|[5-9]\d) min behind/, {
      timeout: 5_000,
    });
  }).toPass({ timeout: 150_000 });
  await expect(page.getByTestId("share-delay-notice")).toBeVisible();
  await expectNoAxeViolations(page, "brand request with delay notice");

  // Recovery: an event of the brand's workspace lands in the EU lake (as the Kafka connector lands it) and the
  // dataset's load task is resumed; it moves the event within a minute, so the worker's next round measures
  // the dataset as fresh, resolves the alert itself and clears the notice (and mails the owner).
  await landEvent(0);
  await expect
    .poll(async () => (await testDb().pipelineAlert.findUniqueOrThrow({ where: { id: lagAlertId } })).state, {
      timeout: 180_000,
    })
    .toBe("RESOLVED");
  await expect
    .poll(async () => (await testDb().shareDelayNotice.findFirst({ where: { shareId } }))?.resolvedAt ?? null, {
      timeout: 150_000,
    })
    .not.toBeNull();
  await page.reload();
  await expect(page.getByTestId("share-freshness")).toContainText("Data current as of");
  await expect(page.getByTestId("share-delay-notice")).toHaveCount(0);
  const mails = await testDb().outboxEmail.findMany({ where: { requestId, kind: "share.delay_notice_cleared" } });
  expect(mails.map((m) => m.to)).toEqual([ownerEmail]);
});
