// The published policy (docs/schema-change-policy.md): only a new column is additive; a breaking change applies
// 30 days after its announcement, an additive one at once.
import { describe, expect, it } from "vitest";
import { classifyChange, DEPRECATION_WINDOW_DAYS, effectiveFrom } from "./policy";
import { schemaChangeEmail } from "./emails";

describe("schema-change policy", () => {
  it("classifies adding a column as additive and every other change as breaking", () => {
    expect(classifyChange("ADD_COLUMN")).toBe("ADDITIVE");
    for (const kind of ["REMOVE_COLUMN", "RENAME_COLUMN", "CHANGE_TYPE"] as const)
      expect(classifyChange(kind)).toBe("BREAKING");
  });

  it("puts a breaking change 30 days after its announcement and an additive one at it", () => {
    const at = new Date("2027-01-31T12:00:00Z");
    expect(DEPRECATION_WINDOW_DAYS).toBe(30);
    expect(effectiveFrom("BREAKING", at).toISOString()).toBe("2027-03-02T12:00:00.000Z");
    expect(effectiveFrom("ADDITIVE", at)).toEqual(at);
  });

  it("writes the breaking mail with the date and a changelog link per dataset", () => {
    const mail = schemaChangeEmail({
      phase: "ANNOUNCED",
      orgSlug: "acme",
      baseUrl: "https://floe.example",
      shares: ["FLOE_ACME_X"],
      notices: [
        {
          datasetKey: "messaging-email",
          viewName: "V",
          piiViewOnly: false,
          columnName: "C",
          kind: "RENAME_COLUMN",
          classification: "BREAKING",
          description: "C becomes D.",
          effectiveAt: new Date("2027-03-02T12:00:00Z"),
        },
      ],
    });
    expect(mail.subject).toBe("Breaking change to your shared data from 2027-03-02");
    expect(mail.text).toContain("- V.C: column renamed (breaking, from 2027-03-02). C becomes D.");
    expect(mail.text).toContain("Changelog: https://floe.example/o/acme/catalog/messaging-email/changelog");
    expect(mail.text).toContain("Affected shares: FLOE_ACME_X");
  });
});
