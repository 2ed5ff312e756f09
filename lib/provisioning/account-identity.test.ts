// One identity per consumer account, and revocation that converges, end to end: Postgres, the worker and
// the Snowflake emulator through snowflake-sdk (issue 10, bugs 2 and 4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { submitShareRequest } from "@/lib/requests/submit-share-request";
import { consumerAccountSchema } from "@/lib/snowflake/account-identifier.schema";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { brands } from "@/prisma/seed/demo-tenants";
import { approveAndProvision, revokeAndDeprovision } from "./provision-commands";
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

async function acme() {
  const organization = await db.organization.findUniqueOrThrow({
    where: { slug: "acme" },
    include: { workspaces: true },
  });
  const owner = await db.user.findUniqueOrThrow({ where: { email: brands[0].owners[0].email } });
  const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
  const web = organization.workspaces.find((w) => w.name === "Acme Web")!;
  const submit = (consumerAccount: string, extra: { datasetKeys?: string[]; pastedAccountDetails?: string } = {}) =>
    submitShareRequest({
      organizationId: organization.id,
      requestedById: owner.id,
      workspaceIds: [web.id],
      datasetKeys: extra.datasetKeys ?? ["messaging-push"],
      // Normalised the way the form's server action does (locator, ORG.ACCOUNT, ORG-ACCOUNT, any case).
      consumerAccount: consumerAccountSchema.parse(consumerAccount),
      consumerRegion: "AWS_US_EAST_1",
      includePii: false,
      pastedAccountDetails: extra.pastedAccountDetails,
    });
  return { organization, owner, manager, web, submit };
}

const readRequest = (id: string) => () => db.shareRequest.findUnique({ where: { id }, select: { state: true } });

describe("one identity per consumer account", () => {
  it("provisions a request for the locator AR40001 to ACTIVE, records its ORG.ACCOUNT name, and sees a request for ACMERETAIL.ANALYTICS as the same account", async () => {
    const { manager, web, submit } = await acme();
    const submitted = await submit("AR40001");
    await approveAndProvision({ requestId: submitted.id, approverId: manager.id });
    // Unknown by that locator, so the first run is a proof challenge; verify reads the account back as
    // ACMERETAIL.ANALYTICS, which Acme has proven, and the release run follows without a code.
    expect(await waitForRequestState(readRequest(submitted.id), ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    const proven = await db.auditEvent.findFirstOrThrow({
      where: { requestId: submitted.id, type: "request.account_proven" },
    });
    expect(proven.details).toMatchObject({ method: "EARLIER_PROOF", consumerAccount: "ACMERETAIL.ANALYTICS" });

    const request = await db.shareRequest.findUniqueOrThrow({ where: { id: submitted.id }, include: { share: true } });
    // SHOW SHARES reports the account as ORG.ACCOUNT: the request now carries that name and the locator.
    expect({ account: request.consumerAccount, locator: request.consumerLocator }).toEqual({
      account: "ACMERETAIL.ANALYTICS",
      locator: "AR40001",
    });
    expect(request.share?.consumerAccount).toBe("ACMERETAIL.ANALYTICS");
    expect(request.share?.verifyResult).toMatchObject({ missingAccounts: [], extraAccounts: [] });

    const consumer = await harness.emulator.connect("ACMERETAIL-ANALYTICS", "ADMIN");
    await consumer.execute(`CREATE DATABASE ACME_BY_LOCATOR FROM SHARE FLOEDATA.LAKE_US."${request.share!.name}"`);
    const rows = await consumer.execute<{ APP_GROUP_ID: string }>(
      "SELECT DISTINCT APP_GROUP_ID FROM ACME_BY_LOCATOR.SHARED.USERS_MESSAGES_PUSHNOTIFICATION_SEND_SHARED",
    );
    expect(rows.map((r) => r.APP_GROUP_ID)).toEqual([web.lakeWorkspaceId]);

    for (const form of ["ACMERETAIL.ANALYTICS", "acmeretail-analytics", "ar40001"]) {
      const error = await expectAppError(submit(form), { code: "CONFLICT", reason: "duplicate" });
      expect(error.details).toMatchObject({ existingRequestId: submitted.id });
    }
  });

  it("stores the pasted name for a typed locator, so duplicates are caught before anything is provisioned", async () => {
    const { submit } = await acme();
    const paste = "AR40001\tAWS_US_EAST_1\tACMERETAIL\tANALYTICS";
    const first = await submit("ar40001", { datasetKeys: ["user-behaviors"], pastedAccountDetails: paste });
    const row = await db.shareRequest.findUniqueOrThrow({ where: { id: first.id } });
    expect({ account: row.consumerAccount, locator: row.consumerLocator }).toEqual({
      account: "ACMERETAIL.ANALYTICS",
      locator: "AR40001",
    });
    const error = await expectAppError(submit("ACMERETAIL.ANALYTICS", { datasetKeys: ["user-behaviors"] }), {
      reason: "duplicate",
    });
    expect(error.details).toMatchObject({ existingRequestId: first.id });
  });
});

describe("revocation converges", () => {
  it("withdraws a failed request for an account that does not exist: REVOKED without a retry, nothing left in Snowflake", async () => {
    const { owner, organization, manager, submit } = await acme();
    const submitted = await submit("NOSUCHORG.NOSUCH_ACCOUNT", { datasetKeys: ["changelogs"] });
    await approveAndProvision({ requestId: submitted.id, approverId: manager.id });
    expect(await waitForRequestState(readRequest(submitted.id), ["ACTIVE", "FAILED", "AWAITING_PROOF"])).toBe("FAILED");
    const failed = await db.provisioningStep.findFirstOrThrow({
      where: { run: { requestId: submitted.id }, state: "FAILED" },
    });
    expect(failed).toMatchObject({ key: "add-accounts", errorCode: "002003" });

    await revokeAndDeprovision({ requestId: submitted.id, organizationId: organization.id, actorId: owner.id });
    expect(await waitForRequestState(readRequest(submitted.id), ["REVOKED", "FAILED"])).toBe("REVOKED");
    const steps = await db.provisioningStep.findMany({
      where: { run: { requestId: submitted.id, kind: "REVOKE" } },
      orderBy: { position: "asc" },
    });
    expect(steps.every((s) => s.state === "SUCCEEDED" || s.state === "SKIPPED")).toBe(true);
    const share = await db.share.findUniqueOrThrow({ where: { requestId: submitted.id } });
    const provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
    expect(await provider.execute(`SHOW SHARES LIKE '${share.name}'`)).toEqual([]);
  });

  it("revokes a share whose consumer was already removed and whose share was already dropped by hand", async () => {
    const { owner, organization, manager, submit } = await acme();
    const submitted = await submit("ACMERETAIL.ANALYTICS", { datasetKeys: ["changelogs"] });
    await approveAndProvision({ requestId: submitted.id, approverId: manager.id });
    expect(await waitForRequestState(readRequest(submitted.id), ["ACTIVE", "FAILED", "AWAITING_PROOF"])).toBe("ACTIVE");
    const share = await db.share.findUniqueOrThrow({ where: { requestId: submitted.id } });
    const provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
    await provider.execute(`ALTER SHARE "${share.name}" REMOVE ACCOUNTS = ACMERETAIL.ANALYTICS`);
    await provider.execute(`DROP SHARE "${share.name}"`);

    await revokeAndDeprovision({ requestId: submitted.id, organizationId: organization.id, actorId: owner.id });
    expect(await waitForRequestState(readRequest(submitted.id), ["REVOKED", "FAILED"])).toBe("REVOKED");
  });
});
