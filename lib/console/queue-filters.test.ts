import { describe, expect, it } from "vitest";
import { ageRange, defaultQueueFilters, parseQueueParams, queueSearch } from "./queue-filters";

describe("queue filters in the URL", () => {
  it("defaults to pending requests, oldest first", () => {
    expect(parseQueueParams({})).toEqual({ ...defaultQueueFilters, after: null, before: null });
    expect(queueSearch(defaultQueueFilters)).toBe("");
  });

  it("round-trips every filter", () => {
    const filters = {
      state: "FAILED" as const,
      region: "AWS_US_WEST_2",
      org: "acme",
      cross: true,
      age: "gt7d" as const,
      mine: true,
      sort: "newest" as const,
    };
    const search = queueSearch(filters, { after: "abc_DEF-1" });
    const parsed = parseQueueParams(Object.fromEntries(new URLSearchParams(search)));
    expect(parsed).toEqual({ ...filters, after: "abc_DEF-1", before: null });
    expect(parseQueueParams({ state: "all" }).state).toBeNull();
    expect(queueSearch({ ...defaultQueueFilters, state: null })).toBe("?state=all");
  });

  it("drops anything malformed instead of failing", () => {
    const parsed = parseQueueParams({
      state: "DROP TABLE",
      region: "us-east-1'",
      org: "../x",
      cross: "maybe",
      age: "forever",
      sort: "sideways",
      after: "<script>",
    });
    expect(parsed).toEqual({ ...defaultQueueFilters, after: null, before: null });
    expect(parseQueueParams({ state: ["ACTIVE", "FAILED"] }).state).toBe("ACTIVE");
    // Bounded before any pattern runs: overlong values are dropped like malformed ones.
    expect(parseQueueParams({ org: "a".repeat(5_000), after: "A".repeat(5_000), region: "A".repeat(100_000) })).toEqual(
      { ...defaultQueueFilters, after: null, before: null },
    );
  });

  it("turns an age bucket into createdAt bounds", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    expect(ageRange("lt1d", now)).toEqual({ gt: new Date("2026-03-09T12:00:00Z") });
    expect(ageRange("1to7d", now)).toEqual({
      gt: new Date("2026-03-03T12:00:00Z"),
      lte: new Date("2026-03-09T12:00:00Z"),
    });
    expect(ageRange("gt30d", now)).toEqual({ lte: new Date("2026-02-08T12:00:00Z") });
    expect(ageRange(null, now)).toBeUndefined();
  });
});
