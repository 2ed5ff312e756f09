import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { expectAppError } from "@/lib/testing/expect-app-error";
import {
  auditTypes,
  completeSteps,
  createBrand,
  fakePlan,
  latestRunId,
  requestInState,
  stateOf,
  type Brand,
} from "@/lib/testing/request-fixtures";
import { markActive } from "./mark-active";
import { markFailed } from "./mark-failed";
import { markProvisioning } from "./mark-provisioning";
import { markRevoked } from "./mark-revoked";
import { requestRevocation } from "./request-revocation";
import { MAX_RUN_ATTEMPTS, retryShareRequest } from "./retry-share-request";

let brand: Brand;
let otherBrand: Brand;

beforeAll(async () => {
  [brand, otherBrand] = await Promise.all([createBrand(), createBrand()]);
});

const revokeSteps = () => fakePlan(brand, ["remove_account", "delete_entitlements", "drop_share"]).steps;

describe("markProvisioning (the worker's claim)", () => {
  it("moves APPROVED → PROVISIONING and QUEUED → RUNNING once; a second claim gets null", async () => {
    const { requestId } = await requestInState(brand, "APPROVED");
    const runId = await latestRunId(requestId);
    const [a, b] = await Promise.all([
      markProvisioning({ runId, workerId: "w1" }),
      markProvisioning({ runId, workerId: "w2" }),
    ]);
    const claims = [a, b].filter(Boolean);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({
      runId,
      requestId,
      organizationId: brand.organization.id,
      kind: "PROVISION",
      attempt: 1,
    });
    expect(await stateOf(requestId)).toBe("PROVISIONING");
    const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.state).toBe("RUNNING");
    expect(["w1", "w2"]).toContain(run.lockedBy);
    expect(await auditTypes(requestId)).toEqual([
      "request.submitted",
      "request.approved",
      "request.provisioning_started",
    ]);
  });

  it("takes over a run whose worker stopped sending heartbeats, and only then", async () => {
    const { requestId } = await requestInState(brand, "PROVISIONING");
    const runId = await latestRunId(requestId);
    expect(await markProvisioning({ runId, workerId: "w2", staleAfterMs: 60_000 })).toBeNull();
    await db.provisioningRun.update({ where: { id: runId }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    expect(await markProvisioning({ runId, workerId: "w2" })).toBeNull();
    await expect(markProvisioning({ runId, workerId: "w2", staleAfterMs: 60_000 })).resolves.toMatchObject({ runId });
    expect((await db.provisioningRun.findUniqueOrThrow({ where: { id: runId } })).lockedBy).toBe("w2");
    const takeover = await db.auditEvent.findFirstOrThrow({ where: { requestId, type: "run.started" } });
    expect(takeover.details).toMatchObject({ workerId: "w2", tookOverFrom: "test-worker" });
  });

  it("returns null for an unknown run", async () => {
    expect(await markProvisioning({ runId: "nope", workerId: "w" })).toBeNull();
  });
});

describe("markActive", () => {
  it("moves PROVISIONING → ACTIVE, finishes the run, activates the share and tells the requester", async () => {
    const { requestId } = await requestInState(brand, "PROVISIONING");
    const runId = await latestRunId(requestId);
    await completeSteps(runId);
    await expect(markActive({ runId, verifyResult: { differences: [] } })).resolves.toEqual({
      requestId,
      state: "ACTIVE",
    });
    const request = await db.shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { share: true, runs: true },
    });
    expect(request.state).toBe("ACTIVE");
    expect(request.runs[0]).toMatchObject({ state: "SUCCEEDED" });
    expect(request.runs[0].finishedAt).toBeInstanceOf(Date);
    expect(request.share?.activatedAt).toBeInstanceOf(Date);
    expect(request.share?.verifyResult).toEqual({ differences: [] });
    expect(await db.outboxEmail.findFirst({ where: { requestId, kind: "request.active" } })).not.toBeNull();
    expect((await auditTypes(requestId)).at(-1)).toBe("request.active");
  });

  it("refuses while a step is unfinished, and for a run that is not running", async () => {
    const { requestId } = await requestInState(brand, "PROVISIONING");
    const runId = await latestRunId(requestId);
    await expect(markActive({ runId })).rejects.toThrow(/step create_share is PENDING/);
    expect(await stateOf(requestId)).toBe("PROVISIONING");

    const approved = await requestInState(brand, "APPROVED");
    const queuedRun = await latestRunId(approved.requestId);
    await completeSteps(queuedRun);
    await expectAppError(markActive({ runId: queuedRun }), { code: "INVALID_STATE", reason: "run_state_changed" });
    expect(await stateOf(approved.requestId)).toBe("APPROVED");
  });
});

describe("markFailed and retryShareRequest", () => {
  it("fails with the step and error on the run, but keeps the raw error out of the audit and the e-mail", async () => {
    const { requestId } = await requestInState(brand, "FAILED");
    const request = await db.shareRequest.findUniqueOrThrow({ where: { id: requestId }, include: { runs: true } });
    expect(request).toMatchObject({ state: "FAILED", failureStepKey: "grant_views" });
    expect(request.runs[0]).toMatchObject({
      state: "FAILED",
      failedStepKey: "grant_views",
      errorCode: "003001",
      errorMessage: "Insufficient privileges",
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId, type: "request.failed" } });
    expect(event).toMatchObject({ actorType: "SYSTEM", actorId: null });
    expect(JSON.stringify(event.details)).not.toContain("Insufficient privileges");
    const email = await db.outboxEmail.findFirstOrThrow({ where: { requestId, kind: "request.failed" } });
    expect(email.text).not.toContain("Insufficient privileges");
  });

  it("resumes at the failed step: succeeded steps stay, the rest goes back to PENDING, attempt + 1", async () => {
    const { requestId } = await requestInState(brand, "PROVISIONING");
    const runId = await latestRunId(requestId);
    const steps = await db.provisioningStep.findMany({ where: { runId }, orderBy: { position: "asc" } });
    await db.provisioningStep.update({
      where: { id: steps[0].id },
      data: { state: "SUCCEEDED", attempts: 1, queryIds: ["q-1"] },
    });
    await db.provisioningStep.update({
      where: { id: steps[1].id },
      data: { state: "FAILED", attempts: 3, errorCode: "003001", errorMessage: "denied" },
    });
    await markFailed({ runId, stepKey: steps[1].key, errorCode: "003001", errorMessage: "denied" });

    const retried = await retryShareRequest({
      requestId,
      organizationId: brand.organization.id,
      actorId: brand.manager.id,
    });
    expect(retried).toEqual({ requestId, runId, kind: "PROVISION", attempt: 2, resumeAtStepKey: "grant_views" });
    expect(await stateOf(requestId)).toBe("PROVISIONING");
    const run = await db.provisioningRun.findUniqueOrThrow({
      where: { id: runId },
      include: { steps: { orderBy: { position: "asc" } } },
    });
    expect(run).toMatchObject({
      state: "QUEUED",
      attempt: 2,
      failedStepKey: null,
      errorCode: null,
      errorMessage: null,
      lockedBy: null,
    });
    expect(run.steps.map((s) => [s.key, s.state, s.errorCode])).toEqual([
      ["create_share", "SUCCEEDED", null],
      ["grant_views", "PENDING", null],
      ["add_account", "PENDING", null],
    ]);
    expect(run.steps[0].queryIds).toEqual(["q-1"]);
    expect(run.steps[1].attempts).toBe(3); // history kept
    expect(await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      failureStepKey: null,
    });

    // The worker picks the retried run up without another APPROVED → PROVISIONING transition.
    await expect(markProvisioning({ runId, workerId: "w" })).resolves.toMatchObject({ attempt: 2 });
    await completeSteps(runId);
    await markActive({ runId });
    expect(await auditTypes(requestId)).toEqual([
      "request.submitted",
      "request.approved",
      "request.provisioning_started",
      "request.failed",
      "request.retried",
      "run.started",
      "request.active",
    ]);
  });

  it("refuses to retry a request that has not failed, across organisations, by non-staff, and beyond the cap", async () => {
    const active = await requestInState(brand, "ACTIVE");
    await expectAppError(retryShareRequest({ requestId: active.requestId, actorId: brand.manager.id }), {
      code: "INVALID_STATE",
    });

    const { requestId } = await requestInState(brand, "FAILED");
    await expectAppError(
      retryShareRequest({ requestId, organizationId: otherBrand.organization.id, actorId: brand.manager.id }),
      { code: "NOT_FOUND" },
    );
    await expectAppError(retryShareRequest({ requestId, actorId: brand.owner.id }), { code: "FORBIDDEN" });
    expect(await stateOf(requestId)).toBe("FAILED");

    await db.provisioningRun.updateMany({ where: { requestId }, data: { attempt: MAX_RUN_ATTEMPTS } });
    await expectAppError(retryShareRequest({ requestId, actorId: brand.manager.id }), { reason: "retry_limit" });
    expect(await stateOf(requestId)).toBe("FAILED");
  });

  it("fails a run that never started (APPROVED → FAILED)", async () => {
    const { requestId } = await requestInState(brand, "APPROVED");
    await markFailed({
      runId: await latestRunId(requestId),
      stepKey: null,
      errorCode: "NO_ACCOUNT",
      errorMessage: "provider account unreachable",
    });
    expect(await stateOf(requestId)).toBe("FAILED");
  });

  it("refuses to fail a run twice", async () => {
    const { requestId } = await requestInState(brand, "FAILED");
    await expectAppError(markFailed({ runId: await latestRunId(requestId), stepKey: "x", errorMessage: "again" }), {
      reason: "run_state_changed",
    });
    expect((await auditTypes(requestId)).filter((t) => t === "request.failed")).toHaveLength(1);
  });
});

describe("revocation", () => {
  it("ACTIVE → REVOKING with a queued REVOKE run, then → REVOKED with share.revokedAt", async () => {
    const { requestId } = await requestInState(brand, "ACTIVE");
    const { runId } = await requestRevocation({
      requestId,
      organizationId: brand.organization.id,
      actorId: brand.owner.id,
      plan: { revoke: 1 },
      steps: revokeSteps(),
      reason: "Project ended",
    });
    expect(await stateOf(requestId)).toBe("REVOKING");
    const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
    expect(run).toMatchObject({ kind: "REVOKE", state: "QUEUED" });
    expect(run.steps).toHaveLength(3);
    const asked = await db.auditEvent.findFirstOrThrow({ where: { requestId, type: "request.revocation_requested" } });
    expect(asked).toMatchObject({ actorId: brand.owner.id, details: { runId, reason: "Project ended" } });

    await expect(markProvisioning({ runId, workerId: "w" })).resolves.toMatchObject({ kind: "REVOKE" });
    expect(await stateOf(requestId)).toBe("REVOKING");
    await completeSteps(runId);
    await expect(markRevoked({ runId })).resolves.toEqual({ requestId, state: "REVOKED" });
    const share = await db.share.findUniqueOrThrow({ where: { requestId } });
    expect(share.revokedAt).toBeInstanceOf(Date);
    expect(await db.outboxEmail.findFirst({ where: { requestId, kind: "request.revoked" } })).not.toBeNull();
  });

  it("a failed revoke run leaves the request FAILED and is retried as a revocation", async () => {
    const { requestId } = await requestInState(brand, "REVOKING");
    const runId = await latestRunId(requestId);
    await markProvisioning({ runId, workerId: "w" });
    await markFailed({ runId, stepKey: "drop_share", errorCode: "002003", errorMessage: "Share does not exist" });
    expect(await stateOf(requestId)).toBe("FAILED");
    const email = await db.outboxEmail.findFirstOrThrow({ where: { requestId, kind: "request.failed" } });
    expect(email.subject).toMatch(/Removing/);

    await expect(retryShareRequest({ requestId, actorId: brand.manager.id })).resolves.toMatchObject({
      runId,
      kind: "REVOKE",
      attempt: 2,
    });
    expect(await stateOf(requestId)).toBe("REVOKING");
  });

  it("a request whose provisioning failed can be revoked to clean up", async () => {
    const { requestId } = await requestInState(brand, "FAILED");
    await requestRevocation({ requestId, actorId: brand.manager.id, plan: {}, steps: revokeSteps() });
    expect(await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      state: "REVOKING",
      failureStepKey: null,
    });
  });

  it("refuses revocation from other states and across organisations", async () => {
    const { requestId } = await requestInState(brand, "PROVISIONING");
    await expectAppError(requestRevocation({ requestId, actorId: brand.owner.id, plan: {}, steps: revokeSteps() }), {
      code: "INVALID_STATE",
    });
    const active = await requestInState(brand, "ACTIVE");
    await expectAppError(
      requestRevocation({
        requestId: active.requestId,
        organizationId: otherBrand.organization.id,
        actorId: otherBrand.owner.id,
        plan: {},
        steps: revokeSteps(),
      }),
      {
        code: "NOT_FOUND",
      },
    );
    expect(await stateOf(active.requestId)).toBe("ACTIVE");
    expect(await db.provisioningRun.count({ where: { requestId: active.requestId } })).toBe(1);
  });

  it("refuses markRevoked for a provision run and markActive for a revoke run", async () => {
    const { requestId } = await requestInState(brand, "REVOKING");
    const revokeRun = await latestRunId(requestId);
    await expect(markActive({ runId: revokeRun })).rejects.toThrow(/REVOKE run, not PROVISION/);
    const provisioning = await requestInState(brand, "PROVISIONING");
    await expect(markRevoked({ runId: await latestRunId(provisioning.requestId) })).rejects.toThrow(
      /PROVISION run, not REVOKE/,
    );
  });
});
