import { describe, expect, it } from "vitest";
import { z } from "zod";
import { shareRequestSchema } from "./share-request.schema";

const valid = {
  orgSlug: "acme",
  workspaceIds: ["ws1", "ws2"],
  datasetKeys: "messaging-email",
  consumerAccount: " acmeretail-analytics ",
  consumerRegion: "aws_us_east_1",
};

const fieldErrors = (input: unknown) => {
  const result = shareRequestSchema.safeParse(input);
  if (result.success) throw new Error("expected a failure");
  return z.flattenError(result.error).fieldErrors as Record<string, string[]>;
};

describe("shareRequestSchema", () => {
  it("normalises the account identifier and the region, and accepts single values for lists", () => {
    expect(shareRequestSchema.parse(valid)).toEqual({
      orgSlug: "acme",
      workspaceIds: ["ws1", "ws2"],
      datasetKeys: ["messaging-email"],
      // No kind sent (older forms, the public API): the brand's own account.
      consumerKind: "OWN_ACCOUNT",
      consumerAccount: "ACMERETAIL.ANALYTICS",
      consumerRegion: "AWS_US_EAST_1",
      includePii: false,
      note: undefined,
    });
  });

  it("reads the PII checkbox as FormData sends it", () => {
    expect(shareRequestSchema.parse({ ...valid, includePii: "on" }).includePii).toBe(true);
    expect(shareRequestSchema.parse({ ...valid, note: "  for the BI team " }).note).toBe("for the BI team");
  });

  it("puts each problem on its field", () => {
    const errors = fieldErrors({
      orgSlug: "acme",
      consumerAccount: "https://acmeretail-analytics.snowflakecomputing.com",
      consumerRegion: "AWS_US_EAST_1",
    });
    expect(errors.workspaceIds).toEqual(["Choose at least one workspace."]);
    expect(errors.datasetKeys).toEqual(["Choose at least one dataset."]);
    expect(errors.consumerAccount?.[0]).toMatch(/not the URL/);
  });

  it("explains a URL pasted instead of an identifier, on the identifier field", () => {
    const errors = fieldErrors({ ...valid, consumerAccount: "https://acmeretail-analytics.snowflakecomputing.com" });
    expect(errors.consumerAccount?.[0]).toMatch(/not the URL.*ACMERETAIL\.ANALYTICS/);
  });

  it("refuses an unknown region and a locator whose region segments disagree with the chosen region", () => {
    expect(fieldErrors({ ...valid, consumerRegion: "MARS_1" }).consumerRegion?.[0]).toMatch(/from the list/);
    expect(fieldErrors({ ...valid, consumerAccount: "xy12345.us-east-2.aws" }).consumerAccount?.[0]).toMatch(
      /you selected/,
    );
  });

  it("refuses a too-long note", () => {
    expect(fieldErrors({ ...valid, note: "x".repeat(2001) }).note).toHaveLength(1);
  });
});

describe("shareRequestSchema with the pasted account details (region is enforced, not advised)", () => {
  const paste =
    "CURRENT_ACCOUNT()\tCURRENT_REGION()\tCURRENT_ORGANIZATION_NAME()\tCURRENT_ACCOUNT_NAME()\nAR40001\tAWS_US_EAST_1\tACMERETAIL\tANALYTICS";

  it("refuses a chosen region that contradicts the pasted CURRENT_REGION(), on the region field", () => {
    const errors = fieldErrors({ ...valid, consumerRegion: "AWS_US_WEST_2", pastedAccountDetails: paste });
    expect(errors.consumerRegion?.[0]).toMatch(/CURRENT_REGION\(\) is AWS_US_EAST_1, but you chose .*AWS_US_WEST_2/);
  });

  it("refuses an account that contradicts the paste, and a paste that is not the query result", () => {
    expect(
      fieldErrors({ ...valid, consumerAccount: "OTHERORG.ANALYTICS", pastedAccountDetails: paste })
        .consumerAccount?.[0],
    ).toMatch(/CURRENT_ORGANIZATION_NAME\(\) is ACMERETAIL/);
    expect(
      fieldErrors({ ...valid, pastedAccountDetails: "AR40001;\tAWS_US_EAST_1" }).pastedAccountDetails?.[0],
    ).toMatch(/semicolon/);
  });

  it("passes the paste through when it agrees, so the server action re-checks it", () => {
    const parsed = shareRequestSchema.parse({ ...valid, consumerAccount: "ar40001", pastedAccountDetails: paste });
    expect(parsed).toMatchObject({
      consumerAccount: "AR40001",
      consumerRegion: "AWS_US_EAST_1",
      pastedAccountDetails: paste,
    });
  });
});
