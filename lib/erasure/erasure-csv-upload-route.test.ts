// The erasure CSV upload route (app/api/orgs/[orgSlug]/erasures/upload), called for real with only the session
// injected (like the authorization matrix): a good file is filed once (the same file again is the same
// request), bad rows are listed by line and nothing is filed until the brand asks for the valid rows alone,
// whole-file problems and an oversized body are refused, and only the brand's owners, from Floe's own page,
// may upload. Only this file's brands and requests are looked at.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const signedIn = vi.hoisted(() => ({ user: null as null | Record<string, unknown> }));
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => signedIn.user,
  getSessionContext: async () => null,
}));

import { POST } from "@/app/api/orgs/[orgSlug]/erasures/upload/route";
import { db } from "@/lib/db";
import { ERASURE_CSV_MAX_BYTES } from "@/lib/limits";
import { stopBoss } from "@/lib/provisioning/queue";
import { createBrand, type Brand } from "@/lib/testing/request-fixtures";
import { hashSubject } from "./subject-identifiers";

let brand: Brand;
let other: Brand;

beforeAll(async () => {
  [brand, other] = await Promise.all([createBrand(), createBrand()]);
});
afterAll(async () => {
  await stopBoss();
});

type Person = Brand["owner"] | Brand["manager"] | null;

async function upload(
  user: Person,
  body: BodyInit,
  options: { query?: string; slug?: string; headers?: Record<string, string> } = {},
) {
  signedIn.user = user;
  const slug = options.slug ?? brand.organization.slug;
  const response = await POST(
    new Request(`http://localhost/api/orgs/${slug}/erasures/upload${options.query ? `?${options.query}` : ""}`, {
      method: "POST",
      body,
      headers: { "content-type": "text/csv", origin: "http://localhost", ...options.headers },
      duplex: "half", // a streamed body (the 413 case) needs it
    } as RequestInit),
    { params: Promise.resolve({ orgSlug: slug }) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const requestsOf = (organizationId: string) =>
  db.erasureRequest.findMany({ where: { organizationId }, include: { subjects: true } });

describe("POST /api/orgs/[orgSlug]/erasures/upload", () => {
  it("files a good file once: de-duplicated, hashed, the same file again is the same request", async () => {
    const csv = "email\nana@example.com\nANA@example.com\n\ncust-1\n";
    const first = await upload(brand.owner, csv, { query: `workspaceId=${brand.web.id}` });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      filed: true,
      created: true,
      rows: 3,
      requested: 2,
      duplicates: 1,
      skippedRows: 0,
    });
    const again = await upload(brand.owner, "external_user_id\ncust-1\nana@example.com\n", {
      query: `workspaceId=${brand.web.id}`,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ filed: true, created: false, id: first.body.id });
    const [request] = await requestsOf(brand.organization.id);
    expect(request).toMatchObject({ id: first.body.id, source: "CSV", requestedCount: 2, duplicateCount: 1 });
    expect(request.requestedById).toBe(brand.owner.id);
    expect(request.workspaceId).toBe(brand.web.id);
    expect(request.subjects.map((s) => s.hash).sort()).toEqual(
      [hashSubject("EMAIL", "ana@example.com"), hashSubject("EXTERNAL_USER_ID", "cust-1")].sort(),
    );
    // Another workspace scope is another request (a different key).
    const everywhere = await upload(brand.owner, csv);
    expect(everywhere.status).toBe(201);
    expect(everywhere.body.id).not.toBe(first.body.id);
  });

  it("lists bad rows by line and files nothing; then files only the valid rows when asked", async () => {
    const before = (await requestsOf(brand.organization.id)).length;
    const csv = ["email", "bo@example.com", "bo@", "cust-2", "x".repeat(300), "cust-3"].join("\r\n");
    const report = await upload(brand.owner, csv);
    expect(report.status).toBe(422);
    expect(report.body).toEqual({
      filed: false,
      rows: 5,
      valid: 3,
      duplicates: 0,
      invalidRows: 2,
      errors: [
        { line: 3, message: "Identifier is not a valid e-mail address." },
        { line: 5, message: "Identifier is longer than 254 characters." },
      ],
    });
    expect(await requestsOf(brand.organization.id)).toHaveLength(before);
    const filed = await upload(brand.owner, csv, { query: "skipInvalid=1" });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ filed: true, requested: 3, skippedRows: 2 });
    const twice = await upload(brand.owner, csv, { query: "skipInvalid=1" });
    expect(twice.body).toMatchObject({ created: false, id: filed.body.id });
  });

  it("refuses whole-file problems with one clear message", async () => {
    const cases: [BodyInit, RegExp][] = [
      ["", /empty/],
      ["name,email\n", /header row but no identifiers/],
      ["Ana,ana@example.com\n", /^Wrong columns/],
      [new Uint8Array([0x63, 0xff, 0xfe, 0x0a]), /not UTF-8/],
      ["email\nbad@\n", /nothing to file|No row/],
    ];
    for (const [body, message] of cases) {
      const { status, body: answer } = await upload(brand.owner, body, { query: "skipInvalid=1" });
      expect(status, String(message)).toBe(400);
      expect((answer.error as { message: string }).message).toMatch(message);
    }
    const tooMany = Array.from({ length: 100_001 }, (_, i) => `c${i}`).join("\n");
    const many = await upload(brand.owner, tooMany);
    expect(many.status).toBe(400);
    expect((many.body.error as { message: string }).message).toMatch(/^Too many rows: 100,001/);
  });

  it("refuses a file over 8 MB with 413, declared or streamed", async () => {
    const declared = await upload(brand.owner, "x", {
      headers: { "content-length": String(ERASURE_CSV_MAX_BYTES + 1) },
    });
    expect(declared.status).toBe(413);
    const big = new Uint8Array(ERASURE_CSV_MAX_BYTES + 1).fill(0x61);
    const streamed = await upload(brand.owner, new Blob([big]).stream(), {});
    expect(streamed.status).toBe(413);
  });

  it("only the brand's owners, from Floe's own page, with the brand's own workspace", async () => {
    const before = (await requestsOf(brand.organization.id)).length;
    const csv = "cust-authz\n";
    expect((await upload(null, csv)).status).toBe(401);
    expect((await upload(brand.member, csv)).status).toBe(403);
    expect((await upload(brand.viewer, csv)).status).toBe(403);
    expect((await upload(other.owner, csv)).status).toBe(404);
    expect((await upload(brand.manager, csv)).status).toBe(404);
    expect((await upload(brand.owner, csv, { query: `workspaceId=${other.web.id}` })).status).toBe(404);
    const crossSite = await upload(brand.owner, csv, { headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect((await upload(brand.owner, csv, { headers: { "sec-fetch-site": "cross-site" } })).status).toBe(403);
    expect((await upload(brand.owner, csv, { query: "skipInvalid=yes" })).status).toBe(400);
    expect(await requestsOf(brand.organization.id)).toHaveLength(before);
    expect(await requestsOf(other.organization.id)).toHaveLength(0);
  });
});
