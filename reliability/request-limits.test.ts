// Bounds on requests, through the real route handlers: every route handler discovered in app/ refuses a
// body over the limit with 413 (declared or streamed), before the session is read (a signed-out caller gets
// 413, not 401) and so before any query; overlong fields get 400; and magic-link requests are rate-limited
// per address and per client in PostgreSQL, through next-auth's own handler with a valid CSRF token.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startFakeSmtpServer } from "@/lib/testing/fake-smtp-server";
import { EMAIL_MAX_LENGTH, ERASURE_CSV_MAX_BYTES, ROUTE_BODY_MAX_BYTES } from "@/lib/limits";
import { discoverEndpoints, type DiscoveredEndpoint } from "./support/discover";
import { callAuthRoute } from "./support/next-auth-probes";
import { writeResult } from "./support/results";

const PER_ADDRESS = 3;
const PER_CLIENT = 5;
// Before lib/config is first read: magic links on (a real SMTP socket), small limits to reach them quickly.
const smtp = await startFakeSmtpServer();
process.env.EMAIL_SERVER = smtp.url;
process.env.FLOE_MAGIC_LINK_LIMIT_PER_ADDRESS = String(PER_ADDRESS);
process.env.FLOE_MAGIC_LINK_LIMIT_PER_CLIENT = String(PER_CLIENT);
process.env.FLOE_TRUST_PROXY = "1";

let routes: DiscoveredEndpoint[] = [];
const figures = {
  routes: 0,
  declaredRefused: 0,
  streamedRefused: 0,
  overlongFieldsRefused: 0,
  rateLimit: {} as Record<string, unknown>,
};

beforeAll(async () => {
  routes = (await discoverEndpoints()).filter((e) => e.kind === "route");
  figures.routes = routes.length;
});
afterAll(async () => {
  writeResult("request-limits", figures);
  await smtp.close();
});

/** Params that fill each dynamic segment of the route's URL pattern. */
function paramsFor(id: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [, name] of id.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)) params[name] = name === "nextauth" ? ["session"] : "x";
  return params;
}

async function invoke(
  endpoint: DiscoveredEndpoint,
  init: RequestInit & { duplex?: "half" },
): Promise<{ status: number; body: string }> {
  // Next's own request type (the next-auth route reads nextUrl); `duplex` is needed for a streamed body.
  const request = new NextRequest(
    "http://localhost:3000/api/probe",
    init as ConstructorParameters<typeof NextRequest>[1],
  );
  const response = (await (endpoint.fn as (r: Request, c: unknown) => Promise<Response>)(request, {
    params: Promise.resolve(paramsFor(endpoint.id)),
  })) as Response;
  return { status: response.status, body: await response.text() };
}

/** Routes that accept more than ROUTE_BODY_MAX_BYTES on purpose (and still stop reading past their own bound). */
const largerBodyLimits: Record<string, number> = {
  "route POST /api/v1/erasures": ERASURE_CSV_MAX_BYTES, // up to 100,000 identifiers in one call
  "route POST /api/orgs/[orgSlug]/erasures/upload": ERASURE_CSV_MAX_BYTES, // the portal's CSV of up to 100,000
};

/** A body that never ends on its own: the handler must stop reading it. */
function endless(): { stream: ReadableStream<Uint8Array>; sent: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(64 * 1024).fill(97);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.byteLength;
      if (sent > 64 * 1024 * 1024) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent };
}

describe("body limits on every route handler", () => {
  it("discovers the route handlers", () => {
    expect(routes.length).toBeGreaterThanOrEqual(7);
  });

  it("refuses a declared Content-Length over the limit with 413, signed out, before reading anything", async () => {
    for (const endpoint of routes) {
      const method = endpoint.exportName;
      const init =
        method === "GET" || method === "HEAD"
          ? { method, headers: { "content-length": String(60 * 1024 * 1024) } }
          : { method, body: "x", headers: { "content-length": String(60 * 1024 * 1024) } };
      const { status, body } = await invoke(endpoint, init);
      expect(status, `${endpoint.id}: ${body.slice(0, 200)}`).toBe(413);
      expect(JSON.parse(body)).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
      figures.declaredRefused++;
    }
  });

  it("stops reading a streamed body without Content-Length once it passes the limit", async () => {
    for (const endpoint of routes.filter((e) => e.exportName === "POST")) {
      const body = endless();
      const { status } = await invoke(endpoint, {
        method: "POST",
        body: body.stream,
        duplex: "half",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(status, endpoint.id).toBe(413);
      const limit = largerBodyLimits[endpoint.id] ?? ROUTE_BODY_MAX_BYTES;
      expect(body.sent(), endpoint.id).toBeLessThan(limit + 4 * 64 * 1024);
      figures.streamedRefused++;
    }
  });
});

describe("magic-link requests", () => {
  const auth = () => routes.find((e) => e.id === "route POST /api/auth/[...nextauth]")!.fn;
  const authGet = () => routes.find((e) => e.id === "route GET /api/auth/[...nextauth]")!.fn;

  async function csrf(): Promise<{ cookie: string; token: string }> {
    const response = await callAuthRoute(authGet(), "csrf");
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0];
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return { cookie, token: csrfToken };
  }

  async function requestLink(email: string, client: string): Promise<{ status: number; url: string }> {
    const { cookie, token } = await csrf();
    const response = await callAuthRoute(auth(), "signin/email", {
      method: "POST",
      body: new URLSearchParams({ email, csrfToken: token, callbackUrl: "/", json: "true" }).toString(),
      headers: {
        cookie,
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": `198.51.100.1, ${client}`,
      },
    });
    const body = (await response.json().catch(() => ({}))) as { url?: string };
    return { status: response.status, url: body.url ?? "" };
  }

  it("refuses an address longer than the limit with 400 before next-auth or any query", async () => {
    const { cookie, token } = await csrf();
    const response = await callAuthRoute(auth(), "signin/email", {
      method: "POST",
      body: new URLSearchParams({
        email: `${"a".repeat(EMAIL_MAX_LENGTH)}@x.example`,
        csrfToken: token,
        json: "true",
      }).toString(),
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(new RegExp(`at most ${EMAIL_MAX_LENGTH} characters`));
    figures.overlongFieldsRefused++;
  });

  it(`allows ${PER_ADDRESS} per address and ${PER_CLIENT} per client per window, counted in PostgreSQL; deletes expired links`, async () => {
    await db.verificationToken.create({
      data: { identifier: "old@x.example", token: `expired-${Date.now()}`, expires: new Date(Date.now() - 60_000) },
    });
    const suffix = Date.now().toString(36);
    const client = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const address = `limit-${suffix}@nowhere.example`;
    const outcomes: number[] = [];
    for (let i = 0; i < PER_ADDRESS + 1; i++) outcomes.push((await requestLink(address, client)).status);
    expect(outcomes).toEqual([...Array(PER_ADDRESS).fill(200), 429]);
    // A client address outside the range `client` is drawn from (1–200), so it can never be the same client.
    const limited = await requestLink(address, "203.0.113.250");
    expect(limited.status, "the address limit holds from another client too").toBe(429);
    expect(new URL(limited.url).searchParams.get("error")).toBe("RateLimited");

    // The same client with fresh addresses: its own budget runs out (the limited attempts above counted too).
    const more: number[] = [];
    for (let i = 0; i < 3; i++) more.push((await requestLink(`other-${i}-${suffix}@nowhere.example`, client)).status);
    expect(more).toEqual([200, 429, 429]);

    const buckets = await db.rateLimitBucket.findMany({
      where: { key: { in: [`magic-link:address:${address}`, `magic-link:client:${client}`] } },
    });
    expect(Object.fromEntries(buckets.map((b) => [b.key.split(":")[1], b.count]))).toEqual({
      address: PER_ADDRESS + 2,
      client: PER_CLIENT + 2,
    });
    expect(await db.verificationToken.count({ where: { expires: { lt: new Date() } } })).toBe(0);
    figures.rateLimit = {
      perAddress: PER_ADDRESS,
      perClient: PER_CLIENT,
      windowMinutes: 15,
      addressOutcomes: outcomes,
      clientOutcomes: more,
    };
  });
});
