// Proof of account control end to end (issue 10): Postgres, the worker, and the Snowflake emulator through
// snowflake-sdk. A share into an account the brand has not proven carries nothing but a one-time code until
// the brand enters it; a wrong code changes nothing; a waiver (staff, with a reason) releases it too; a
// proven pair skips the step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { submitShareRequest } from "@/lib/requests/submit-share-request";
import { PROOF_MAX_FAILED_ATTEMPTS } from "@/lib/requests/prove-account-control";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { brands } from "@/prisma/seed/demo-tenants";
import { approveAndProvision, proveAndRelease, revokeAndDeprovision, waiveAndRelease } from "./provision-commands";
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

const readRequest = (id: string) => () => db.shareRequest.findUnique({ where: { id }, select: { state: true } });
const settle = (id: string, states = ["AWAITING_PROOF", "ACTIVE", "FAILED"]) =>
  waitForRequestState(readRequest(id), states);

/** Acme shares its Europe workspace into Nordlicht's account (EU, in-region): a pair Acme never proved. */
async function acmeIntoNordlicht(datasetKey: string) {
  const organization = await db.organization.findUniqueOrThrow({
    where: { slug: "acme" },
    include: { workspaces: true },
  });
  const owner = await db.user.findUniqueOrThrow({ where: { email: brands[0].owners[0].email } });
  const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
  const europe = organization.workspaces.find((w) => w.name === "Acme Europe")!;
  const submitted = await submitShareRequest({
    organizationId: organization.id,
    requestedById: owner.id,
    workspaceIds: [europe.id],
    datasetKeys: [datasetKey],
    consumerAccount: "NORDLICHT.DWH",
    consumerRegion: "AWS_EU_CENTRAL_1",
    includePii: false,
  });
  await approveAndProvision({ requestId: submitted.id, approverId: manager.id });
  return { requestId: submitted.id, organization, owner, manager, europe };
}

async function mountAsNordlicht(requestId: string, database: string) {
  const share = await db.share.findUniqueOrThrow({ where: { requestId } });
  const consumer = await harness.emulator.connect("NORDLICHT-DWH", "ADMIN");
  await consumer.execute(`CREATE DATABASE ${database} FROM SHARE FLOEDATA.LAKE_EU."${share.name}"`);
  return { consumer, share };
}

describe("proof of account control", () => {
  it("stops with only a code in the account; a wrong code changes nothing; the right code releases the rows; the pair is then proven", async () => {
    const { requestId, organization, owner, europe } = await acmeIntoNordlicht("changelogs");
    expect(await settle(requestId)).toBe("AWAITING_PROOF");
    const steps = await db.provisioningStep.findMany({
      where: { run: { requestId } },
      orderBy: { position: "asc" },
      select: { key: true },
    });
    expect(steps.map((s) => s.key)).toEqual([
      "create-share",
      "grant-usage",
      "grant-select",
      "grant-erasures",
      "write-proof-code",
      "add-accounts",
      "verify",
    ]);
    // Postgres keeps a hash only; the code itself is nowhere in the run's rows.
    const challenge = await db.accountProofChallenge.findUniqueOrThrow({ where: { requestId } });
    expect(challenge.codeHash).toMatch(/^[0-9a-f]{64}$/);

    const { consumer, share } = await mountAsNordlicht(requestId, "ACME_PROOF");
    const codes = await consumer.execute<{ CODE: string }>("SELECT CODE FROM ACME_PROOF.SHARED.FLOE_ACCOUNT_PROOF");
    expect(codes).toHaveLength(1);
    const code = codes[0].CODE;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const stored = await db.provisioningStep.findMany({
      where: { run: { requestId } },
      select: { sql: true, binds: true, errorMessage: true },
    });
    expect(JSON.stringify(stored)).not.toContain(code);
    const runs = await db.provisioningRun.findMany({ where: { requestId }, select: { plan: true } });
    expect(JSON.stringify(runs)).not.toContain(code);
    // Nothing but the code reached the account: the dataset view shows no row.
    expect(await consumer.execute("SELECT * FROM ACME_PROOF.SHARED.CHANGELOGS_CAMPAIGN_SHARED")).toEqual([]);

    const wrong = await expectAppError(
      proveAndRelease({ requestId, organizationId: organization.id, actorId: owner.id, code: "AAAA-BBBB-CCCC" }),
      { code: "INVALID_INPUT", reason: "wrong_code" },
    );
    expect(wrong.message).toMatch(/not right/);
    expect((await db.accountProofChallenge.findUniqueOrThrow({ where: { requestId } })).failedAttempts).toBe(1);
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("AWAITING_PROOF");
    expect(await consumer.execute("SELECT * FROM ACME_PROOF.SHARED.CHANGELOGS_CAMPAIGN_SHARED")).toEqual([]);

    // Typed in lower case without hyphens: still the code.
    await proveAndRelease({
      requestId,
      organizationId: organization.id,
      actorId: owner.id,
      code: code.replace(/-/g, "").toLowerCase(),
    });
    expect(await settle(requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    const rows = await consumer.execute<{ APP_GROUP_ID: string }>(
      "SELECT DISTINCT APP_GROUP_ID FROM ACME_PROOF.SHARED.CHANGELOGS_CAMPAIGN_SHARED",
    );
    expect(rows.map((r) => r.APP_GROUP_ID)).toEqual([europe.lakeWorkspaceId]);
    // The code is gone from the lake and from Postgres; the pair is proven.
    expect(await consumer.execute("SELECT CODE FROM ACME_PROOF.SHARED.FLOE_ACCOUNT_PROOF")).toEqual([]);
    const provider = await harness.emulator.connect("FLOEDATA-LAKE_EU", "ADMIN");
    const left = await provider.execute<{ N: number }>(
      "SELECT COUNT(*) AS N FROM ENGAGEMENT_LAKE_EU.SHARING.ACCOUNT_PROOFS WHERE SHARE_NAME = ?",
      [share.name],
    );
    expect(Number(left[0].N)).toBe(0);
    expect(await db.accountProofChallenge.findUnique({ where: { requestId } })).toBeNull();
    expect(
      await db.consumerAccountProof.findFirst({
        where: { organizationId: organization.id, consumerAccount: "NORDLICHT.DWH" },
      }),
    ).toMatchObject({ method: "CODE", actorId: owner.id, requestId });
    const types = (
      await db.auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" }, select: { type: true } })
    ).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "request.proof_code_issued",
        "request.awaiting_proof",
        "request.proof_failed",
        "request.account_proven",
        "request.active",
      ]),
    );

    // A later share into the same proven account skips the step.
    const next = await acmeIntoNordlicht("user-behaviors");
    expect(await settle(next.requestId)).toBe("ACTIVE");
    const nextSteps = await db.provisioningStep.findMany({
      where: { run: { requestId: next.requestId } },
      select: { key: true },
    });
    expect(nextSteps.map((s) => s.key)).not.toContain("write-proof-code");
  });

  it("locks code entry after too many wrong codes, and refuses viewers, other brands and requests not waiting for a code", async () => {
    // Independent of the test above, which proves this pair.
    const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    await db.consumerAccountProof.deleteMany({ where: { organizationId: acme.id, consumerAccount: "NORDLICHT.DWH" } });
    const { requestId, organization, owner } = await acmeIntoNordlicht("messaging-push");
    expect(await settle(requestId)).toBe("AWAITING_PROOF");
    const viewer = await db.user.findUniqueOrThrow({ where: { email: brands[0].viewers[0].email } });
    await expectAppError(
      proveAndRelease({ requestId, organizationId: organization.id, actorId: viewer.id, code: "AAAA-BBBB-CCCC" }),
      { code: "FORBIDDEN" },
    );
    const nordlicht = await db.organization.findUniqueOrThrow({ where: { slug: "nordlicht" } });
    await expectAppError(
      proveAndRelease({ requestId, organizationId: nordlicht.id, actorId: owner.id, code: "AAAA-BBBB-CCCC" }),
      { code: "NOT_FOUND" },
    );
    for (let i = 1; i < PROOF_MAX_FAILED_ATTEMPTS; i++) {
      await expectAppError(
        proveAndRelease({ requestId, organizationId: organization.id, actorId: owner.id, code: "AAAA-BBBB-CCCC" }),
        { reason: "wrong_code" },
      );
    }
    const last = await expectAppError(
      proveAndRelease({ requestId, organizationId: organization.id, actorId: owner.id, code: "AAAA-BBBB-CCCC" }),
      { reason: "wrong_code" },
    );
    expect(last.message).toMatch(/last try/);
    // Locked: even the right code is refused for now.
    const share = await db.share.findUniqueOrThrow({ where: { requestId } });
    const provider = await harness.emulator.connect("FLOEDATA-LAKE_EU", "ADMIN");
    const [row] = await provider.execute<{ CODE: string }>(
      "SELECT CODE FROM ENGAGEMENT_LAKE_EU.SHARING.ACCOUNT_PROOFS WHERE SHARE_NAME = ?",
      [share.name],
    );
    await expectAppError(
      proveAndRelease({ requestId, organizationId: organization.id, actorId: owner.id, code: row.CODE }),
      { code: "RATE_LIMITED", reason: "proof_locked" },
    );
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("AWAITING_PROOF");

    // Withdrawing instead: the share and the code go, the request ends REVOKED.
    await revokeAndDeprovision({ requestId, organizationId: organization.id, actorId: owner.id });
    expect(await settle(requestId, ["REVOKED", "FAILED"])).toBe("REVOKED");
    const left = await provider.execute<{ N: number }>(
      "SELECT COUNT(*) AS N FROM ENGAGEMENT_LAKE_EU.SHARING.ACCOUNT_PROOFS WHERE SHARE_NAME = ?",
      [share.name],
    );
    expect(Number(left[0].N)).toBe(0);
    await expectAppError(
      proveAndRelease({ requestId, organizationId: organization.id, actorId: owner.id, code: row.CODE }),
      { code: "INVALID_STATE" },
    );
  });

  it("releases a second request waiting for the same account once the first one's code proves it (worker sweep)", async () => {
    const acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    await db.consumerAccountProof.deleteMany({ where: { organizationId: acme.id, consumerAccount: "NORDLICHT.DWH" } });
    const first = await acmeIntoNordlicht("messaging-email");
    const second = await acmeIntoNordlicht("messaging-push");
    expect([await settle(first.requestId), await settle(second.requestId)]).toEqual([
      "AWAITING_PROOF",
      "AWAITING_PROOF",
    ]);
    const share = await db.share.findUniqueOrThrow({ where: { requestId: first.requestId } });
    const provider = await harness.emulator.connect("FLOEDATA-LAKE_EU", "ADMIN");
    const [row] = await provider.execute<{ CODE: string }>(
      "SELECT CODE FROM ENGAGEMENT_LAKE_EU.SHARING.ACCOUNT_PROOFS WHERE SHARE_NAME = ?",
      [share.name],
    );
    await proveAndRelease({
      requestId: first.requestId,
      organizationId: first.organization.id,
      actorId: first.owner.id,
      code: row.CODE,
    });
    expect(await settle(first.requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    // No code entered for the second: the sweep finds the pair proven and releases it.
    expect(await settle(second.requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    const proven = await db.auditEvent.findFirstOrThrow({
      where: { requestId: second.requestId, type: "request.account_proven" },
    });
    expect(proven).toMatchObject({ actorType: "SYSTEM", details: { method: "EARLIER_PROOF" } });
  });

  it("lets an account manager waive the proof with a reason (audited), cross-region through the replica", async () => {
    // Pacific's US lake into Nordlicht's EU account: the code is written in the US lake and refreshed to the replica.
    const organization = await db.organization.findUniqueOrThrow({
      where: { slug: "pacific" },
      include: { workspaces: true },
    });
    const owner = await db.user.findUniqueOrThrow({ where: { email: brands[2].owners[0].email } });
    const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
    const store = organization.workspaces.find((w) => w.name === "Pacific Store")!;
    const submitted = await submitShareRequest({
      organizationId: organization.id,
      requestedById: owner.id,
      workspaceIds: [store.id],
      datasetKeys: ["user-behaviors"],
      consumerAccount: "NORDLICHT.DWH",
      consumerRegion: "AWS_EU_CENTRAL_1",
      includePii: false,
    });
    await approveAndProvision({ requestId: submitted.id, approverId: manager.id });
    expect(await settle(submitted.id)).toBe("AWAITING_PROOF");
    const steps = await db.provisioningStep.findMany({
      where: { run: { requestId: submitted.id } },
      orderBy: { position: "asc" },
      select: { key: true },
    });
    expect(steps.map((s) => s.key)).toEqual([
      "replication-group-source",
      "write-proof-code",
      "replication-group-replica",
      "refresh-replica",
      "create-share",
      "grant-usage",
      "grant-select",
      "grant-erasures",
      "add-accounts",
      "verify",
    ]);
    const share = await db.share.findUniqueOrThrow({
      where: { requestId: submitted.id },
      include: { providerAccount: true },
    });
    const consumer = await harness.emulator.connect("NORDLICHT-DWH", "ADMIN");
    await consumer.execute(
      `CREATE DATABASE PACIFIC_PROOF FROM SHARE FLOEDATA.${share.providerAccount.accountName}."${share.name}"`,
    );
    expect(await consumer.execute("SELECT CODE FROM PACIFIC_PROOF.SHARED.FLOE_ACCOUNT_PROOF")).toHaveLength(1);

    await expectAppError(waiveAndRelease({ requestId: submitted.id, actorId: owner.id, reason: "I say so" }), {
      code: "FORBIDDEN",
    });
    await expectAppError(waiveAndRelease({ requestId: submitted.id, actorId: manager.id, reason: "  " }), {
      reason: "missing_reason",
    });
    await waiveAndRelease({
      requestId: submitted.id,
      actorId: manager.id,
      reason: "Confirmed with Pacific's Snowflake admin on a call",
    });
    expect(await settle(submitted.id, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    const rows = await consumer.execute<{ APP_GROUP_ID: string }>(
      "SELECT DISTINCT APP_GROUP_ID FROM PACIFIC_PROOF.SHARED.USERS_BEHAVIORS_PURCHASE_SHARED",
    );
    expect(rows.map((r) => r.APP_GROUP_ID)).toEqual([store.lakeWorkspaceId]);
    expect(await consumer.execute("SELECT CODE FROM PACIFIC_PROOF.SHARED.FLOE_ACCOUNT_PROOF")).toEqual([]);
    const waived = await db.auditEvent.findFirstOrThrow({
      where: { requestId: submitted.id, type: "request.proof_waived" },
    });
    expect(waived).toMatchObject({
      actorId: manager.id,
      details: { reason: "Confirmed with Pacific's Snowflake admin on a call" },
    });
    expect(
      await db.consumerAccountProof.findFirst({
        where: { organizationId: organization.id, consumerAccount: "NORDLICHT.DWH" },
      }),
    ).toMatchObject({ method: "WAIVED" });
  });
});
