// A brand without Snowflake, end to end against the emulator through snowflake-sdk: the request names no account,
// approval provisions a Floe-hosted reader account (CREATE MANAGED ACCOUNT) and shares into it, the single-use link
// reveals the login once (the reader's admin then reads the entitled rows), a second open is refused, and revocation
// drops the reader account after the share. The password never reaches the plan, the step rows or the audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { submitShareRequest } from "@/lib/requests/submit-share-request";
import { approveAndProvision, revokeAndDeprovision } from "@/lib/provisioning/provision-commands";
import { startWorker, type WorkerHandle } from "@/lib/provisioning/worker";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import {
  startProvisioningHarness,
  waitForRequestState,
  type Harness,
} from "@/lib/provisioning/testing/provisioning-harness";
import { brands } from "@/prisma/seed/demo-tenants";
import { revealReaderCredentials } from "./reveal-credentials";

let harness: Harness;
let worker: WorkerHandle;
const executors = createProviderExecutors();

beforeAll(async () => {
  harness = await startProvisioningHarness();
  worker = await startWorker({ concurrency: 2, log: () => {} });
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await executors.close();
  await harness?.stop();
});

const readRequest = (id: string) => () => db.shareRequest.findUnique({ where: { id }, select: { state: true } });

describe("a Floe-hosted reader account", () => {
  it("is created, shared into, delivers its login once, and is dropped at revocation", async () => {
    const organization = await db.organization.findUniqueOrThrow({
      where: { slug: "acme" },
      include: { workspaces: true },
    });
    const owner = await db.user.findUniqueOrThrow({
      where: { email: brands.find((b) => b.slug === "acme")!.owners[0].email },
    });
    const manager = await db.user.findFirstOrThrow({ where: { staffRole: "ACCOUNT_MANAGER" } });
    const web = organization.workspaces.find((w) => w.name === "Acme Web")!;

    const { id: requestId } = await submitShareRequest({
      organizationId: organization.id,
      requestedById: owner.id,
      workspaceIds: [web.id],
      datasetKeys: ["messaging-email"],
      consumerKind: "READER_ACCOUNT",
      consumerRegion: "AWS_US_EAST_1",
      includePii: false,
    });
    const request = await db.shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { readerAccount: true },
    });
    const reader = request.readerAccount!;
    expect(request.consumerKind).toBe("READER_ACCOUNT");
    expect(request.consumerAccount).toBe(`FLOEDATA.${reader.accountName}`);
    expect(request.consumerLocator).toBeNull();

    await approveAndProvision({ requestId, approverId: manager.id });
    expect(await waitForRequestState(readRequest(requestId), ["ACTIVE", "FAILED", "AWAITING_PROOF"])).toBe("ACTIVE");

    const steps = await db.provisioningStep.findMany({ where: { run: { requestId } }, orderBy: { position: "asc" } });
    expect(steps[0]).toMatchObject({ key: "create-reader-account", state: "SUCCEEDED" });
    expect(steps.map((s) => s.key)).toContain("add-accounts");
    expect(steps[0].sql).toContain("ADMIN_PASSWORD = ?");

    const provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
    const listed = await provider.execute<{ account_name: string; locator: string }>(
      `SHOW MANAGED ACCOUNTS LIKE '${reader.accountName}'`,
    );
    expect(listed.map((r) => r.account_name)).toEqual([reader.accountName]);

    // The link: a wrong token is refused without consuming; the right one reveals once.
    const sealed = await db.readerAccount.findUniqueOrThrow({ where: { requestId } });
    expect(sealed.passwordCiphertext).toBeTruthy();
    expect(sealed.linkTokenHash).toMatch(/^[0-9a-f]{64}$/);
    const mail = await db.outboxEmail.findFirstOrThrow({ where: { requestId, kind: "reader_account.link_issued" } });
    const token = new URL(mail.text.match(/https?:\/\/\S+/)![0]).searchParams.get("token")!;
    const base = { organizationId: organization.id, requestId, userId: owner.id, executors };
    expect(await revealReaderCredentials({ ...base, token: "not-the-token" })).toEqual({ outcome: "invalid" });
    const revealed = await revealReaderCredentials({ ...base, token });
    if (revealed.outcome !== "revealed") throw new Error(`expected the login, got ${revealed.outcome}`);
    expect(revealed.locator).toBe(listed[0].locator);
    expect(revealed.url).toMatch(/^https:\/\//);
    expect(await revealReaderCredentials({ ...base, token })).toMatchObject({ outcome: "already-used" });
    const after = await db.readerAccount.findUniqueOrThrow({ where: { requestId } });
    expect(after).toMatchObject({ passwordCiphertext: null, linkTokenHash: null });

    // The password is nowhere in Postgres: not in the plan, the steps or the audit.
    const runs = await db.provisioningRun.findMany({ where: { requestId } });
    const audit = await db.auditEvent.findMany({ where: { requestId } });
    const stored = JSON.stringify([runs, steps, audit, mail.text], (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(stored).not.toContain(revealed.password);

    // The customer logs in to the reader account and reads exactly the entitled rows.
    const share = await db.share.findUniqueOrThrow({ where: { requestId } });
    const customer = await harness.emulator.connect(`FLOEDATA-${reader.accountName}`, revealed.adminName, {
      password: revealed.password,
    });
    await customer.execute(`CREATE DATABASE ACME_READ FROM SHARE FLOEDATA.LAKE_US."${share.name}"`);
    const rows = await customer.execute<{ APP_GROUP_ID: string }>(
      "SELECT DISTINCT APP_GROUP_ID FROM ACME_READ.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED",
    );
    expect(rows.map((r) => r.APP_GROUP_ID)).toEqual([web.lakeWorkspaceId]);
    await customer.close();

    await revokeAndDeprovision({ requestId, actorId: manager.id });
    expect(await waitForRequestState(readRequest(requestId), ["REVOKED", "FAILED"])).toBe("REVOKED");
    const revokeSteps = await db.provisioningStep.findMany({
      where: { run: { requestId, kind: "REVOKE" } },
      orderBy: { position: "asc" },
    });
    expect(revokeSteps.slice(-2).map((s) => s.key)).toEqual(["drop-share", "drop-reader-account"]);
    expect(await provider.execute(`SHOW MANAGED ACCOUNTS LIKE '${reader.accountName}'`)).toEqual([]);
    expect((await db.readerAccount.findUniqueOrThrow({ where: { requestId } })).droppedAt).toBeInstanceOf(Date);
    await expect(
      harness.emulator.connect(`FLOEDATA-${reader.accountName}`, revealed.adminName, { password: revealed.password }),
    ).rejects.toBeTruthy();
    await provider.close();
  });
});
