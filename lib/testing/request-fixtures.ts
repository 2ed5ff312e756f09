// Test fixtures for lib/requests: a brand with members and staff, and requests driven into any state
// through the real commands (never by writing `state` directly), so fixtures obey the same rules as the app.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { RequestState } from "@/lib/generated/prisma/enums";
import { createOrganization, createUser } from "@/prisma/seed/factories";
import { approveShareRequest } from "@/lib/requests/approve-share-request";
import { cancelShareRequest } from "@/lib/requests/cancel-share-request";
import { markActive } from "@/lib/requests/mark-active";
import { markAwaitingProof } from "@/lib/requests/mark-awaiting-proof";
import { markFailed } from "@/lib/requests/mark-failed";
import { markProvisioning } from "@/lib/requests/mark-provisioning";
import { markRevoked } from "@/lib/requests/mark-revoked";
import { rejectShareRequest } from "@/lib/requests/reject-share-request";
import { requestRevocation } from "@/lib/requests/request-revocation";
import { submitShareRequest, type SubmitShareRequestOptions } from "@/lib/requests/submit-share-request";

export type Brand = Awaited<ReturnType<typeof createBrand>>;

/** A brand (US workspaces ×2, one EU) with an owner, a member and a viewer, plus two account managers. */
export async function createBrand() {
  const fixture = await createOrganization(db, {
    workspaces: [
      { name: "Web", region: "AWS_US_EAST_1" },
      { name: "Mobile", region: "AWS_US_EAST_1" },
      { name: "Europe", region: "AWS_EU_CENTRAL_1" },
    ],
    members: [{ role: "OWNER" }, { role: "MEMBER" }, { role: "VIEWER" }],
    datasetKeys: ["messaging-email", "messaging-push", "user-behaviors"],
  });
  const [owner, member, viewer] = fixture.members;
  const [web, mobile, europe] = fixture.workspaces;
  const manager = await createUser(db, {
    staffRole: "ACCOUNT_MANAGER",
    name: `Manager ${randomBytes(2).toString("hex")}`,
  });
  const otherManager = await createUser(db, { staffRole: "ACCOUNT_MANAGER" });
  const providerAccount = await db.providerAccount.findUniqueOrThrow({
    where: { region: "AWS_US_EAST_1" },
    select: { id: true },
  });
  return {
    organization: fixture.organization,
    owner,
    member,
    viewer,
    web,
    mobile,
    europe,
    manager,
    otherManager,
    providerAccountId: providerAccount.id,
  };
}

export function submitOptions(
  brand: Brand,
  overrides: Partial<SubmitShareRequestOptions> = {},
): SubmitShareRequestOptions {
  return {
    organizationId: brand.organization.id,
    requestedById: brand.member.id,
    workspaceIds: [brand.web.id, brand.mobile.id],
    datasetKeys: ["messaging-email"],
    consumerAccount: "ACMERETAIL.ANALYTICS",
    consumerRegion: "AWS_US_EAST_1",
    includePii: false,
    note: null,
    ...overrides,
  };
}

/** A plan as the planner would hand it over: three steps on the brand's US provider account. */
export function fakePlan(brand: Brand, keys: string[] = ["create_share", "grant_views", "add_account"]) {
  const suffix = randomBytes(5).toString("hex").toUpperCase();
  const steps = keys.map((key) => ({
    key,
    providerAccountId: brand.providerAccountId,
    sql: `-- ${key}\nSELECT 1`,
    binds: key === "add_account" ? ["ACMERETAIL.ANALYTICS"] : undefined,
  }));
  return {
    plan: { version: 1, steps: keys },
    steps,
    share: {
      name: `FLOE_TEST_${suffix}`,
      databaseName: "ENGAGEMENT_LAKE_US",
      providerAccountId: brand.providerAccountId,
    },
  };
}

/** Plays the worker: marks every step of the run as done. */
export async function completeSteps(runId: string, state: "SUCCEEDED" | "SKIPPED" = "SUCCEEDED") {
  await db.provisioningStep.updateMany({ where: { runId }, data: { state, finishedAt: new Date() } });
}

export async function latestRunId(requestId: string): Promise<string> {
  const run = await db.provisioningRun.findFirstOrThrow({
    where: { requestId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return run.id;
}

const worker = "test-worker";

/** A fresh request of `brand` in `state`, reached through the commands. */
export async function requestInState(
  brand: Brand,
  state: RequestState,
  overrides: Partial<SubmitShareRequestOptions> = {},
): Promise<{ requestId: string }> {
  // Each fixture gets its own consumer so fixtures of one brand never collide as duplicates.
  const consumerAccount = overrides.consumerAccount ?? `TESTORG${randomBytes(3).toString("hex").toUpperCase()}.ACCOUNT`;
  const { id: requestId } = await submitShareRequest(submitOptions(brand, { consumerAccount, ...overrides }));
  if (state === "PENDING_APPROVAL") return { requestId };
  if (state === "CANCELLED")
    return cancelShareRequest({ requestId, organizationId: brand.organization.id, actorId: brand.member.id });
  if (state === "REJECTED")
    return rejectShareRequest({ requestId, deciderId: brand.manager.id, reason: "Not in the contract" });

  const { runId } = await approveShareRequest({ requestId, approverId: brand.manager.id, ...fakePlan(brand) });
  if (state === "APPROVED") return { requestId };
  await markProvisioning({ runId, workerId: worker });
  if (state === "PROVISIONING") return { requestId };
  if (state === "FAILED")
    return markFailed({ runId, stepKey: "grant_views", errorCode: "003001", errorMessage: "Insufficient privileges" });
  if (state === "AWAITING_PROOF") {
    await completeSteps(runId);
    await markAwaitingProof({ runId });
    return { requestId };
  }

  await completeSteps(runId);
  await markActive({ runId });
  if (state === "ACTIVE") return { requestId };
  const revoke = await requestRevocation({
    requestId,
    actorId: brand.owner.id,
    plan: { revoke: true },
    steps: fakePlan(brand, ["remove_account", "drop_share"]).steps,
  });
  if (state === "REVOKING") return { requestId };
  await markProvisioning({ runId: revoke.runId, workerId: worker });
  await completeSteps(revoke.runId);
  await markRevoked({ runId: revoke.runId });
  return { requestId };
}

export async function stateOf(requestId: string): Promise<RequestState> {
  return (await db.shareRequest.findUniqueOrThrow({ where: { id: requestId }, select: { state: true } })).state;
}

export async function auditTypes(requestId: string): Promise<string[]> {
  const events = await db.auditEvent.findMany({ where: { requestId }, orderBy: { id: "asc" }, select: { type: true } });
  return events.map((e) => e.type);
}
