// The public API's erasure routes through their real handlers: file (201), the same Idempotency-Key again
// (200, same request, nothing new), read, list; owners only and the erasures:write scope; a bad
// identifier refused with its index and nothing filed; another brand's request not found. Answers are
// checked against the zod schemas the OpenAPI document is built from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stopBoss } from "@/lib/provisioning/queue";
import { createBrand, type Brand } from "@/lib/testing/request-fixtures";
import * as erasuresRoute from "@/app/api/v1/erasures/route";
import * as erasureRoute from "@/app/api/v1/erasures/[erasureId]/route";
import { createApiToken } from "./api-tokens";
import type { ApiScope } from "./api-scopes";
import { erasurePageSchema, erasureSchema } from "./api-erasure-schemas";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: unknown,
  options: {
    method?: string;
    url: string;
    token: string;
    body?: unknown;
    key?: string;
    params?: Record<string, string>;
  },
) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token}` };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.key) headers["idempotency-key"] = options.key;
  const response = await (handler as Handler)(
    new Request(`http://localhost/api/v1${options.url}`, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

const token = async (b: Brand, scopes: ApiScope[], actorId = b.owner.id) =>
  (await createApiToken({ organizationId: b.organization.id, actorId, input: { name: "test", scopes } })).token;

let brand: Brand;
let other: Brand;
let owner: string;

beforeAll(async () => {
  brand = await createBrand();
  other = await createBrand();
  owner = await token(brand, ["read", "erasures:write"]);
});

afterAll(async () => {
  await stopBoss();
});

describe("/api/v1/erasures", () => {
  it("files an erasure, answers the same request for the same Idempotency-Key, reads and lists it", async () => {
    const body = { identifiers: ["cust-9", "Ann@Example.com", "ann@example.com"], workspaceId: brand.web.id };
    const first = await call(erasuresRoute.POST, { method: "POST", url: "/erasures", token: owner, body, key: "k-1" });
    expect(first.status).toBe(201);
    const erasure = erasureSchema.parse(first.json);
    expect(erasure).toMatchObject({ state: "QUEUED", source: "API", requested: 2, duplicates: 1, regions: [] });
    const again = await call(erasuresRoute.POST, { method: "POST", url: "/erasures", token: owner, body, key: "k-1" });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(erasure.id);
    expect(await db.erasureRequest.count({ where: { organizationId: brand.organization.id } })).toBe(1);

    const read = await call(erasureRoute.GET, {
      url: `/erasures/${erasure.id}`,
      token: owner,
      params: { erasureId: erasure.id },
    });
    expect(read.status).toBe(200);
    expect(erasureSchema.parse(read.json).dueAt).toBe(erasure.dueAt);
    const list = await call(erasuresRoute.GET, { url: "/erasures", token: owner });
    expect(erasurePageSchema.parse(list.json).items.map((e) => e.id)).toEqual([erasure.id]);
  });

  it("refuses a bad identifier by its index and files nothing; another brand's workspace or request is not found", async () => {
    const before = await db.erasureRequest.count({ where: { organizationId: brand.organization.id } });
    const bad = await call(erasuresRoute.POST, {
      method: "POST",
      url: "/erasures",
      token: owner,
      body: { identifiers: ["cust-1", "not@an"] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fieldErrors.identifiers).toEqual([
      "identifiers[1]: Identifier is not a valid e-mail address.",
    ]);
    const foreign = await call(erasuresRoute.POST, {
      method: "POST",
      url: "/erasures",
      token: owner,
      body: { identifiers: ["cust-1"], workspaceId: other.web.id },
    });
    expect(foreign.status).toBe(404);
    expect(await db.erasureRequest.count({ where: { organizationId: brand.organization.id } })).toBe(before);

    const theirs = await call(erasuresRoute.POST, {
      method: "POST",
      url: "/erasures",
      token: await token(other, ["read", "erasures:write"]),
      body: { identifiers: ["cust-1"] },
    });
    const peek = await call(erasureRoute.GET, {
      url: `/erasures/${theirs.json.id}`,
      token: owner,
      params: { erasureId: theirs.json.id },
    });
    expect(peek.status).toBe(404);
  });

  it("needs the erasures:write scope, and an owner behind the token", async () => {
    const body = { identifiers: ["cust-2"] };
    const readOnly = await call(erasuresRoute.POST, {
      method: "POST",
      url: "/erasures",
      token: await token(brand, ["read"]),
      body,
    });
    expect(readOnly.status).toBe(403);
    expect(readOnly.json.error.code).toBe("INSUFFICIENT_SCOPE");
    // A token acts as its creator with their current role: an owner made member may not file erasures.
    const demoted = await createBrand();
    const member = await token(demoted, ["read", "erasures:write"]);
    await db.membership.updateMany({
      where: { userId: demoted.owner.id, organizationId: demoted.organization.id },
      data: { role: "MEMBER" },
    });
    const byMember = await call(erasuresRoute.POST, { method: "POST", url: "/erasures", token: member, body });
    expect(byMember.status).toBe(403);
    expect(byMember.json.error.code).toBe("FORBIDDEN");
  });
});
