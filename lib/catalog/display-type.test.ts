import { describe, expect, it } from "vitest";
import { snowflakeDisplayType, toNumberOrNull } from "./display-type";
import { matchScore, searchTerms } from "./search-catalog-terms";

const t = (dataType: string, rest: Partial<Parameters<typeof snowflakeDisplayType>[0]> = {}) =>
  snowflakeDisplayType({
    dataType,
    characterMaximumLength: null,
    numericPrecision: null,
    numericScale: null,
    datetimePrecision: null,
    ...rest,
  });

describe("snowflakeDisplayType", () => {
  it("rebuilds the DDL spelling from INFORMATION_SCHEMA parts", () => {
    expect(t("TEXT", { characterMaximumLength: 16777216 })).toBe("VARCHAR(16777216)");
    expect(t("NUMBER", { numericPrecision: 38, numericScale: 0 })).toBe("NUMBER(38,0)");
    expect(t("NUMBER", { numericPrecision: 10, numericScale: 2 })).toBe("NUMBER(10,2)");
    expect(t("TIMESTAMP_LTZ", { datetimePrecision: 9 })).toBe("TIMESTAMP_LTZ(9)");
    expect(t("TIMESTAMP_NTZ", { numericScale: 3 })).toBe("TIMESTAMP_NTZ(3)");
    expect(t("TIMESTAMP_TZ")).toBe("TIMESTAMP_TZ(9)");
    expect(t("FLOAT")).toBe("FLOAT");
    expect(t("ARRAY")).toBe("ARRAY");
    expect(t("boolean")).toBe("BOOLEAN");
  });

  it("reads NUMBER cells whatever the driver returned", () => {
    expect(toNumberOrNull("38")).toBe(38);
    expect(toNumberOrNull(5n)).toBe(5);
    expect(toNumberOrNull(null)).toBeNull();
    expect(toNumberOrNull("x")).toBeNull();
  });
});

describe("catalog search matching", () => {
  it("treats _ as a space and needs every term", () => {
    expect(searchTerms("  Email_Address ")).toEqual(["email", "address"]);
    expect(matchScore(["email", "address"], "EMAIL_ADDRESS", null)).toEqual({ score: 4, matchedIn: "name" });
    expect(matchScore(["email"], "EMAIL_ADDRESS", null).score).toBe(3);
    expect(matchScore(["address"], "EMAIL_ADDRESS", null).score).toBe(2);
    expect(matchScore(["unix"], "TIME", "Unix time in seconds")).toEqual({ score: 1, matchedIn: "description" });
    expect(matchScore(["email", "zzz"], "EMAIL_ADDRESS", null).score).toBe(0);
  });
});
