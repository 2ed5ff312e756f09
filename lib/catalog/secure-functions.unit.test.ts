// The secure-function catalog is consistent with the lake: every function belongs to a catalog dataset, its
// DDL builds (names quoted, types checked by the quoting helper, no binds or $$ in the body) and reads only
// non-PII columns of its dataset's RAW tables, and the catalog cards show signature, description and an example.
import { describe, expect, it } from "vitest";
import lake from "@/lib/catalog/engagement-lake.json" with { type: "json" };
import { createSecureFunction } from "@/lib/lake/secure-function-objects";
import { lakeTables } from "@/lib/lake/lake-tables";
import { exampleDatabase, secureFunctionCards } from "./secure-function-cards";
import { secureFunctions, signatureOf } from "./secure-functions";

const target = { database: "ENGAGEMENT_LAKE_US", region: "AWS_US_EAST_1" };

describe("secure functions catalog", () => {
  it("every function belongs to a catalog dataset and names the table function and the scalar", () => {
    const keys = new Set(lake.datasets.map((d) => d.key));
    for (const f of secureFunctions) expect(keys).toContain(f.datasetKey);
    expect(secureFunctions.map((f) => [f.name, f.kind])).toEqual([
      ["EMAIL_CAMPAIGN_FUNNEL", "table"],
      ["EMAIL_CLICK_RATE", "scalar"],
    ]);
    expect(signatureOf(secureFunctions[1])).toBe(
      "EMAIL_CLICK_RATE(FOR_CAMPAIGN_ID VARCHAR, FROM_TIME NUMBER, TO_TIME NUMBER) RETURNS FLOAT",
    );
  });

  it("the DDL is a secure function with COPY GRANTS that reads no PII column and filters by the caller's entitlements", () => {
    const pii = new Set(lakeTables().flatMap((t) => t.columns.filter((c) => c.pii).map((c) => c.name)));
    for (const f of secureFunctions) {
      const ddl = createSecureFunction(target, f);
      expect(ddl.binds).toEqual([]);
      expect(ddl.text).toMatch(
        /^CREATE OR REPLACE SECURE FUNCTION "ENGAGEMENT_LAKE_US"\."SHARED"\."[A-Z_]+"\(.*\) COPY GRANTS RETURNS /,
      );
      const body = ddl.text.slice(ddl.text.indexOf("$$"));
      expect(body).toContain('"ENGAGEMENT_LAKE_US"."SHARING"."ENTITLEMENTS"');
      expect(body).toContain("e.CONSUMER_ACCOUNT = CURRENT_ACCOUNT()");
      expect(body).not.toContain('"SHARED"'); // RAW tables, never the views (INVOKER_SHARE() is NULL inside a UDF)
      const words = new Set(body.match(/[A-Z_]+/g));
      for (const column of pii) expect(words.has(column), `${f.name} reads PII column ${column}`).toBe(false);
    }
  });

  it("the catalog cards carry signature, description and an example call against the placeholder database", () => {
    const cards = secureFunctionCards("messaging-email");
    expect(cards.map((c) => c.name)).toEqual(["EMAIL_CAMPAIGN_FUNNEL", "EMAIL_CLICK_RATE"]);
    for (const c of cards) {
      expect(c.signature.startsWith(`${c.name}(`)).toBe(true);
      expect(c.description.length).toBeGreaterThan(20);
      expect(c.example).toContain(`${exampleDatabase}.SHARED.${c.name}(`);
    }
    expect(secureFunctionCards("changelogs")).toEqual([]);
  });
});
