import { describe, expect, it } from "vitest";
import { parsePastedAccountDetails } from "./pasted-account-details";

const parsed = (text: string, selection = {}) => {
  const r = parsePastedAccountDetails(text, selection);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe("parsePastedAccountDetails", () => {
  it("reads Snowsight's tab-separated copy with a header row", () => {
    const text =
      "CURRENT_ACCOUNT()\tCURRENT_REGION()\tCURRENT_ORGANIZATION_NAME()\tCURRENT_ACCOUNT_NAME()\nAR40001\tAWS_US_EAST_1\tACMERETAIL\tANALYTICS\n";
    expect(parsed(text)).toEqual({
      details: { locator: "AR40001", region: "AWS_US_EAST_1", organization: "ACMERETAIL", accountName: "ANALYTICS" },
      suggestedIdentifier: "ACMERETAIL.ANALYTICS",
      warnings: [],
    });
  });

  it("reads a header-less row in SELECT order, and headers in any order", () => {
    expect(parsed("ar40001\taws_us_east_1\tacmeretail").details).toEqual({
      locator: "AR40001",
      region: "AWS_US_EAST_1",
      organization: "ACMERETAIL",
    });
    expect(parsed("CURRENT_REGION(),CURRENT_ACCOUNT()\nAWS_EU_CENTRAL_1,NL50001").details).toEqual({
      region: "AWS_EU_CENTRAL_1",
      locator: "NL50001",
    });
  });

  it("reads SnowSQL's bordered table and CSV with quotes", () => {
    const snowsql = [
      "+-------------------+------------------+-----------------------------+",
      "| CURRENT_ACCOUNT() | CURRENT_REGION() | CURRENT_ORGANIZATION_NAME() |",
      "|-------------------+------------------+-----------------------------|",
      "| PO60001           | AWS_US_WEST_2    | PACIFICOUTFIT               |",
      "+-------------------+------------------+-----------------------------+",
    ].join("\r\n");
    expect(parsed(snowsql).details).toEqual({
      locator: "PO60001",
      region: "AWS_US_WEST_2",
      organization: "PACIFICOUTFIT",
    });
    expect(parsed('"CURRENT_ACCOUNT()","CURRENT_REGION()"\n"PO60001","PUBLIC.AWS_US_WEST_2"').details).toEqual({
      locator: "PO60001",
      region: "AWS_US_WEST_2",
    });
  });

  it("warns when the paste disagrees with what the user typed or selected", () => {
    const value = parsed("XY12345\tAWS_US_WEST_2\tACME\tPROD", {
      region: "AWS_US_EAST_1",
      consumerAccount: "ACME.ANALYTICS",
    });
    expect(value.warnings).toEqual([
      "Your account's CURRENT_REGION() is AWS_US_WEST_2, but you chose AWS · US East (N. Virginia) · AWS_US_EAST_1. Choose AWS_US_WEST_2: a share can only be delivered to the region your account is in.",
      "Your account's CURRENT_ACCOUNT_NAME() is PROD, but you entered ANALYTICS. Enter the account you pasted the details of.",
    ]);
    expect(parsed("XY12345", { consumerAccount: "AB12345" }).warnings).toEqual([
      "Your account's CURRENT_ACCOUNT() is XY12345, but you entered the locator AB12345. Enter the account you pasted the details of.",
    ]);
  });

  it("rejects pastes that are not the query result, with a reason", () => {
    const fail = (text: string) => {
      const r = parsePastedAccountDetails(text);
      return r.ok ? "accepted" : r.message;
    };
    expect(fail("")).toMatch(/Paste the result/);
    expect(fail("CURRENT_ACCOUNT()\tCURRENT_REGION()")).toMatch(/header row only/);
    expect(fail("XY12345\tAWS_US_EAST_1\nAB12345\tAWS_US_EAST_1")).toMatch(/several rows/);
    expect(fail("XY12345\tAWS_MOON_1")).toMatch(/not a Snowflake region/);
    expect(fail("XY12345;\tAWS_US_EAST_1")).toMatch(/semicolon/);
    expect(fail("X\u0410Y12345")).toMatch(/looks like a Latin/);
    expect(fail("x".repeat(20_000))).toMatch(/too long/);
  });
});
