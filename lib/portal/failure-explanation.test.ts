import { describe, expect, it } from "vitest";
import { explainFailure } from "./failure-explanation";
import { brandStepTitle } from "./step-titles";

const base = { runKind: "PROVISION" as const, consumerAccount: "ACME.PROD", consumerRegion: "AWS_US_EAST_1" };

describe("explainFailure", () => {
  it("points at the account identifier when Snowflake cannot add the account", () => {
    const result = explainFailure({ ...base, stepKey: "add-accounts", errorCode: "002003" });
    expect(result.title).toBe("Snowflake did not accept your account");
    expect(result.explanation).toContain("could not find an account");
    expect(result.nextStep).toContain("CURRENT_ACCOUNT()");
  });

  it("does not read an undocumented code: the emulator's cross-region 003135 gets the generic refusal", () => {
    const result = explainFailure({ ...base, stepKey: "add-accounts", errorCode: "003135" });
    expect(result.explanation).toContain("Snowflake refused to add the account to the share.");
    expect(result.explanation).not.toContain("could not find");
    // The generic text still names both likely causes, so the brand can check its identifier and region.
    expect(result.explanation).toMatch(/mistyped account identifier or the wrong region/);
  });

  it("never repeats a Snowflake code or SQL", () => {
    for (const stepKey of ["add-accounts", "verify", "refresh-replica", "create-share", null]) {
      const text = JSON.stringify(explainFailure({ ...base, stepKey, errorCode: "002003" }));
      expect(text).not.toContain("002003");
      expect(text).not.toMatch(/ALTER SHARE|GRANT /);
    }
  });

  it("explains a failed removal separately", () => {
    expect(explainFailure({ ...base, runKind: "REVOKE", stepKey: "drop-share", errorCode: null }).title).toBe(
      "Removing the share did not finish",
    );
  });
});

describe("brandStepTitle", () => {
  it("has plain words for every step and a neutral fallback", () => {
    expect(brandStepTitle("add-accounts")).toBe("Add your Snowflake account to the share");
    expect(brandStepTitle("something-new")).toBe("Provisioning step");
  });
});
