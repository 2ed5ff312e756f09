// The provisioning service end to end: Postgres (isolated database), the pg-boss queue, a worker, and the
// Snowflake emulator through snowflake-sdk with key-pair auth. Consumers then mount the shares with plain
// Snowflake SQL and see exactly their entitled rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { submitShareRequest } from "@/lib/requests/submit-share-request";
import { brands } from "@/prisma/seed/demo-tenants";
import { approveAndProvision, retryAndResume, revokeAndDeprovision } from "./provision-commands";
import { startWorker, type WorkerHandle } from "./worker";
import { startProvisioningHarness, waitForRequestState, type Harness } from "./testing/provisioning-harness";

let harness: Harness;
let worker: WorkerHandle;

beforeAll(async () => {
  harness = await startProvisioningHarness();
  worker = await startWorker({ concurrency: 2, log: () => {} });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await harness?.stop();
});

async function actors(slug: string) {
  const organization = await db.organization.findUniqueOrThrow({ where: { slug }, include: { workspaces: true } });
  const owner = await db.user.findUniqueOrThrow({
    where: { email: brands.find((b) => b.slug === slug)!.owners[0].email },
  });
  const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
  return { organization, owner, manager };
}

async function submit(
  slug: string,
  input: { workspaceNames: string[]; datasetKeys: string[]; consumerAccount: string; consumerRegion: string },
) {
  const { organization, owner, manager } = await actors(slug);
  const workspaceIds = organization.workspaces.filter((w) => input.workspaceNames.includes(w.name)).map((w) => w.id);
  const submitted = await submitShareRequest({
    organizationId: organization.id,
    requestedById: owner.id,
    workspaceIds,
    datasetKeys: input.datasetKeys,
    consumerAccount: input.consumerAccount,
    consumerRegion: input.consumerRegion,
    includePii: false,
  });
  return { requestId: submitted.id, organization, manager };
}

const readRequest = (id: string) => () => db.shareRequest.findUnique({ where: { id }, select: { state: true } });

describe("provisioning against the Snowflake emulator", () => {
  it("provisions an in-region share that the consumer mounts and reads only its rows from, then revokes it", async () => {
    const { requestId, organization, manager } = await submit("acme", {
      workspaceNames: ["Acme Web", "Acme Mobile"],
      datasetKeys: ["messaging-email"],
      consumerAccount: "ACMERETAIL.ANALYTICS",
      consumerRegion: "AWS_US_EAST_1",
    });
    await approveAndProvision({ requestId, approverId: manager.id });
    expect(await waitForRequestState(readRequest(requestId), ["ACTIVE", "FAILED"])).toBe("ACTIVE");

    const share = await db.share.findUniqueOrThrow({ where: { requestId } });
    const steps = await db.provisioningStep.findMany({ where: { run: { requestId } }, orderBy: { position: "asc" } });
    expect(steps.map((s) => s.key)).toEqual([
      "create-share",
      "grant-usage",
      "grant-select",
      "grant-functions",
      "grant-erasures",
      "write-entitlements",
      "add-accounts",
      "verify",
    ]);
    expect(steps.every((s) => s.state === "SUCCEEDED" && s.queryIds.length > 0)).toBe(true);
    expect(share.verifyResult).toMatchObject({ missingGrants: [], extraGrants: [], missingAccounts: [] });

    const consumer = await harness.emulator.connect("ACMERETAIL-ANALYTICS", "ADMIN");
    await consumer.execute(`CREATE DATABASE ACME_EVENTS FROM SHARE FLOEDATA.LAKE_US."${share.name}"`);
    const rows = await consumer.execute<{ APP_GROUP_ID: string; N: number }>(
      "SELECT APP_GROUP_ID, COUNT(*) AS N FROM ACME_EVENTS.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED GROUP BY APP_GROUP_ID ORDER BY APP_GROUP_ID",
    );
    const entitled = organization.workspaces
      .filter((w) => w.name !== "Acme Europe")
      .map((w) => w.lakeWorkspaceId)
      .sort();
    expect(rows.map((r) => r.APP_GROUP_ID)).toEqual(entitled);
    expect(rows.every((r) => Number(r.N) > 0)).toBe(true);
    // Only the granted dataset is visible through the share.
    await expect(
      consumer.execute("SELECT COUNT(*) FROM ACME_EVENTS.SHARED.USERS_BEHAVIORS_PURCHASE_SHARED"),
    ).rejects.toMatchObject({ code: "002003" });

    await revokeAndDeprovision({ requestId, actorId: manager.id });
    expect(await waitForRequestState(readRequest(requestId), ["REVOKED", "FAILED"])).toBe("REVOKED");
    await expect(
      consumer.execute("SELECT COUNT(*) FROM ACME_EVENTS.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED"),
    ).rejects.toHaveProperty("code");
    const provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
    expect(await provider.execute(`SHOW SHARES LIKE '${share.name}'`)).toEqual([]);
    const left = await provider.execute<{ N: number }>(
      "SELECT COUNT(*) AS N FROM ENGAGEMENT_LAKE_US.SHARING.ENTITLEMENTS WHERE SHARE_NAME = ?",
      [share.name],
    );
    expect(Number(left[0].N)).toBe(0);
  });

  it("provisions a cross-region share through replication to the vendor's account in the consumer's region", async () => {
    const { requestId, organization, manager } = await submit("pacific", {
      workspaceNames: ["Pacific Store"],
      datasetKeys: ["user-behaviors"],
      consumerAccount: "PACIFICOUTFIT.PROD",
      consumerRegion: "AWS_US_WEST_2",
    });
    const request = await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.crossRegion).toBe(true);
    await approveAndProvision({ requestId, approverId: manager.id });
    expect(await waitForRequestState(readRequest(requestId), ["ACTIVE", "FAILED"])).toBe("ACTIVE");

    const share = await db.share.findUniqueOrThrow({ where: { requestId }, include: { providerAccount: true } });
    expect(share.providerAccount.accountName).toBe("REPLICA_US_WEST");
    const consumer = await harness.emulator.connect("PACIFICOUTFIT-PROD", "ADMIN");
    await consumer.execute(`CREATE DATABASE PACIFIC_EVENTS FROM SHARE FLOEDATA.REPLICA_US_WEST."${share.name}"`);
    const rows = await consumer.execute<{ APP_GROUP_ID: string }>(
      "SELECT DISTINCT APP_GROUP_ID FROM PACIFIC_EVENTS.SHARED.USERS_BEHAVIORS_PURCHASE_SHARED",
    );
    const store = organization.workspaces.find((w) => w.name === "Pacific Store")!;
    expect(rows.map((r) => r.APP_GROUP_ID)).toEqual([store.lakeWorkspaceId]);
  });

  it("stops at a permanent Snowflake error with its code, and an account manager's retry resumes at that step", async () => {
    const { requestId, manager } = await submit("nordlicht", {
      workspaceNames: ["Nordlicht Apps"],
      datasetKeys: ["messaging-push"],
      consumerAccount: "NORDLICHT.DWH",
      consumerRegion: "AWS_EU_CENTRAL_1",
    });
    const rule = harness.emulator.faults.add({
      kind: "snowflake_error",
      sqlPattern: "^GRANT SELECT",
      code: "003001",
      sqlState: "42501",
      message: "SQL access control error:\nInsufficient privileges to operate on view",
      times: 1,
    });
    await approveAndProvision({ requestId, approverId: manager.id });
    expect(await waitForRequestState(readRequest(requestId), ["ACTIVE", "FAILED"])).toBe("FAILED");
    const failed = await db.provisioningStep.findFirstOrThrow({ where: { run: { requestId }, state: "FAILED" } });
    expect(failed).toMatchObject({ key: "grant-select", errorCode: "003001", sqlState: "42501" });
    expect(failed.errorMessage).toContain("Insufficient privileges");
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).failureStepKey).toBe("grant-select");
    harness.emulator.faults.remove(rule.id);

    await retryAndResume({ requestId, actorId: manager.id });
    expect(await waitForRequestState(readRequest(requestId), ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    const steps = await db.provisioningStep.findMany({ where: { run: { requestId } }, orderBy: { position: "asc" } });
    // The steps before the failure ran once; the failed one ran again.
    expect(steps.find((s) => s.key === "create-share")?.attempts).toBe(1);
    expect(steps.find((s) => s.key === "grant-select")?.attempts).toBe(2);
  });
});
