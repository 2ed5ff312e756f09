import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBrand, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { defaultQueueFilters, type QueueFilters } from "./queue-filters";
import { listRequestQueue } from "./queue";

let brand: Brand;
const ids: Record<string, string> = {};

// Scoped to one fresh brand: other test files share the database.
const filtersFor = (overrides: Partial<QueueFilters> = {}): QueueFilters => ({
  ...defaultQueueFilters,
  org: brand.organization.slug,
  ...overrides,
});

beforeAll(async () => {
  brand = await createBrand();
  for (const [name, state] of [
    ["p1", "PENDING_APPROVAL"],
    ["p2", "PENDING_APPROVAL"],
    ["p3", "PENDING_APPROVAL"],
    ["p4", "PENDING_APPROVAL"],
    ["p5", "PENDING_APPROVAL"],
    ["f1", "FAILED"],
    ["a1", "ACTIVE"],
  ] as const) {
    ids[name] = (await requestInState(brand, state)).requestId;
  }
  // One cross-region request (EU workspace → US consumer) and one old one.
  ids.x1 = (await requestInState(brand, "PENDING_APPROVAL", { workspaceIds: [brand.europe.id] })).requestId;
  await db.shareRequest.update({ where: { id: ids.p1 }, data: { createdAt: new Date(Date.now() - 10 * 86_400_000) } });
});

describe("listRequestQueue", () => {
  it("counts per state under the other filters", async () => {
    const page = await listRequestQueue({
      filters: filtersFor(),
      position: { after: null, before: null },
      viewerId: brand.manager.id,
    });
    expect(page.countsByState).toMatchObject({ PENDING_APPROVAL: 6, FAILED: 1, ACTIVE: 1 });
    expect(page.total).toBe(8);
  });

  it("counts per region for the chosen state, and per state within the chosen region, from one grouping", async () => {
    const position = { after: null, before: null };
    const pending = await listRequestQueue({ filters: filtersFor(), position, viewerId: brand.manager.id });
    expect(pending.countsByRegion).toEqual({ AWS_US_EAST_1: 6 });
    expect(pending.organization).toEqual({ slug: brand.organization.slug, name: brand.organization.name });
    const elsewhere = await listRequestQueue({
      filters: filtersFor({ state: null, region: "AWS_EU_CENTRAL_1" }),
      position,
      viewerId: brand.manager.id,
    });
    expect(elsewhere.items).toEqual([]);
    expect(elsewhere.total).toBe(0);
    expect(elsewhere.countsByState).toEqual({});
    // Every state in the region menu when no state is chosen.
    expect(elsewhere.countsByRegion).toEqual({ AWS_US_EAST_1: 8 });
  });

  it("pages forward and back with keyset cursors, without gaps or repeats", async () => {
    const position = { after: null as string | null, before: null as string | null };
    const seen: string[][] = [];
    let page = await listRequestQueue({ filters: filtersFor(), position, viewerId: brand.manager.id, pageSize: 2 });
    seen.push(page.items.map((r) => r.id));
    expect(page.prevCursor).toBeNull();
    while (page.nextCursor) {
      page = await listRequestQueue({
        filters: filtersFor(),
        position: { after: page.nextCursor, before: null },
        viewerId: brand.manager.id,
        pageSize: 2,
      });
      seen.push(page.items.map((r) => r.id));
    }
    const all = seen.flat();
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
    expect(all[0]).toBe(ids.p1); // oldest first
    // Back from the last page gives the page before it.
    const back = await listRequestQueue({
      filters: filtersFor(),
      position: { after: null, before: page.prevCursor },
      viewerId: brand.manager.id,
      pageSize: 2,
    });
    expect(back.items.map((r) => r.id)).toEqual(seen[seen.length - 2]);

    const newest = await listRequestQueue({
      filters: filtersFor({ sort: "newest" }),
      position: { after: null, before: null },
      viewerId: brand.manager.id,
      pageSize: 10,
    });
    expect(newest.items.map((r) => r.id)).toEqual([...all].reverse());
  });

  it("filters by cross-region, age, region, state and 'assigned to me'", async () => {
    const list = async (overrides: Partial<QueueFilters>, viewerId = brand.manager.id) =>
      (
        await listRequestQueue({ filters: filtersFor(overrides), position: { after: null, before: null }, viewerId })
      ).items.map((r) => r.id);
    expect(await list({ cross: true })).toEqual([ids.x1]);
    expect(await list({ age: "gt7d" })).toEqual([ids.p1]);
    expect(await list({ state: "FAILED" })).toEqual([ids.f1]);
    expect(await list({ state: null, region: "AWS_EU_CENTRAL_1" })).toEqual([]);
    expect(await list({ mine: true })).toEqual([]);
    await db.organization.update({
      where: { id: brand.organization.id },
      data: { accountManagerId: brand.manager.id },
    });
    expect(await list({ mine: true })).toHaveLength(6);
    expect(await list({ mine: true }, brand.otherManager.id)).toEqual([]);
  });
});

describe("a hand-edited cursor", () => {
  it("opens the first page instead of failing", async () => {
    const page = await listRequestQueue({
      filters: filtersFor(),
      position: { after: "bm90LWEtY3Vyc29y", before: null },
      viewerId: brand.manager.id,
      pageSize: 2,
    });
    expect(page.items).toHaveLength(2);
    expect(page.prevCursor).toBeNull();
  });
});
