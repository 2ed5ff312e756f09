import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { auditTypes, createBrand, fakePlan, requestInState, stateOf, type Brand } from "@/lib/testing/request-fixtures";
import { approveShareRequest } from "./approve-share-request";
import { cancelShareRequest } from "./cancel-share-request";
import { rejectShareRequest } from "./reject-share-request";

let brand: Brand;
let otherBrand: Brand;

beforeAll(async () => {
  [brand, otherBrand] = await Promise.all([createBrand(), createBrand()]);
});

async function pending() {
  return (await requestInState(brand, "PENDING_APPROVAL")).requestId;
}

describe("approveShareRequest", () => {
  it("approves and creates the queued run with its steps, the share, the audit event and the e-mail together", async () => {
    const requestId = await pending();
    const planned = fakePlan(brand);
    const result = await approveShareRequest({
      requestId,
      organizationId: brand.organization.id,
      approverId: brand.manager.id,
      ...planned,
    });

    const request = await db.shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      include: { share: true, runs: { include: { steps: { orderBy: { position: "asc" } } } } },
    });
    expect(request).toMatchObject({ state: "APPROVED", decidedById: brand.manager.id });
    expect(request.decidedAt).toBeInstanceOf(Date);
    expect(request.share).toMatchObject({
      id: result.shareId,
      name: planned.share.name,
      providerAccountId: brand.providerAccountId,
      consumerAccount: request.consumerAccount,
      activatedAt: null,
    });
    expect(request.runs).toHaveLength(1);
    const run = request.runs[0];
    expect(run).toMatchObject({ id: result.runId, kind: "PROVISION", state: "QUEUED", attempt: 1, plan: planned.plan });
    expect(run.steps.map((s) => [s.position, s.key, s.state])).toEqual([
      [0, "create_share", "PENDING"],
      [1, "grant_views", "PENDING"],
      [2, "add_account", "PENDING"],
    ]);
    expect(run.steps[2].binds).toEqual(["ACMERETAIL.ANALYTICS"]);
    expect(run.steps[0].binds).toBeNull();

    expect(await auditTypes(requestId)).toEqual(["request.submitted", "request.approved"]);
    const emails = await db.outboxEmail.findMany({ where: { requestId } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ kind: "request.approved", to: brand.member.email, sentAt: null });
  });

  it("lets exactly one of two racing approvals through: one run, one share, one audit event", async () => {
    const requestId = await pending();
    const results = await Promise.allSettled([
      approveShareRequest({ requestId, approverId: brand.manager.id, ...fakePlan(brand) }),
      approveShareRequest({ requestId, approverId: brand.otherManager.id, ...fakePlan(brand) }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const winner = await db.shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { decidedBy: { select: { name: true } } },
    });
    expect(refused[0].reason).toMatchObject({ code: "CONFLICT", reason: "already_decided" });
    expect(refused[0].reason.message).toBe(`This request was already approved by ${winner.decidedBy?.name}.`);

    expect(await db.provisioningRun.count({ where: { requestId } })).toBe(1);
    expect(await db.share.count({ where: { requestId } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { requestId } })).toBe(1);
    expect(await auditTypes(requestId)).toEqual(["request.submitted", "request.approved"]);
  });

  it("resolves an approve-vs-cancel race to exactly one outcome", async () => {
    for (let i = 0; i < 3; i++) {
      const requestId = await pending();
      const [approve, cancel] = await Promise.allSettled([
        approveShareRequest({ requestId, approverId: brand.manager.id, ...fakePlan(brand) }),
        cancelShareRequest({ requestId, organizationId: brand.organization.id, actorId: brand.member.id }),
      ]);
      expect([approve.status, cancel.status].sort()).toEqual(["fulfilled", "rejected"]);
      const state = await stateOf(requestId);
      const runs = await db.provisioningRun.count({ where: { requestId } });
      if (approve.status === "fulfilled") {
        expect(state).toBe("APPROVED");
        expect(runs).toBe(1);
        expect((cancel as PromiseRejectedResult).reason).toMatchObject({ reason: "already_decided" });
        expect(await auditTypes(requestId)).toEqual(["request.submitted", "request.approved"]);
      } else {
        expect(state).toBe("CANCELLED");
        expect(runs).toBe(0);
        expect(await db.share.count({ where: { requestId } })).toBe(0);
        expect((approve as PromiseRejectedResult).reason).toMatchObject({
          reason: "already_decided",
          message: "This request was already cancelled by the requester.",
        });
        expect(await auditTypes(requestId)).toEqual(["request.submitted", "request.cancelled"]);
      }
    }
  });

  it("refuses self-approval, even by a requester who is also staff", async () => {
    const staffMember = await db.user.update({ where: { id: brand.owner.id }, data: { staffRole: "ACCOUNT_MANAGER" } });
    try {
      const { requestId } = await requestInState(brand, "PENDING_APPROVAL", { requestedById: staffMember.id });
      await expectAppError(approveShareRequest({ requestId, approverId: staffMember.id, ...fakePlan(brand) }), {
        code: "FORBIDDEN",
        reason: "self_approval",
      });
      expect(await stateOf(requestId)).toBe("PENDING_APPROVAL");
      expect(await db.provisioningRun.count({ where: { requestId } })).toBe(0);
    } finally {
      await db.user.update({ where: { id: brand.owner.id }, data: { staffRole: null } });
    }
  });

  it("refuses an approver who is not staff", async () => {
    const requestId = await pending();
    await expectAppError(approveShareRequest({ requestId, approverId: brand.owner.id, ...fakePlan(brand) }), {
      code: "FORBIDDEN",
      reason: "not_staff",
    });
    expect(await stateOf(requestId)).toBe("PENDING_APPROVAL");
  });

  it("reports another organisation's request as not found and changes nothing", async () => {
    const requestId = await pending();
    await expectAppError(
      approveShareRequest({
        requestId,
        organizationId: otherBrand.organization.id,
        approverId: brand.manager.id,
        ...fakePlan(brand),
      }),
      {
        code: "NOT_FOUND",
      },
    );
    await expectAppError(
      approveShareRequest({ requestId: "does-not-exist", approverId: brand.manager.id, ...fakePlan(brand) }),
      { code: "NOT_FOUND" },
    );
    expect(await stateOf(requestId)).toBe("PENDING_APPROVAL");
    expect(await auditTypes(requestId)).toEqual(["request.submitted"]);
  });

  it("rolls the approval back when the plan is unusable", async () => {
    const requestId = await pending();
    const planned = fakePlan(brand);
    const duplicateKeys = [planned.steps[0], { ...planned.steps[1], key: planned.steps[0].key }];
    await expect(
      approveShareRequest({ requestId, approverId: brand.manager.id, ...planned, steps: duplicateKeys }),
    ).rejects.toThrow(/appears twice/);
    await expect(
      approveShareRequest({ requestId, approverId: brand.manager.id, ...planned, steps: [] }),
    ).rejects.toThrow(/at least one step/);
    expect(await stateOf(requestId)).toBe("PENDING_APPROVAL");
    expect(await db.share.count({ where: { requestId } })).toBe(0);
  });
});

describe("rejectShareRequest", () => {
  it("rejects with a trimmed reason, audits it and e-mails it to the requester", async () => {
    const requestId = await pending();
    await expect(
      rejectShareRequest({ requestId, deciderId: brand.manager.id, reason: "  Contract ends next month  " }),
    ).resolves.toEqual({ requestId, state: "REJECTED" });
    const row = await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({
      state: "REJECTED",
      decidedById: brand.manager.id,
      decisionReason: "Contract ends next month",
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId, type: "request.rejected" } });
    expect(event.details).toEqual({ reason: "Contract ends next month" });
    const email = await db.outboxEmail.findFirstOrThrow({ where: { requestId } });
    expect(email).toMatchObject({ kind: "request.rejected", to: brand.member.email });
    expect(email.text).toContain("Contract ends next month");
  });

  it("requires a reason of 3 to 1000 characters", async () => {
    const requestId = await pending();
    for (const reason of ["", "  no ", "x".repeat(1001)]) {
      const error = await expectAppError(rejectShareRequest({ requestId, deciderId: brand.manager.id, reason }), {
        code: "INVALID_INPUT",
        reason: "invalid_reason",
      });
      expect(error.fieldErrors?.reason).toBeDefined();
    }
    expect(await stateOf(requestId)).toBe("PENDING_APPROVAL");
  });

  it("refuses to reject a decided request, naming who decided", async () => {
    const { requestId } = await requestInState(brand, "APPROVED");
    const error = await expectAppError(
      rejectShareRequest({ requestId, deciderId: brand.otherManager.id, reason: "Too late" }),
      { reason: "already_decided" },
    );
    expect(error.message).toBe(`This request was already approved by ${brand.manager.name}.`);
    expect(await stateOf(requestId)).toBe("APPROVED");
  });
});

describe("cancelShareRequest", () => {
  it("cancels a pending request without recording a decider", async () => {
    const requestId = await pending();
    await expect(
      cancelShareRequest({ requestId, organizationId: brand.organization.id, actorId: brand.owner.id }),
    ).resolves.toEqual({ requestId, state: "CANCELLED" });
    const row = await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({ state: "CANCELLED", decidedById: null, decidedAt: null });
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId, type: "request.cancelled" } });
    expect(event).toMatchObject({ actorType: "USER", actorId: brand.owner.id, organizationId: brand.organization.id });
  });

  it("cannot cancel across organisations (not found, nothing changes)", async () => {
    const requestId = await pending();
    await expectAppError(
      cancelShareRequest({ requestId, organizationId: otherBrand.organization.id, actorId: otherBrand.owner.id }),
      { code: "NOT_FOUND" },
    );
    await expectAppError(cancelShareRequest({ requestId, organizationId: "", actorId: otherBrand.owner.id }), {
      code: "NOT_FOUND",
    });
    expect(await stateOf(requestId)).toBe("PENDING_APPROVAL");
    expect(await auditTypes(requestId)).toEqual(["request.submitted"]);
  });

  it("cannot cancel twice", async () => {
    const { requestId } = await requestInState(brand, "CANCELLED");
    await expectAppError(
      cancelShareRequest({ requestId, organizationId: brand.organization.id, actorId: brand.member.id }),
      {
        code: "CONFLICT",
        message: "This request was already cancelled by the requester.",
      },
    );
    expect(await auditTypes(requestId)).toEqual(["request.submitted", "request.cancelled"]);
  });
});
