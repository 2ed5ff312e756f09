// Issue 10, bug 1: PII crossed share boundaries. Two requests of one brand into one consumer account (Web
// without PII, Mobile with PII) and another brand's non-PII request into the same account, provisioned
// through the real worker against the emulator and mounted by the consumer. Each mounted database must
// show exactly its own share's workspaces, and the `_ALL` (PII) views only the PII share's workspaces.
// Before the boundary (views filtered by consumer account) the Mobile share's `_ALL` view returned Web's
// and Pacific's email addresses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveAndProvision } from "@/lib/provisioning/provision-commands";
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

let harness: Harness;
let worker: WorkerHandle;
let consumer: TestConnection;

beforeAll(async () => {
  harness = await startProvisioningHarness();
  worker = await startWorker({ concurrency: 2, log: () => {} });
  consumer = await harness.emulator.connect("ACMERETAIL-ANALYTICS", "ADMIN");
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await harness?.stop();
});

const CONSUMER = "ACMERETAIL.ANALYTICS";
const REGION = "AWS_US_EAST_1";
const EMAIL_VIEW = "USERS_MESSAGES_EMAIL_SEND_SHARED";
const workspaceId = (slug: string, name: string) =>
  brands.find((b) => b.slug === slug)!.workspaces.find((w) => w.name === name)!.lakeWorkspaceId;

/** Submits as the brand's owner, approves as its account manager, waits for ACTIVE, mounts the share. */
async function shareAndMount(slug: string, workspaceName: string, includePii: boolean): Promise<string> {
  const organization = await db.organization.findUniqueOrThrow({ where: { slug }, include: { workspaces: true } });
  const owner = await db.user.findUniqueOrThrow({
    where: { email: brands.find((b) => b.slug === slug)!.owners[0].email },
  });
  const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
  // Control of the account is not what this test is about: record it as proven for every brand.
  await proveConsumerAccountForTest(db, {
    organizationId: organization.id,
    consumerAccount: CONSUMER,
    consumerRegion: REGION,
  });
  const { id } = await submitShareRequest({
    organizationId: organization.id,
    requestedById: owner.id,
    workspaceIds: organization.workspaces.filter((w) => w.name === workspaceName).map((w) => w.id),
    datasetKeys: ["messaging-email"],
    consumerAccount: CONSUMER,
    consumerRegion: REGION,
    includePii,
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
  const database = `MOUNT_${slug.toUpperCase()}_${workspaceName.replace(/\W/g, "_").toUpperCase()}`;
  await consumer.execute(`CREATE DATABASE "${database}" FROM SHARE FLOEDATA.LAKE_US."${share.name}"`);
  return database;
}

/** Workspaces a mounted view returns rows for, and how many of those rows carry an email address. */
async function read(database: string, view: string): Promise<{ workspaces: string[]; emails: number }> {
  const pii = view.endsWith("_ALL");
  const rows = await consumer.execute<{ W: string; E: number }>(
    `SELECT APP_GROUP_ID AS W, ${pii ? "COUNT(EMAIL_ADDRESS)" : "0"} AS E FROM "${database}".SHARED.${view} GROUP BY APP_GROUP_ID ORDER BY APP_GROUP_ID`,
  );
  return { workspaces: rows.map((r) => r.W), emails: rows.reduce((n, r) => n + Number(r.E), 0) };
}

describe("share boundary: every mounted share shows exactly its own rows and PII tier", () => {
  it("Acme Web without PII and Acme Mobile with PII into one account: Mobile's _ALL views do not show Web's emails", async () => {
    const web = await shareAndMount("acme", "Acme Web", false);
    const mobile = await shareAndMount("acme", "Acme Mobile", true);

    expect(await read(web, EMAIL_VIEW)).toEqual({ workspaces: [workspaceId("acme", "Acme Web")], emails: 0 });
    // The non-PII share has no _ALL view at all.
    await expect(read(web, `${EMAIL_VIEW}_ALL`)).rejects.toMatchObject({ code: "002003" });

    expect((await read(mobile, EMAIL_VIEW)).workspaces).toEqual([workspaceId("acme", "Acme Mobile")]);
    const mobilePii = await read(mobile, `${EMAIL_VIEW}_ALL`);
    expect(mobilePii.workspaces).toEqual([workspaceId("acme", "Acme Mobile")]);
    expect(mobilePii.emails).toBeGreaterThan(0);
  });

  it("Pacific without PII into an account that holds an Acme PII share: Acme's _ALL views do not show Pacific's workspace", async () => {
    const pacific = await shareAndMount("pacific", "Pacific Store", false);
    expect(await read(pacific, EMAIL_VIEW)).toEqual({
      workspaces: [workspaceId("pacific", "Pacific Store")],
      emails: 0,
    });

    const acmeMobile = "MOUNT_ACME_ACME_MOBILE";
    expect((await read(acmeMobile, `${EMAIL_VIEW}_ALL`)).workspaces).toEqual([workspaceId("acme", "Acme Mobile")]);
    expect((await read(acmeMobile, EMAIL_VIEW)).workspaces).toEqual([workspaceId("acme", "Acme Mobile")]);
  });

  it("the provider reading the shared views directly sees no rows (INVOKER_SHARE() is NULL outside a share)", async () => {
    const provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
    const rows = await provider.execute<{ N: number }>(
      `SELECT COUNT(*) AS N FROM ENGAGEMENT_LAKE_US.SHARED.${EMAIL_VIEW}_ALL`,
    );
    expect(Number(rows[0].N)).toBe(0);
    const raw = await provider.execute<{ N: number }>(
      "SELECT COUNT(*) AS N FROM ENGAGEMENT_LAKE_US.RAW.USERS_MESSAGES_EMAIL_SEND",
    );
    expect(Number(raw[0].N)).toBeGreaterThan(0);
  });
});
