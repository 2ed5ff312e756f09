// The console's server actions as the UI calls them, built by the real action factory with an injected
// session (the only stand-in, besides the job queue: no worker runs here). Covers the authorization matrix
// of every action, and the decisions' user-facing outcomes: self-approval, racing approvals, reasons.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/provisioning/queue", () => ({ enqueueRun: vi.fn(async () => {}) }));

import { db } from "@/lib/db";
import { createActionFactory } from "@/lib/actions/safe-action";
import { findMembership } from "@/lib/auth/membership";
import type { SessionUser } from "@/lib/auth/session";
import { createBrand, latestRunId, requestInState, stateOf, type Brand } from "@/lib/testing/request-fixtures";
import { createUser } from "@/prisma/seed/factories";
import { createConsoleActions, type ConsoleActions } from "./console-actions";

let signedIn: SessionUser | null = null;
const actions: ConsoleActions = createConsoleActions(
  createActionFactory({ getSessionUser: async () => signedIn, findMembership }),
);

let brand: Brand;
let admin: SessionUser;
const asSession = (u: {
  id: string;
  email: string;
  name: string | null;
  staffRole?: SessionUser["staffRole"];
}): SessionUser => ({ id: u.id, email: u.email, name: u.name, staffRole: u.staffRole ?? null });

beforeAll(async () => {
  brand = await createBrand();
  admin = asSession(await createUser(db, { staffRole: "ADMIN" }));
});

afterAll(async () => {
  await db.$disconnect();
});

// Valid input for each action, so a refusal can only come from authorization.
function validInputs(
  requestId: string,
  providerAccountId: string,
): Record<keyof ConsoleActions, Record<string, unknown>> {
  return {
    approveRequestAction: { requestId },
    rejectRequestAction: { requestId, reason: "Not in the contract" },
    retryRunAction: { requestId },
    cancelRunAction: { requestId, runId: "run-that-does-not-matter" },
    revokeShareAction: { requestId, confirmAccount: "X.Y" },
    waiveProofAction: { requestId, reason: "Confirmed on a call" },
    reapplyShareAction: { requestId },
    previewShareAction: { requestId, view: "USERS_MESSAGES_EMAIL_SEND_SHARED" },
    updateProviderAccountAction: {
      providerAccountId,
      username: "FLOE_PROVISIONER",
      secretRef: "env:FLOE_SECRET_SOMETHING",
      maxConcurrency: 4,
    },
    grantAccountManagerAction: { email: "someone@test.example" },
    revokeAccountManagerAction: { userId: "someone" },
    allowSsoLinkAction: { userId: "someone" },
    acknowledgeAlertAction: { alertId: "alert-that-does-not-matter" },
  };
}
const adminOnly = new Set<keyof ConsoleActions>([
  "updateProviderAccountAction",
  "grantAccountManagerAction",
  "revokeAccountManagerAction",
  "allowSsoLinkAction",
]);

describe("authorization matrix", () => {
  it("refuses every console action to signed-out callers and brand users, and admin actions to account managers", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    const inputs = validInputs(requestId, brand.providerAccountId);
    const names = Object.keys(actions) as (keyof ConsoleActions)[];
    expect(names.sort()).toEqual(Object.keys(inputs).sort());
    for (const name of names) {
      signedIn = null;
      expect(await actions[name](inputs[name]), `${name} signed out`).toEqual({
        ok: false,
        message: "Your session has ended. Please sign in again.",
      });
      for (const member of [brand.owner, brand.member, brand.viewer]) {
        signedIn = asSession(member);
        expect(await actions[name](inputs[name]), `${name} as brand ${member.role}`).toEqual({
          ok: false,
          message: "Only Floe staff can do this.",
        });
      }
      if (adminOnly.has(name)) {
        signedIn = asSession(brand.manager);
        expect(await actions[name](inputs[name]), `${name} as account manager`).toEqual({
          ok: false,
          message: "Only Floe administrators can do this.",
        });
      }
    }
    // Nothing happened to the request while being refused.
    expect(await stateOf(requestId)).toBe("PENDING_APPROVAL");
  });
});

describe("decisions through the actions", () => {
  it("refuses self-approval with a clear message", async () => {
    const staffRequester = await createUser(db, { staffRole: "ACCOUNT_MANAGER" });
    await db.membership.create({
      data: { userId: staffRequester.id, organizationId: brand.organization.id, role: "MEMBER" },
    });
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL", { requestedById: staffRequester.id });
    signedIn = asSession(staffRequester);
    expect(await actions.approveRequestAction({ requestId })).toEqual({
      ok: false,
      message: "You cannot approve a request you submitted yourself; ask another account manager.",
    });
    expect(await stateOf(requestId)).toBe("PENDING_APPROVAL");
  });

  it("gives one of two racing approvals the decision and the other 'already approved by …'", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    const approveAs = async (user: SessionUser) => {
      signedIn = user;
      return actions.approveRequestAction({ requestId });
    };
    // The session lookup is awaited inside each action, so both calls must carry their own user.
    const factoryFor = (user: SessionUser) =>
      createConsoleActions(createActionFactory({ getSessionUser: async () => user, findMembership }));
    const [a, b] = await Promise.all([
      factoryFor(asSession(brand.manager)).approveRequestAction({ requestId }),
      factoryFor(asSession(brand.otherManager)).approveRequestAction({ requestId }),
    ]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    const winner = await db.shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { decidedBy: { select: { name: true, email: true } } },
    });
    expect(refused).toEqual({
      ok: false,
      message: `This request was already approved by ${winner.decidedBy?.name ?? winner.decidedBy?.email}.`,
    });
    expect(await db.provisioningRun.count({ where: { requestId } })).toBe(1);
    // A third, late click gets the same answer.
    expect(await approveAs(asSession(brand.otherManager))).toMatchObject({
      ok: false,
      message: expect.stringContaining("already approved by"),
    });
  });

  it("requires a rejection reason of 3 to 1000 characters, as a field error", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    signedIn = asSession(brand.manager);
    const short = await actions.rejectRequestAction({ requestId, reason: " x " });
    expect(short).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringContaining("3 to 1000")] } });
    const long = await actions.rejectRequestAction({ requestId, reason: "y".repeat(1001) });
    expect(long).toMatchObject({ ok: false, fieldErrors: { reason: [expect.stringContaining("3 to 1000")] } });
    expect(
      await actions.rejectRequestAction({ requestId, reason: "Consumer account belongs to another company" }),
    ).toEqual({ ok: true, data: { state: "REJECTED" } });
    expect(await stateOf(requestId)).toBe("REJECTED");
  });

  it("cancels a run that has not started a step, and refuses once the worker has claimed it", async () => {
    signedIn = asSession(brand.manager);
    const { requestId } = await requestInState(brand, "APPROVED");
    const runId = await latestRunId(requestId);
    expect(await actions.cancelRunAction({ requestId, runId })).toEqual({ ok: true, data: { state: "FAILED" } });
    expect(await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { state: true } })).toEqual({
      state: "CANCELLED",
    });
    expect(await stateOf(requestId)).toBe("FAILED");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { requestId, type: "run.cancelled" } });
    expect(audit).toMatchObject({ actorId: brand.manager.id, details: { runId, kind: "PROVISION" } });

    const started = await requestInState(brand, "PROVISIONING");
    const startedRun = await latestRunId(started.requestId);
    expect(await actions.cancelRunAction({ requestId: started.requestId, runId: startedRun })).toMatchObject({
      ok: false,
      message: expect.stringContaining("already started"),
    });
    expect(await stateOf(started.requestId)).toBe("PROVISIONING");
  });

  it("asks for the consumer account before revoking, and names it when the confirmation is wrong", async () => {
    signedIn = asSession(brand.manager);
    const { requestId } = await requestInState(brand, "ACTIVE");
    const request = await db.shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { consumerAccount: true },
    });
    const wrong = await actions.revokeShareAction({ requestId, confirmAccount: "SOMEONE.ELSE" });
    expect(wrong).toMatchObject({
      ok: false,
      fieldErrors: { confirmAccount: [expect.stringContaining(request.consumerAccount)] },
    });
    expect(await stateOf(requestId)).toBe("ACTIVE");
  });
});

describe("admin actions", () => {
  it("validates and audits a provider account change without recording the secret reference", async () => {
    signedIn = admin;
    const account = await db.providerAccount.findUniqueOrThrow({ where: { id: brand.providerAccountId } });
    const bad = await actions.updateProviderAccountAction({
      providerAccountId: account.id,
      username: "FLOE",
      secretRef: "-----BEGIN PRIVATE KEY----- abc",
      maxConcurrency: 99,
    });
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { secretRef: [expect.any(String)], maxConcurrency: [expect.any(String)] },
    });

    const result = await actions.updateProviderAccountAction({
      providerAccountId: account.id,
      username: account.username,
      secretRef: account.secretRef,
      maxConcurrency: account.maxConcurrency === 5 ? 6 : 5,
    });
    expect(result).toMatchObject({ ok: true, data: { changed: ["maxConcurrency"] } });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { type: "admin.provider_account_updated", actorId: admin.id },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify(event.details)).not.toContain(account.secretRef);
    // Put it back: other suites share the provider accounts.
    await db.providerAccount.update({ where: { id: account.id }, data: { maxConcurrency: account.maxConcurrency } });
  });

  it("refuses a secretRef outside the secrets directory or without the env prefix, saying which, changing nothing", async () => {
    signedIn = admin;
    const account = await db.providerAccount.findUniqueOrThrow({ where: { id: brand.providerAccountId } });
    const save = (secretRef: string) =>
      actions.updateProviderAccountAction({
        providerAccountId: account.id,
        username: account.username,
        secretRef,
        maxConcurrency: account.maxConcurrency,
      });
    for (const ref of [
      "file:/etc/passwd",
      "file:/nonexistent/key.p8",
      "file:.data/emulator/keys/../../../etc/passwd",
    ]) {
      const result = await save(ref);
      expect(result).toMatchObject({
        ok: false,
        fieldErrors: { secretRef: [expect.stringMatching(/outside the allowed directory/i)] },
      });
      // The same words whether the file exists or not, and no path in them.
      expect(JSON.stringify(result)).not.toMatch(/etc|nonexistent/);
    }
    expect(await save("env:DATABASE_URL")).toMatchObject({
      ok: false,
      fieldErrors: { secretRef: [expect.stringContaining("FLOE_SECRET_")] },
    });
    expect((await db.providerAccount.findUniqueOrThrow({ where: { id: account.id } })).secretRef).toBe(
      account.secretRef,
    );
  });

  it("grants and revokes the account manager role, refusing brand users, with audit events", async () => {
    signedIn = admin;
    const person = await createUser(db);
    expect(await actions.grantAccountManagerAction({ email: person.email })).toEqual({
      ok: true,
      data: { userId: person.id },
    });
    expect(await actions.grantAccountManagerAction({ email: brand.owner.email })).toMatchObject({
      ok: false,
      fieldErrors: { email: [expect.stringContaining("belongs to a brand")] },
    });
    expect(await actions.revokeAccountManagerAction({ userId: person.id })).toEqual({
      ok: true,
      data: { userId: person.id },
    });
    const types = (
      await db.auditEvent.findMany({
        where: { actorId: admin.id, type: { startsWith: "admin.staff_role" } },
        select: { type: true },
        orderBy: { id: "asc" },
      })
    ).map((e) => e.type);
    expect(types).toEqual(["admin.staff_role_granted", "admin.staff_role_revoked"]);
  });
});
