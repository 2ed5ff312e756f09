import { describe, expect, it } from "vitest";
import {
  consumerIdentity,
  isNormalisedConsumerAccount,
  isUnresolvedLocator,
  parseConsumerAccount,
  parseNormalisedConsumerAccount,
  pasteConflicts,
  sameConsumerAccount,
} from "./account-identifier";
import { consumerAccountSchema, consumerTargetSchema, snowflakeRegionSchema } from "./account-identifier.schema";

const ok = (input: string, region?: string) => {
  const r = parseConsumerAccount(input, { region });
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to parse: ${r.message}`);
  return r.value;
};
const message = (input: unknown, region?: string) => {
  const r = parseConsumerAccount(input, { region });
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return r.message;
};

describe("parseConsumerAccount", () => {
  it("accepts ORG.ACCOUNT and normalises to upper case, trimming surrounding whitespace only", () => {
    expect(ok("  acmeretail.analytics \n")).toEqual({
      kind: "account-name",
      organization: "ACMERETAIL",
      accountName: "ANALYTICS",
      identifier: "ACMERETAIL.ANALYTICS",
    });
    expect(ok("MyOrg.My_Account_2").identifier).toBe("MYORG.MY_ACCOUNT_2");
  });

  it("accepts the URL form ORG-ACCOUNT and turns later hyphens back into underscores", () => {
    expect(ok("acmeretail-analytics").identifier).toBe("ACMERETAIL.ANALYTICS");
    expect(ok("myorg-my-account").identifier).toBe("MYORG.MY_ACCOUNT");
  });

  it("accepts bare locators and locators with region segments that agree with the chosen region", () => {
    expect(ok("xy12345")).toEqual({ kind: "locator", locator: "XY12345", identifier: "XY12345" });
    expect(ok("xy12345.us-east-2.aws", "AWS_US_EAST_2")).toMatchObject({
      identifier: "XY12345",
      regionFromSegments: "AWS_US_EAST_2",
    });
    expect(ok("xy12345.eu-central-1", "AWS_EU_CENTRAL_1").identifier).toBe("XY12345");
    expect(ok("xy12345.west-us-2.azure", "AZURE_WESTUS2").identifier).toBe("XY12345");
    expect(ok("xy12345.us-east4.gcp")).toMatchObject({ regionFromSegments: "GCP_US_EAST4" });
  });

  it("rejects region segments that contradict the chosen region, naming both", () => {
    const m = message("xy12345.us-east-2.aws", "AWS_EU_CENTRAL_1");
    expect(m).toContain("AWS_US_EAST_2");
    expect(m).toContain("AWS_EU_CENTRAL_1");
    expect(message("xy12345.mars-1.aws")).toMatch(/not a Snowflake region/);
  });

  it("gives specific messages for common mistakes", () => {
    expect(message("")).toMatch(/^Enter your Snowflake account identifier/);
    expect(message(undefined)).toMatch(/^Enter your Snowflake account identifier/);
    expect(message("ANALYTICS")).toMatch(/organization name/);
    expect(message("acme .analytics")).toMatch(/space/);
    expect(message('"ACME"."ANALYTICS"')).toMatch(/quote/);
    expect(message("XY12345;")).toMatch(/semicolon/);
    expect(message("XY12345--")).toMatch(/comment/);
    expect(message("ACME.ANALYTICS/*x*/")).toMatch(/comment/);
    expect(message("\u0410CME.ANALYTICS")).toMatch(/U\+0410.*looks like a Latin/);
    expect(message("\uFF21CME.ANALYTICS")).toMatch(/full-width/);
    expect(message("ACME\u202E.ANALYTICS")).toMatch(/text-direction/);
    expect(message("ACME\u200B.ANALYTICS")).toMatch(/zero-width/);
    expect(message("ACME\u0007.ANALYTICS")).toMatch(/control character/);
    expect(message("ACME\u0000")).toMatch(/NUL/);
    expect(message("1ACME.ANALYTICS")).toMatch(/organization name must start with a letter/);
    expect(message("ACME._X")).toMatch(/account name must start with a letter/);
    expect(message("AC_ME.X")).toMatch(/organization name may contain only letters A–Z and digits/);
    expect(message(`${"A".repeat(256)}.X`)).toMatch(/organization name is too long/);
    expect(message(`A.${"B".repeat(256)}`)).toMatch(/account name is too long/);
    expect(message("A".repeat(600))).toMatch(/too long/);
    expect(message("ACME..X")).toMatch(/empty part/);
    expect(message("A.B.C")).toMatch(/not a cloud|not a Snowflake region|too many dots|locator/);
    expect(message("https://acme-analytics.snowflakecomputing.com/")).toBe(
      "Enter the account identifier, not the URL. For this URL, enter ACME.ANALYTICS.",
    );
  });

  it("never echoes hostile characters back in messages", () => {
    expect(message("ACME\u202E.ANALYTICS")).not.toMatch(/\u202E/);
    expect(message("X\u0000Y")).not.toMatch(/\u0000/);
  });

  it("round-trips the normalised form", () => {
    expect(isNormalisedConsumerAccount("ACME.ANALYTICS")).toBe(true);
    expect(isNormalisedConsumerAccount("acme.analytics")).toBe(false);
    expect(parseNormalisedConsumerAccount("XY12345")).toEqual({
      kind: "locator",
      locator: "XY12345",
      identifier: "XY12345",
    });
    expect(parseNormalisedConsumerAccount('ACME"')).toBeUndefined();
  });
});

describe("request form schemas", () => {
  it("consumerAccountSchema outputs the normalised identifier or the parser's message", () => {
    expect(consumerAccountSchema.parse(" acme-analytics ")).toBe("ACME.ANALYTICS");
    const result = consumerAccountSchema.safeParse("ACME;DROP");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/semicolon/);
    expect(consumerAccountSchema.safeParse(42).error?.issues[0].message).toBe(
      "Enter your Snowflake account identifier.",
    );
  });

  it("snowflakeRegionSchema accepts only listed regions", () => {
    expect(snowflakeRegionSchema.parse("aws_us_east_1")).toBe("AWS_US_EAST_1");
    expect(snowflakeRegionSchema.safeParse("AWS_US_GOV_WEST_1").success).toBe(false);
  });

  it("consumerTargetSchema cross-checks locator segments against the region, on the identifier field", () => {
    expect(
      consumerTargetSchema.parse({ consumerAccount: "xy12345.us-east-2.aws", consumerRegion: "AWS_US_EAST_2" }),
    ).toEqual({
      consumerAccount: "XY12345",
      consumerRegion: "AWS_US_EAST_2",
      consumerRegionLabel: "AWS · US East (Ohio) · AWS_US_EAST_2",
    });
    const bad = consumerTargetSchema.safeParse({
      consumerAccount: "xy12345.us-east-2.aws",
      consumerRegion: "AWS_US_WEST_2",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["consumerAccount"]);
  });
});

describe("one identity per consumer account", () => {
  const identityOf = (typed: string, pasted = {}) => consumerIdentity(ok(typed), pasted);
  const acmePaste = {
    locator: "AR40001",
    region: "AWS_US_EAST_1",
    organization: "ACMERETAIL",
    accountName: "ANALYTICS",
  };

  it("gives every form of the same account the same canonical identity", () => {
    const forms = ["ACMERETAIL.ANALYTICS", "acmeretail.analytics", "AcmeRetail-Analytics", "acmeretail-analytics"];
    for (const form of forms) expect(identityOf(form).account).toBe("ACMERETAIL.ANALYTICS");
    // A locator with the pasted names is the same account, locator kept beside the name.
    expect(identityOf("ar40001", acmePaste)).toEqual({ account: "ACMERETAIL.ANALYTICS", locator: "AR40001" });
    expect(identityOf("ACMERETAIL.ANALYTICS", acmePaste)).toEqual({
      account: "ACMERETAIL.ANALYTICS",
      locator: "AR40001",
    });
    expect(identityOf("ar40001.us-east-1.aws")).toEqual({ account: "AR40001", locator: "AR40001" });
  });

  it("keeps a bare locator as its own identity until its name is known, and compares reported names by either part", () => {
    const bare = identityOf("AR40001");
    expect(isUnresolvedLocator(bare)).toBe(true);
    expect(sameConsumerAccount(bare, "ACMERETAIL.ANALYTICS")).toBe(false);
    const named = identityOf("AR40001", acmePaste);
    expect(isUnresolvedLocator(named)).toBe(false);
    expect(sameConsumerAccount(named, '"ACMERETAIL"."ANALYTICS"')).toBe(true);
    expect(sameConsumerAccount(named, "ACMERETAIL.PROD")).toBe(false);
    expect(sameConsumerAccount(named, "acmeretail.analytics")).toBe(true);
    expect(sameConsumerAccount(named, "AR40001")).toBe(true);
  });

  it("reports pasted values that contradict the form, on the field concerned", () => {
    expect(pasteConflicts(ok("AR40001"), "AWS_US_EAST_1", acmePaste)).toEqual({});
    const region = pasteConflicts(ok("AR40001"), "AWS_US_WEST_2", acmePaste);
    expect(region.consumerRegion).toMatch(/CURRENT_REGION\(\) is AWS_US_EAST_1, but you chose .*AWS_US_WEST_2/);
    expect(pasteConflicts(ok("AB12345"), "AWS_US_EAST_1", acmePaste).consumerAccount).toMatch(
      /CURRENT_ACCOUNT\(\) is AR40001/,
    );
    expect(pasteConflicts(ok("OTHER.ANALYTICS"), "AWS_US_EAST_1", acmePaste).consumerAccount).toMatch(
      /CURRENT_ORGANIZATION_NAME\(\) is ACMERETAIL/,
    );
    expect(pasteConflicts(ok("ACMERETAIL.PROD"), "AWS_US_EAST_1", acmePaste).consumerAccount).toMatch(
      /CURRENT_ACCOUNT_NAME\(\) is ANALYTICS/,
    );
  });
});
