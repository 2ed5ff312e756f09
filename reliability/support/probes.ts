// How to call each endpoint with valid input, so that a refusal can only come from authorization: a fresh
// object of the brand per call (a request in the right state, a user to promote…), then the call through
// the real action or route handler. Each probe reports "allowed" only on the endpoint's success signature.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { createUser } from "@/prisma/seed/factories";
import { latestRunId, requestInState } from "@/lib/testing/request-fixtures";
import { hashProofCode } from "@/lib/requests/account-proof-code";
import { hashLinkToken } from "@/lib/reader-accounts/credential-link";
import type { World } from "./world";

import { createApiTokenRecord, apiProbe } from "./api-probes";
import { setShareEndDate } from "@/lib/requests/share-renewals";

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export type Outcome = { kind: "allowed" | "denied" | "unexpected"; detail: string };
type Call = (fn: (...args: never[]) => Promise<unknown>) => Promise<Outcome>;
export type Probe = { setup: (world: World) => Promise<Call> };

// The action factory's authorization refusals (lib/actions/safe-action.ts), word for word.
const actionDenials = new Set([
  "Your session has ended. Please sign in again.",
  "We could not find that organisation.",
  "Your role in this organisation does not allow this. Ask one of its owners.",
  "Only Floe staff can do this.",
  "Only Floe administrators can do this.",
]);
// lib/auth/route-guards.ts: 401 signed out, 404 not a member / not staff, 403 role too low.
const routeDenials: Record<number, string> = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND" };

function actionCall(input: Record<string, unknown>): Call {
  return async (fn) => {
    let result: { ok: boolean; message?: string };
    try {
      result = (await (fn as (i: unknown) => Promise<typeof result>)(input)) ?? { ok: false };
    } catch (error) {
      // redirect() after a successful submit is Next's control flow, thrown on purpose.
      const digest = String((error as { digest?: unknown }).digest ?? "");
      if (digest.startsWith("NEXT_REDIRECT")) return { kind: "allowed", detail: `redirect ${digest.split(";")[2]}` };
      return { kind: "unexpected", detail: `threw ${(error as Error).message}` };
    }
    if (result.ok) return { kind: "allowed", detail: "ok" };
    if (result.message && actionDenials.has(result.message)) return { kind: "denied", detail: result.message };
    return { kind: "unexpected", detail: JSON.stringify(result) };
  };
}

export function routeCall(
  url: string,
  params: Record<string, unknown>,
  init: RequestInit = {},
  accept?: (r: Response, body: string) => string | null,
): Call {
  return async (fn) => {
    const response = (await (fn as (r: Request, c: unknown) => Promise<Response>)(
      new Request(`http://localhost${url}`, init),
      { params: Promise.resolve(params) },
    )) as Response;
    const body = await response.text();
    // 201: a route that creates something (the erasure CSV upload files a request).
    if (response.status === 200 || response.status === 201) {
      const problem = accept?.(response, body) ?? null;
      return problem ? { kind: "unexpected", detail: problem } : { kind: "allowed", detail: "200" };
    }
    const code = (JSON.parse(body || "{}") as { error?: { code?: string } }).error?.code;
    if (routeDenials[response.status] && code === routeDenials[response.status])
      return { kind: "denied", detail: `${response.status} ${code}` };
    return { kind: "unexpected", detail: `${response.status} ${body.slice(0, 200)}` };
  };
}

const slug = (w: World) => w.brand.organization.slug;

/** An erasure request of the brand whose automatic retries ran out (what staff retry). */
const failedErasure = (w: World) =>
  db.erasureRequest.create({
    data: {
      organizationId: w.brand.organization.id,
      source: "FORM",
      state: "FAILED",
      requestedCount: 1,
      dueAt: new Date(Date.now() + 30 * 86_400_000),
      lastError: "probe",
    },
    select: { id: true },
  });
const pending = (w: World) => requestInState(w.brand, "PENDING_APPROVAL");

export const probes: Record<string, Probe> = {
  "action app/(console)/console/actions.ts#approveRequestAction": {
    setup: async (w) => actionCall({ requestId: (await pending(w)).requestId }),
  },
  "action app/(console)/console/actions.ts#rejectRequestAction": {
    setup: async (w) => actionCall({ requestId: (await pending(w)).requestId, reason: "Not in the contract" }),
  },
  "action app/(console)/console/actions.ts#retryRunAction": {
    setup: async (w) => actionCall({ requestId: (await requestInState(w.brand, "FAILED")).requestId }),
  },
  "action app/(console)/console/actions.ts#cancelRunAction": {
    setup: async (w) => {
      const { requestId } = await requestInState(w.brand, "APPROVED");
      return actionCall({ requestId, runId: await latestRunId(requestId) });
    },
  },
  "action app/(console)/console/actions.ts#revokeShareAction": {
    setup: async (w) => {
      const { requestId } = await requestInState(w.brand, "ACTIVE");
      const { consumerAccount } = await db.shareRequest.findUniqueOrThrow({
        where: { id: requestId },
        select: { consumerAccount: true },
      });
      return actionCall({ requestId, confirmAccount: consumerAccount });
    },
  },
  "action app/(console)/console/actions.ts#reapplyShareAction": {
    // A fixture share that Snowflake does not hold: the check runs and reports it missing (allowed = ok).
    setup: async (w) => actionCall({ requestId: (await requestInState(w.brand, "ACTIVE")).requestId }),
  },
  "action app/(console)/console/actions.ts#previewShareAction": {
    // A fixture share that Snowflake does not hold: the preview runs and answers "unavailable" (allowed = ok).
    setup: async (w) => {
      const { requestId } = await requestInState(w.brand, "ACTIVE");
      const { dataset } = await db.shareRequestDataset.findFirstOrThrow({
        where: { requestId },
        select: { dataset: { select: { objects: { where: { containsPii: false }, select: { viewName: true } } } } },
      });
      return actionCall({ requestId, view: dataset.objects[0].viewName });
    },
  },
  "action app/(console)/console/actions.ts#waiveProofAction": {
    setup: async (w) =>
      actionCall({
        requestId: (await requestInState(w.brand, "AWAITING_PROOF")).requestId,
        reason: "Confirmed on a call",
      }),
  },
  "action app/(console)/console/actions.ts#updateProviderAccountAction": {
    setup: async (w) => {
      const a = await db.providerAccount.findUniqueOrThrow({ where: { id: w.brand.providerAccountId } });
      return actionCall({
        providerAccountId: a.id,
        username: a.username,
        secretRef: a.secretRef,
        maxConcurrency: a.maxConcurrency === 7 ? 8 : 7,
      });
    },
  },
  "action app/(console)/console/actions.ts#grantAccountManagerAction": {
    setup: async () => actionCall({ email: (await createUser(db)).email }),
  },
  "action app/(console)/console/actions.ts#revokeAccountManagerAction": {
    setup: async () => actionCall({ userId: (await createUser(db, { staffRole: "ACCOUNT_MANAGER" })).id }),
  },
  "action app/(console)/console/actions.ts#allowSsoLinkAction": {
    setup: async () => actionCall({ userId: (await createUser(db, { staffRole: "ACCOUNT_MANAGER" })).id }),
  },
  "action app/(console)/console/actions.ts#acknowledgeAlertAction": {
    // A fresh open alert per call (one unresolved alert per rule and subject: the subject is random).
    setup: async (w) => {
      const alert = await db.pipelineAlert.create({
        data: {
          rule: "TASK_FAILING",
          subject: `PROBE/${randomBytes(6).toString("hex")}`,
          providerAccountId: w.brand.providerAccountId,
          region: "AWS_US_EAST_1",
          summary: "Probe alert",
        },
      });
      return actionCall({ alertId: alert.id });
    },
  },
  "action app/(portal)/o/[orgSlug]/catalog/[datasetKey]/actions.ts#refreshPreviewAction": {
    setup: async (w) => actionCall({ orgSlug: slug(w), datasetKey: "messaging-email" }),
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#cancelRequestAction": {
    setup: async (w) => actionCall({ orgSlug: slug(w), requestId: (await pending(w)).requestId }),
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#requestRevocationAction": {
    setup: async (w) =>
      actionCall({
        orgSlug: slug(w),
        requestId: (await requestInState(w.brand, "ACTIVE")).requestId,
        reason: "Contract ended",
      }),
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#proveAccountAction": {
    setup: async (w) => {
      // The code the worker would have written into the share, its hash stored as the worker stores it.
      const { requestId } = await requestInState(w.brand, "AWAITING_PROOF");
      const code = "AUTH-ZPRF-2345";
      await db.accountProofChallenge.create({ data: { requestId, codeHash: hashProofCode(code) } });
      return actionCall({ orgSlug: slug(w), requestId, code });
    },
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/reader-login/actions.ts#revealReaderLoginAction": {
    setup: async (w) => {
      // A live link (its token hashed as lib/reader-accounts stores it) on a request not yet active: an allowed
      // caller gets "not ready", which reads no password and calls no Snowflake.
      const { requestId } = await requestInState(w.brand, "PENDING_APPROVAL");
      const token = randomBytes(32).toString("base64url");
      await db.readerAccount.create({
        data: {
          requestId,
          organizationId: w.brand.organization.id,
          accountName: `FLOE_R_${randomBytes(5).toString("hex").toUpperCase()}`,
          adminName: "FLOE_READER_ADMIN",
          passwordCiphertext: "sealed",
          linkTokenHash: hashLinkToken(token),
          linkExpiresAt: new Date(Date.now() + 3_600_000),
        },
      });
      return actionCall({ orgSlug: slug(w), requestId, token });
    },
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#checkMyShareAction": {
    setup: async (w) =>
      actionCall({ orgSlug: slug(w), requestId: (await requestInState(w.brand, "ACTIVE")).requestId }),
  },
  "action app/(portal)/o/[orgSlug]/requests/new/actions.ts#submitShareRequestAction": {
    setup: async (w) =>
      actionCall({
        orgSlug: slug(w),
        workspaceIds: [w.brand.web.id],
        datasetKeys: ["messaging-email"],
        consumerAccount: `AUTHZ${randomBytes(3).toString("hex").toUpperCase()}.ACCOUNT`,
        consumerRegion: "AWS_US_EAST_1",
      }),
  },
  "action app/(portal)/o/[orgSlug]/erasures/new/actions.ts#submitErasureAction": {
    setup: async (w) =>
      actionCall({ orgSlug: slug(w), identifiers: "probe-subject-1", idempotencyKey: randomBytes(8).toString("hex") }),
  },
  "action app/(console)/console/erasures/actions.ts#fileErasureForBrandAction": {
    setup: async (w) =>
      actionCall({
        organizationId: w.brand.organization.id,
        identifiers: "probe-subject-2",
        idempotencyKey: randomBytes(8).toString("hex"),
      }),
  },
  "action app/(console)/console/erasures/actions.ts#retryErasureAction": {
    setup: async (w) => actionCall({ erasureId: (await failedErasure(w)).id }),
  },
  "action app/(portal)/o/[orgSlug]/settings/api/actions.ts#createApiTokenAction": {
    setup: async (w) => actionCall({ orgSlug: slug(w), name: "Probe", scopes: ["read"] }),
  },
  "action app/(portal)/o/[orgSlug]/settings/api/actions.ts#revokeApiTokenAction": {
    setup: async (w) => {
      const { id } = await createApiTokenRecord(w.brand.organization.id, w.brand.owner.id);
      return actionCall({ orgSlug: slug(w), tokenId: id });
    },
  },
  "action app/(portal)/o/[orgSlug]/settings/api/actions.ts#createWebhookEndpointAction": {
    setup: async (w) => actionCall({ orgSlug: slug(w), url: "https://hooks.example.com/floe", events: [] }),
  },
  "action app/(portal)/o/[orgSlug]/settings/api/actions.ts#disableWebhookEndpointAction": {
    setup: async (w) => {
      const endpoint = await db.webhookEndpoint.create({
        data: {
          organizationId: w.brand.organization.id,
          url: "https://hooks.example.com/x",
          secret: "whsec_probe",
          events: [],
        },
      });
      return actionCall({ orgSlug: slug(w), endpointId: endpoint.id });
    },
  },
  "action app/(portal)/o/[orgSlug]/requests/[requestId]/actions.ts#requestRenewalAction": {
    setup: async (w) => {
      const { requestId } = await requestInState(w.brand, "ACTIVE");
      await setShareEndDate({ requestId, actorId: w.brand.manager.id, endsAt: inDays(30) });
      const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
      return actionCall({ orgSlug: slug(w), requestId, endsAt: later });
    },
  },
  "action app/(console)/console/requests/[requestId]/reader-account/actions.ts#reissueReaderLinkAction": {
    setup: async (w) => {
      // A provisioned reader account whose password Floe still holds (sealed): staff may send a new link.
      const { requestId } = await requestInState(w.brand, "ACTIVE");
      await db.readerAccount.create({
        data: {
          requestId,
          organizationId: w.brand.organization.id,
          accountName: `FLOE_R_${randomBytes(5).toString("hex").toUpperCase()}`,
          adminName: "FLOE_READER_ADMIN",
          passwordCiphertext: "sealed",
        },
      });
      return actionCall({ requestId });
    },
  },
  "action app/(console)/console/requests/[requestId]/actions.ts#setEndDateAction": {
    setup: async (w) => {
      const { requestId } = await requestInState(w.brand, "ACTIVE");
      return actionCall({ requestId, endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) });
    },
  },
  "action app/(console)/console/requests/[requestId]/actions.ts#decideRenewalAction": {
    setup: async (w) => {
      const { requestId } = await requestInState(w.brand, "ACTIVE");
      await setShareEndDate({ requestId, actorId: w.brand.manager.id, endsAt: inDays(30) });
      const renewal = await db.shareRenewal.create({
        data: {
          requestId,
          organizationId: w.brand.organization.id,
          requestedById: w.brand.member.id,
          requestedEndsAt: new Date(Date.now() + 60 * 86_400_000),
        },
      });
      return actionCall({ renewalId: renewal.id, approve: true });
    },
  },
  "action app/(console)/console/requests/[requestId]/actions.ts#staffRevokeApiTokenAction": {
    setup: async (w) => {
      const { id } = await createApiTokenRecord(w.brand.organization.id, w.brand.owner.id);
      return actionCall({ tokenId: id });
    },
  },
  "route GET /api/v1/openapi.json": {
    setup: async () =>
      routeCall("/api/v1/openapi.json", {}, {}, (_r, body) => (body.includes('"openapi":"3.1.0"') ? null : body)),
  },
  "route GET /api/v1/workspaces": {
    setup: (w) => apiProbe(w, { url: "/api/v1/workspaces", mustInclude: w.brand.web.id }),
  },
  "route GET /api/v1/requests": {
    setup: async (w) => apiProbe(w, { url: "/api/v1/requests", mustInclude: (await pending(w)).requestId }),
  },
  "route POST /api/v1/requests": {
    setup: (w) =>
      apiProbe(w, {
        url: "/api/v1/requests",
        method: "POST",
        body: {
          workspaceIds: [w.brand.web.id],
          datasetKeys: ["messaging-email"],
          consumerAccount: `APIZ${randomBytes(3).toString("hex").toUpperCase()}.ACCOUNT`,
          consumerRegion: "AWS_US_EAST_1",
        },
      }),
  },
  "route GET /api/v1/erasures": {
    setup: async (w) => apiProbe(w, { url: "/api/v1/erasures", mustInclude: (await failedErasure(w)).id }),
  },
  // The brand's workspace: another brand's token is then refused (404), not answered with a request of its own.
  "route POST /api/v1/erasures": {
    setup: (w) =>
      apiProbe(w, {
        url: "/api/v1/erasures",
        method: "POST",
        body: { identifiers: [`probe-${randomBytes(4).toString("hex")}`], workspaceId: w.brand.web.id },
      }),
  },
  "route GET /api/v1/erasures/[erasureId]": {
    setup: async (w) => {
      const { id } = await failedErasure(w);
      return apiProbe(w, { url: `/api/v1/erasures/${id}`, params: { erasureId: id } });
    },
  },
  "route GET /api/v1/requests/[requestId]": {
    setup: async (w) => {
      const { requestId } = await pending(w);
      return apiProbe(w, { url: `/api/v1/requests/${requestId}`, params: { requestId } });
    },
  },
  "route POST /api/v1/requests/[requestId]/cancel": {
    setup: async (w) => {
      const { requestId } = await pending(w);
      return apiProbe(w, { url: `/api/v1/requests/${requestId}/cancel`, method: "POST", params: { requestId } });
    },
  },
  "route GET /api/v1/requests/[requestId]/status": {
    setup: async (w) => {
      const { requestId } = await pending(w);
      return apiProbe(w, { url: `/api/v1/requests/${requestId}/status`, params: { requestId } });
    },
  },
  "route GET /api/v1/shares": {
    setup: async (w) =>
      apiProbe(w, { url: "/api/v1/shares", mustInclude: (await requestInState(w.brand, "ACTIVE")).requestId }),
  },
  "route GET /api/console/audit/export": {
    setup: async (w) =>
      routeCall(`/api/console/audit/export?org=${slug(w)}`, {}, {}, (_r, body) =>
        body.startsWith("id,created_at,type,") ? null : `not the CSV header: ${body.slice(0, 80)}`,
      ),
  },
  "route GET /api/console/organizations": {
    setup: async (w) =>
      routeCall(`/api/console/organizations?q=${slug(w)}`, {}, {}, (_r, body) =>
        body.includes(`"slug":"${slug(w)}"`) ? null : `the brand is not in the answer: ${body.slice(0, 80)}`,
      ),
  },
  "route GET /api/console/requests/[requestId]/runs": {
    setup: async (w) => {
      const { requestId } = await requestInState(w.brand, "APPROVED");
      return routeCall(`/api/console/requests/${requestId}/runs`, { requestId });
    },
  },
  "route GET /api/health": {
    setup: async () => routeCall("/api/health", {}, {}, (_r, body) => (body.includes('"ok":true') ? null : body)),
  },
  "route GET /api/orgs/[orgSlug]/catalog/[datasetKey]/dictionary": {
    setup: async (w) =>
      routeCall(`/api/orgs/${slug(w)}/catalog/messaging-email/dictionary?format=json`, {
        orgSlug: slug(w),
        datasetKey: "messaging-email",
      }),
  },
  // A one-row file from Floe's own page (Origin), a fresh identifier per call so each success files anew (201).
  "route POST /api/orgs/[orgSlug]/erasures/upload": {
    setup: async (w) =>
      routeCall(
        `/api/orgs/${slug(w)}/erasures/upload?workspaceId=${w.brand.web.id}`,
        { orgSlug: slug(w) },
        {
          method: "POST",
          body: `external_user_id\nprobe-${randomBytes(4).toString("hex")}\n`,
          headers: { "content-type": "text/csv", origin: "http://localhost" },
        },
      ),
  },
  "route GET /api/orgs/[orgSlug]/requests/[requestId]/status": {
    setup: async (w) => {
      const { requestId } = await pending(w);
      return routeCall(`/api/orgs/${slug(w)}/requests/${requestId}/status`, { orgSlug: slug(w), requestId });
    },
  },
};
