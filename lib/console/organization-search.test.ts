// The queue's brand search against a real database: substring of name or slug, case-insensitive, keyset
// pages that neither skip nor repeat a brand, and a clear refusal of bad parameters. Other test files share
// the database, so every search is narrowed to this file's own brands by a unique tag.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseOrganizationSearch, searchOrganizations } from "./organization-search";

const tag = `srch${randomBytes(3).toString("hex")}`;
const names = ["Alpha Outfitters", "alpha mart", "Beta Goods", "Gamma Alpha", "Delta"];

beforeAll(async () => {
  await db.organization.createMany({
    data: names.map((name, i) => ({ slug: `${tag}-${i}`, name: `${name} ${tag}` })),
  });
});

const search = async (query: Record<string, string>) =>
  searchOrganizations(parseOrganizationSearch(new URLSearchParams(query)));

describe("searchOrganizations", () => {
  it("matches a substring of the name in any case, or of the slug", async () => {
    const page = await search({ q: "ALPHA", limit: "50" });
    const mine = page.items.filter((o) => o.slug.startsWith(tag));
    // Order is the database's collation for names (keyset pages follow it; see the next test).
    expect(mine.map((o) => o.name).sort()).toEqual(
      [`alpha mart ${tag}`, `Alpha Outfitters ${tag}`, `Gamma Alpha ${tag}`].sort(),
    );
    expect((await search({ q: `GAMMA ALPHA ${tag.toUpperCase()}` })).items).toEqual([
      { slug: `${tag}-3`, name: `Gamma Alpha ${tag}` },
    ]);
    expect((await search({ q: `${tag}-2` })).items).toEqual([{ slug: `${tag}-2`, name: `Beta Goods ${tag}` }]);
  });

  it("pages with a cursor: every brand once, none skipped", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await search({ q: tag, limit: "2", ...(after ? { after } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((o) => o.slug));
      after = page.nextCursor;
      if (!after) break;
    }
    expect(seen.sort()).toEqual(names.map((_, i) => `${tag}-${i}`).sort());
    expect(new Set(seen).size).toBe(names.length);
  });

  it("refuses unknown parameters, a long query, a bad limit and a cursor it did not write", async () => {
    await expect(search({ q: tag, org: "x" })).rejects.toThrow("Unknown parameter: org.");
    await expect(search({ q: "x".repeat(101) })).rejects.toThrow("q must be at most 100 characters");
    await expect(search({ limit: "500" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(search({ after: "bm90LWEtY3Vyc29y" })).rejects.toThrow("after is not a cursor this search returned.");
  });

  it("treats LIKE wildcards as text", async () => {
    expect((await search({ q: `%${tag}` })).items).toEqual([]);
    expect((await search({ q: `_${tag}` })).items).toEqual([]);
  });
});
