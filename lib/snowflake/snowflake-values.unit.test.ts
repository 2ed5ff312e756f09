import { describe, expect, it } from "vitest";
import { toDate, toIsoTimestamp } from "./snowflake-values";

describe("the one Snowflake timestamp reader", () => {
  it("reads the SDK's Dates, epoch numbers and SHOW's text with its offset", () => {
    const sdkDate = Object.assign(new Date("2026-11-26T22:04:11.000Z"), { toJSON: () => "Thu, 26 Nov 2026 14:04:11" });
    expect(toIsoTimestamp(sdkDate)).toBe("2026-11-26T22:04:11.000Z");
    expect(toIsoTimestamp(Date.UTC(2026, 11, 15, 15, 18, 30, 502))).toBe("2026-12-15T15:18:30.502Z");
    expect(toIsoTimestamp("2026-12-15 15:18:30.502 +0000")).toBe("2026-12-15T15:18:30.502Z");
    expect(toIsoTimestamp("2026-12-15 15:18:30.502 -08:00")).toBe("2026-12-15T23:18:30.502Z");
    expect(toIsoTimestamp("2026-12-15 15:18:30")).toBe("2026-12-15T15:18:30.000Z"); // no zone: UTC
  });

  it("answers null for what is no timestamp, never an Invalid Date", () => {
    for (const value of [null, undefined, "", "yesterday", new Date(Number.NaN), {}, true])
      expect(toDate(value), String(value)).toBeNull();
  });
});
