// The erasure worker job, on the seeded lakes through snowflake-sdk: a filed request is enqueued and the
// worker runs it to VERIFIED without anyone calling runErasure; staff retry a FAILED one; the sweep gives
// a QUEUED request that lost its job a new one. Only requests this file created are looked at.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stopBoss } from "@/lib/provisioning/queue";
import {
  startProvisioningHarness,
  waitForRequestState,
  type Harness,
} from "@/lib/provisioning/testing/provisioning-harness";
import {
  fileErasureRequest,
  retryErasureRequest,
  startErasureWorker,
  sweepQueuedErasures,
  type ErasureWorkerHandle,
} from "./erasure-queue";
import { submitErasureRequest } from "./submit-erasure-request";
import { prepareSubjects } from "./subject-identifiers";

const WS = "5f1a0c3e9b2d4a7f8c6e0a02"; // Acme Mobile (US)

let harness: Harness;
let worker: ErasureWorkerHandle;
let acmeId: string;
let workspaceId: string;
let staffId: string;
let externalIds: string[];

const stateOf = (id: string) => () => db.erasureRequest.findUnique({ where: { id }, select: { state: true } });

beforeAll(async () => {
  harness = await startProvisioningHarness();
  acmeId = (await db.organization.findUniqueOrThrow({ where: { slug: "acme" } })).id;
  workspaceId = (await db.workspace.findFirstOrThrow({ where: { organizationId: acmeId, lakeWorkspaceId: WS } })).id;
  staffId = (await db.user.findFirstOrThrow({ where: { staffRole: { not: null } } })).id;
  const provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
  const rows = await provider.execute<{ EXTERNAL_USER_ID: string }>(
    `SELECT DISTINCT EXTERNAL_USER_ID FROM ENGAGEMENT_LAKE_US.PERSONAL.IDENTITIES WHERE APP_GROUP_ID = ? AND EXTERNAL_USER_ID IS NOT NULL ORDER BY EXTERNAL_USER_ID LIMIT 3`,
    [WS],
  );
  externalIds = rows.map((r) => r.EXTERNAL_USER_ID);
  expect(externalIds).toHaveLength(3);
  worker = await startErasureWorker();
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await harness?.stop();
});

describe("the erasure worker job", () => {
  it("runs a filed request to VERIFIED on its own, with its receipt", async () => {
    const { subjects, duplicates } = prepareSubjects([externalIds[0], externalIds[0], "nobody@nowhere.example"]);
    const { id, created } = await fileErasureRequest({
      organizationId: acmeId,
      workspaceId,
      source: "FORM",
      subjects,
      duplicates,
    });
    expect(created).toBe(true);
    expect(await waitForRequestState(stateOf(id), ["VERIFIED", "FAILED"], 120_000)).toBe("VERIFIED");
    const request = await db.erasureRequest.findUniqueOrThrow({ where: { id }, include: { regions: true } });
    expect(request).toMatchObject({ requestedCount: 2, duplicateCount: 1, matchedCount: 1, unknownCount: 1 });
    expect(request.regions.find((r) => r.region === "AWS_US_EAST_1")).toMatchObject({
      role: "PRIMARY",
      matchedKeys: 1,
    });
  }, 180_000);

  it("lets staff retry a FAILED request (audited) and refuses to retry one that is not FAILED", async () => {
    const { id } = await submitErasureRequest({
      organizationId: acmeId,
      workspaceId,
      source: "CONSOLE",
      filedByStaffId: staffId,
      subjects: prepareSubjects([externalIds[1]]).subjects,
      duplicates: 0,
    });
    // As a request is left after its last queue retry failed.
    await db.erasureRequest.update({ where: { id }, data: { state: "FAILED", lastError: "warehouse suspended" } });
    await retryErasureRequest(id, staffId);
    expect(await waitForRequestState(stateOf(id), ["VERIFIED", "FAILED"], 120_000)).toBe("VERIFIED");
    const audit = await db.auditEvent.findMany({ where: { organizationId: acmeId, type: "erasure.retried" } });
    expect(audit.some((e) => (e.details as { erasureRequestId?: string }).erasureRequestId === id)).toBe(true);
    await expect(retryErasureRequest(id, staffId)).rejects.toThrow(/Only a failed erasure request/);
  }, 180_000);

  it("gives a QUEUED request that lost its job a new one (the sweep)", async () => {
    const { id } = await submitErasureRequest({
      organizationId: acmeId,
      workspaceId,
      source: "API",
      subjects: prepareSubjects([externalIds[2]]).subjects,
      duplicates: 0,
    });
    await db.erasureRequest.update({ where: { id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    expect(await sweepQueuedErasures()).toBeGreaterThanOrEqual(1);
    expect(await waitForRequestState(stateOf(id), ["VERIFIED", "FAILED"], 120_000)).toBe("VERIFIED");
  }, 180_000);
});
