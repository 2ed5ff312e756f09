// The brand search route's guard, called for real with only the session injected (like the authorization
// matrix, which lists this route too): staff get brands, a brand's own owner gets the 404 of an unknown
// URL, nobody signed in gets 401, and a bad parameter is a 400 that names it.
import { beforeAll, describe, expect, it, vi } from "vitest";

const signedIn = vi.hoisted(() => ({ user: null as null | Record<string, unknown> }));
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => signedIn.user,
  // No session context: memberships are then read by findMembership, for the injected user.
  getSessionContext: async () => null,
}));

import { GET } from "@/app/api/console/organizations/route";
import { createBrand, type Brand } from "@/lib/testing/request-fixtures";

let brand: Brand;

beforeAll(async () => {
  brand = await createBrand();
});

async function call(user: Brand["owner"] | Brand["manager"] | null, query: string) {
  signedIn.user = user;
  const response = await GET(new Request(`http://localhost/api/console/organizations?${query}`), {
    params: Promise.resolve({}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /api/console/organizations", () => {
  it("answers staff with matching brands (slug and name only)", async () => {
    const { status, body } = await call(brand.manager, `q=${brand.organization.slug}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [{ slug: brand.organization.slug, name: brand.organization.name }],
      nextCursor: null,
    });
  });

  it("refuses a brand user as not found and a stranger as unauthenticated", async () => {
    expect((await call(brand.owner, `q=${brand.organization.slug}`)).status).toBe(404);
    expect((await call(null, "q=a")).status).toBe(401);
  });

  it("names the bad parameter", async () => {
    const { status, body } = await call(brand.manager, "q=a&limit=0");
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain("INVALID_INPUT");
  });
});
