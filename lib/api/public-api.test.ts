// The public API through its real route handlers: good, malformed, revoked, wrong-scope and other-org
// tokens; a creator demoted to viewer; keyset pagination; answers checked against the zod schemas the
// OpenAPI document is generated from; the rate limit per token; and the signed webhook a state change queues.
import { beforeAll, describe, expect, it } from "vitest";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { createBrand, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import * as requestsRoute from "@/app/api/v1/requests/route";
import * as requestRoute from "@/app/api/v1/requests/[requestId]/route";
import * as cancelRoute from "@/app/api/v1/requests/[requestId]/cancel/route";
import * as statusRoute from "@/app/api/v1/requests/[requestId]/status/route";
import * as sharesRoute from "@/app/api/v1/shares/route";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import * as erasuresRoute from "@/app/api/v1/erasures/route";
import * as erasureRoute from "@/app/api/v1/erasures/[erasureId]/route";
import { startWebhookReceiver } from "@/lib/webhooks/testing/webhook-receiver";
import { createWebhookEndpoint } from "@/lib/webhooks/webhook-endpoints";
import { deliverPendingWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { createApiToken, revokeApiToken } from "./api-tokens";
import type { ApiScope } from "./api-scopes";
import {
  errorSchema,
  requestDetailSchema,
  requestPageSchema,
  requestStatusSchema,
  sharePageSchema,
  workspaceListSchema,
} from "./api-schemas";

// Read by the first getConfig() of this process (lazily, after these lines run).
process.env.FLOE_API_RATE_LIMIT_PER_MINUTE = "40";

let brand: Brand;
let other: Brand;
let full: string;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: unknown,
  options: { method?: string; url: string; token?: string | null; body?: unknown; params?: Record<string, string> },
) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await (handler as Handler)(
    new Request(`http://localhost/api/v1${options.url}`, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

async function token(b: Brand, scopes: ApiScope[], actorId = b.owner.id) {
  return (await createApiToken({ organizationId: b.organization.id, actorId, input: { name: "test", scopes } })).token;
}

const createBody = (b: Brand, account: string) => ({
  workspaceIds: [b.web.id],
  datasetKeys: ["messaging-email"],
  consumerAccount: account,
  consumerRegion: "AWS_US_EAST_1",
});

beforeAll(async () => {
  brand = await createBrand();
  other = await createBrand();
  full = await token(brand, ["read", "requests:write"]);
});

describe("public API", () => {
  it("creates, reads, lists (keyset pages), follows and cancels a request with a good token", async () => {
    const created = await call(requestsRoute.POST, {
      method: "POST",
      url: "/requests",
      token: full,
      body: { ...createBody(brand, "APIORG.FIRST"), endsAt: "2099-01-01" },
    });
    // The end date is over the maximum (FLOE_SHARE_MAX_DAYS, 730 by default): the lib's own check.
    expect(created.status).toBe(400);
    expect(errorSchema.parse(created.json).error.fieldErrors?.endsAt?.[0]).toMatch(/at most 730 days/);

    const ok = await call(requestsRoute.POST, {
      method: "POST",
      url: "/requests",
      token: full,
      body: createBody(brand, "apiorg-first"),
    });
    expect(ok.status).toBe(201);
    const detail = requestDetailSchema.parse(ok.json);
    expect(detail).toMatchObject({ state: "PENDING_APPROVAL", consumerAccount: "APIORG.FIRST", endsAt: null });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { requestId: detail.id, type: "request.submitted" } });
    expect(audit).toMatchObject({ actorId: brand.owner.id });
    expect(audit.details).toMatchObject({ apiTokenId: expect.any(String) });

    // Duplicate: the UI's rule, with its own stable code.
    const dup = await call(requestsRoute.POST, {
      method: "POST",
      url: "/requests",
      token: full,
      body: createBody(brand, "APIORG.FIRST"),
    });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe("DUPLICATE_REQUEST");

    const second = await call(requestsRoute.POST, {
      method: "POST",
      url: "/requests",
      token: full,
      body: createBody(brand, "APIORG.SECOND"),
    });
    expect(second.status).toBe(201);

    const page1 = requestPageSchema.parse(
      (await call(requestsRoute.GET, { url: "/requests?limit=1", token: full })).json,
    );
    expect(page1.items.map((i) => i.id)).toEqual([second.json.id]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = requestPageSchema.parse(
      (await call(requestsRoute.GET, { url: `/requests?limit=1&cursor=${page1.nextCursor}`, token: full })).json,
    );
    expect(page2.items.map((i) => i.id)).toEqual([detail.id]);
    const bad = await call(requestsRoute.GET, { url: "/requests?cursor=garbage", token: full });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("INVALID_INPUT");

    const got = await call(requestRoute.GET, {
      url: `/requests/${detail.id}`,
      token: full,
      params: { requestId: detail.id },
    });
    expect(requestDetailSchema.parse(got.json).id).toBe(detail.id);
    const status = await call(statusRoute.GET, {
      url: `/requests/${detail.id}/status`,
      token: full,
      params: { requestId: detail.id },
    });
    expect(requestStatusSchema.parse(status.json).state).toBe("PENDING_APPROVAL");

    const cancelled = await call(cancelRoute.POST, {
      method: "POST",
      url: `/requests/${detail.id}/cancel`,
      token: full,
      params: { requestId: detail.id },
    });
    expect(cancelled.status).toBe(200);
    expect(requestDetailSchema.parse(cancelled.json).state).toBe("CANCELLED");
    const again = await call(cancelRoute.POST, {
      method: "POST",
      url: `/requests/${detail.id}/cancel`,
      token: full,
      params: { requestId: detail.id },
    });
    // lib/requests' answer when the state already moved on (here: cancelled by the first call).
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("CONFLICT");

    const workspaces = workspaceListSchema.parse(
      (await call(workspacesRoute.GET, { url: "/workspaces", token: full })).json,
    );
    expect(workspaces.items.map((w) => w.id).sort()).toEqual([brand.web.id, brand.mobile.id, brand.europe.id].sort());

    const lastUsed = await db.apiToken.findFirstOrThrow({ where: { organizationId: brand.organization.id } });
    expect(lastUsed.lastUsedAt).not.toBeNull();
  });

  it("lists shares with their stated freshness", async () => {
    const { requestId } = await requestInState(brand, "ACTIVE");
    const shares = sharePageSchema.parse((await call(sharesRoute.GET, { url: "/shares", token: full })).json);
    const share = shares.items.find((s) => s.requestId === requestId);
    expect(share).toMatchObject({ state: "ACTIVE", freshness: { source: "stated", replication: "none" } });
  });

  it("refuses missing, malformed, unknown and revoked tokens with 401 INVALID_TOKEN", async () => {
    const revoked = await token(brand, ["read"]);
    const row = await db.apiToken.findFirstOrThrow({ where: { displayPrefix: revoked.slice(0, 15) } });
    await revokeApiToken({ tokenId: row.id, actorId: brand.owner.id, organizationId: brand.organization.id });
    for (const t of [null, "nonsense", `floe_pat_${"A".repeat(43)}`, revoked]) {
      const answer = await call(requestsRoute.GET, { url: "/requests", token: t });
      expect(answer.status, String(t)).toBe(401);
      expect(errorSchema.parse(answer.json).error.code).toBe("INVALID_TOKEN");
      expect(answer.headers.get("www-authenticate")).toContain("Bearer");
    }
    const events = await db.auditEvent.findMany({
      where: { organizationId: brand.organization.id, type: { in: ["api.token_created", "api.token_revoked"] } },
      select: { type: true, details: true },
    });
    expect(
      events
        .filter((e) => (e.details as { tokenId?: string }).tokenId === row.id)
        .map((e) => e.type)
        .sort(),
    ).toEqual(["api.token_created", "api.token_revoked"]);
  });

  it("refuses a read-only token's write (INSUFFICIENT_SCOPE), another organisation's ids (NOT_FOUND), a demoted owner's write (FORBIDDEN)", async () => {
    const readOnly = await token(brand, ["read"]);
    const write = await call(requestsRoute.POST, {
      method: "POST",
      url: "/requests",
      token: readOnly,
      body: createBody(brand, "APIORG.SCOPE"),
    });
    expect(write.status).toBe(403);
    expect(write.json.error.code).toBe("INSUFFICIENT_SCOPE");

    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    const otherToken = await token(other, ["read", "requests:write"]);
    for (const [handler, url, method] of [
      [requestRoute.GET, `/requests/${requestId}`, "GET"],
      [statusRoute.GET, `/requests/${requestId}/status`, "GET"],
      [cancelRoute.POST, `/requests/${requestId}/cancel`, "POST"],
    ] as const) {
      const answer = await call(handler, { url, method, token: otherToken, params: { requestId } });
      expect(answer.status, url).toBe(404);
      expect(answer.json.error.code).toBe("NOT_FOUND");
    }
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("PENDING_APPROVAL");
    const otherList = requestPageSchema.parse(
      (await call(requestsRoute.GET, { url: "/requests", token: otherToken })).json,
    );
    expect(otherList.items.some((i) => i.id === requestId)).toBe(false);

    // A token acts as its creator with their current role: demoted to viewer, it may read but not write.
    const demoted = await token(other, ["read", "requests:write"], other.owner.id);
    await db.membership.update({
      where: { userId_organizationId: { userId: other.owner.id, organizationId: other.organization.id } },
      data: { role: "VIEWER" },
    });
    expect((await call(requestsRoute.GET, { url: "/requests", token: demoted })).status).toBe(200);
    const refused = await call(requestsRoute.POST, {
      method: "POST",
      url: "/requests",
      token: demoted,
      body: createBody(other, "APIORG.DEMOTED"),
    });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("FORBIDDEN");
  });

  it("limits calls per token (429 RATE_LIMITED with Retry-After), other tokens unaffected", async () => {
    const busy = await token(brand, ["read"]);
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++)
      statuses.push((await call(workspacesRoute.GET, { url: "/workspaces", token: busy })).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    const limited = await call(workspacesRoute.GET, { url: "/workspaces", token: busy });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(workspacesRoute.GET, { url: "/workspaces", token: full })).status).toBe(200);
  });

  it("queues a signed request.state_changed webhook for each state change, verified by the receiver", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const endpoint = await createWebhookEndpoint({
        organizationId: brand.organization.id,
        actorId: brand.owner.id,
        input: { url: receiver.url("/floe"), events: ["request.state_changed"] },
      });
      receiver.expectSecret("/floe", endpoint.secret);
      const created = await call(requestsRoute.POST, {
        method: "POST",
        url: "/requests",
        token: full,
        body: createBody(brand, "APIORG.HOOKED"),
      });
      await call(cancelRoute.POST, {
        method: "POST",
        url: `/requests/${created.json.id}/cancel`,
        token: full,
        params: { requestId: created.json.id },
      });
      expect(await deliverPendingWebhooks({ endpointIds: [endpoint.id] })).toMatchObject({ delivered: 2 });
      expect(receiver.received.every((r) => r.check.ok && r.event === "request.state_changed")).toBe(true);
      const bodies = receiver.received.map((r) => JSON.parse(r.body));
      expect(bodies.map((b) => [b.data.from, b.data.to])).toEqual([
        [null, "PENDING_APPROVAL"],
        ["PENDING_APPROVAL", "CANCELLED"],
      ]);
      expect(bodies[0].data).toMatchObject({ requestId: created.json.id, organization: brand.organization.slug });
    } finally {
      await receiver.close();
    }
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1, generated from the schemas, and lists every /api/v1 route", async () => {
    const doc = (await call(openApiRoute.GET, { url: "/openapi.json" })).json;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["CreateRequest", "RequestDetail", "RequestPage", "RequestStatus", "SharePage", "Error"]),
    );
    expect(doc.components.schemas.CreateRequest.required).toEqual(
      expect.arrayContaining(["workspaceIds", "datasetKeys", "consumerAccount", "consumerRegion"]),
    );
    // Every route file under app/api/v1 (but the document itself) is a documented path with its methods.
    const root = path.resolve("app/api/v1");
    const routes: { path: string; methods: string[] }[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name === "route.ts") {
          const rel = path.relative(root, dir).split(path.sep).join("/");
          if (rel !== "openapi.json") routes.push({ path: `/${rel.replace(/\[(\w+)\]/g, "{$1}")}`, methods: [] });
        }
      }
    };
    walk(root);
    const modules: Record<string, Record<string, unknown>> = {
      "/requests": requestsRoute,
      "/requests/{requestId}": requestRoute,
      "/requests/{requestId}/cancel": cancelRoute,
      "/requests/{requestId}/status": statusRoute,
      "/shares": sharesRoute,
      "/workspaces": workspacesRoute,
      "/erasures": erasuresRoute,
      "/erasures/{erasureId}": erasureRoute,
    };
    expect(routes.map((r) => r.path).sort()).toEqual(Object.keys(doc.paths).sort());
    for (const route of routes) {
      const exported = Object.keys(modules[route.path]).filter((k) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k));
      expect(
        Object.keys(doc.paths[route.path])
          .map((m) => m.toUpperCase())
          .sort(),
        route.path,
      ).toEqual(exported.sort());
    }
  });
});
