// SQL statements per page view, counted on the Prisma client's pool (lib/db-query-counter.ts), for the
// pages the portal bench measures: brand home ≤ 6, request detail ≤ 10, manager queue ≤ 8, status route
// ≤ 3 (issue 15). The pages and their layouts are called as the server components they are (their data
// loading is what runs; client components are not). Only what Next provides per request is stood in for:
// the session cookie (getServerSession) and React's per-request `cache`, emulated by one memo per page
// view — the real memo is what lets a layout and its page share the session and the request read.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const memo = vi.hoisted(() => ({ entries: new Map<unknown, Map<string, unknown>>() }));
const signedIn = vi.hoisted(() => ({ session: null as null | { user: { id: string }; sv: number } }));

vi.mock("react", async (importOriginal) => {
  const react = await importOriginal<typeof import("react")>();
  // One page view = one memo (reset in beforeEach), like React's cache within one server render.
  const cache = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const entries = new Map<string, unknown>();
    memo.entries.set(fn, entries);
    return (...args: A): R => {
      const key = JSON.stringify(args);
      if (!entries.has(key)) entries.set(key, fn(...args));
      return entries.get(key) as R;
    };
  };
  return { ...react, cache };
});
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => signedIn.session,
}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => {},
}));

import { db } from "@/lib/db";
import { queryCount } from "@/lib/db-query-counter";
import { createBrand, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import PortalLayout from "@/app/(portal)/o/[orgSlug]/layout";
import BrandHomePage from "@/app/(portal)/o/[orgSlug]/page";
import RequestPage from "@/app/(portal)/o/[orgSlug]/requests/[requestId]/page";
import ConsoleLayout from "@/app/(console)/console/layout";
import QueuePage from "@/app/(console)/console/page";
import { GET as statusRoute } from "@/app/api/orgs/[orgSlug]/requests/[requestId]/status/route";

let brand: Brand;
let requestId: string;

async function signIn(userId: string) {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId } });
  signedIn.session = { user: { id: userId }, sv: sessionVersion };
}

/** Statements sent while `view` runs. */
async function statements(view: () => Promise<unknown>): Promise<number> {
  const before = queryCount();
  await view();
  return queryCount() - before;
}

beforeAll(async () => {
  brand = await createBrand();
  // A request with a run and its steps, and a few more so the lists are not empty.
  ({ requestId } = await requestInState(brand, "PROVISIONING"));
  await requestInState(brand, "PENDING_APPROVAL");
  await requestInState(brand, "ACTIVE");
});

beforeEach(() => {
  for (const entries of memo.entries.values()) entries.clear();
});

describe("statements per page view", () => {
  it("brand home: at most 6", async () => {
    await signIn(brand.owner.id);
    const params = Promise.resolve({ orgSlug: brand.organization.slug });
    const count = await statements(async () => {
      await PortalLayout({ children: null, params });
      await BrandHomePage({ params });
    });
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(6);
  });

  it("request detail: at most 10, one read of request, run and steps for the page and its live status", async () => {
    await signIn(brand.owner.id);
    const params = Promise.resolve({ orgSlug: brand.organization.slug, requestId });
    const count = await statements(async () => {
      await PortalLayout({ children: null, params });
      await RequestPage({ params });
    });
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(10);
  });

  it("manager queue, region filter: at most 8", async () => {
    await signIn(brand.manager.id);
    const count = await statements(async () => {
      await ConsoleLayout({ children: null });
      await QueuePage({ searchParams: Promise.resolve({ state: "all", region: "AWS_US_EAST_1" }) });
    });
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(8);
  });

  it("status route (the live view's poll): at most 3, and it answers", async () => {
    await signIn(brand.viewer.id);
    const url = `http://localhost/api/orgs/${brand.organization.slug}/requests/${requestId}/status`;
    let status = 0;
    const count = await statements(async () => {
      const response = await statusRoute(new Request(url), {
        params: Promise.resolve({ orgSlug: brand.organization.slug, requestId }),
      });
      status = response.status;
      expect(((await response.json()) as { state: string }).state).toBe("PROVISIONING");
    });
    expect(status).toBe(200);
    expect(count).toBeLessThanOrEqual(3);
  });
});
