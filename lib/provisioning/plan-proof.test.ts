// The proof-of-control plans (pure): which steps a challenge and a release run have, where they run, what
// the share exposes, and that the one-time code is never part of a plan.
import { describe, expect, it } from "vitest";
import { describePlan } from "./describe-plan";
import { mountInstructions, proofInstructions } from "./mount-instructions";
import { planProvisioning, planRelease } from "./plan";
import { compareAccounts } from "./verify-share";
import { demoCatalog as catalog, demoRequest, demoTopology as topology } from "./testing/demo-plan-inputs";

const keysAndAccounts = (plan: ReturnType<typeof planProvisioning>) => plan.steps.map((s) => [s.key, s.accountId]);

describe("proof-of-control plans", () => {
  it("in-region challenge: share, grants with the proof view, the code, the account — no entitlement rows", () => {
    const request = demoRequest("nordlicht", { accountControl: "unproven" });
    const plan = planProvisioning({ request, topology, catalog });
    expect(plan.stage).toBe("challenge");
    expect(keysAndAccounts(plan)).toEqual([
      ["create-share", "acct_lake_eu"],
      ["grant-usage", "acct_lake_eu"],
      ["grant-select", "acct_lake_eu"],
      ["grant-functions", "acct_lake_eu"],
      ["grant-erasures", "acct_lake_eu"],
      ["write-proof-code", "acct_lake_eu"],
      ["add-accounts", "acct_lake_eu"],
    ]);
    expect(plan.steps.flatMap((s) => s.statements).some((s) => /ENTITLEMENTS/.test(s.sql))).toBe(false);
    const proofGrant = { privilege: "SELECT", grantedOn: "VIEW", name: "ENGAGEMENT_LAKE_EU.SHARED.FLOE_ACCOUNT_PROOF" };
    expect(plan.expectedShare.grants).toContainEqual(proofGrant);
    expect(plan.steps.find((s) => s.key === "grant-select")!.statements.at(-1)!.sql).toBe(
      `GRANT SELECT ON VIEW "ENGAGEMENT_LAKE_EU"."SHARED"."FLOE_ACCOUNT_PROOF" TO SHARE "${plan.shareName}"`,
    );
    const code = plan.steps.find((s) => s.key === "write-proof-code")!;
    expect(code.secretBind).toBe("proof-code");
    expect(code.statements).toEqual([
      {
        sql: 'DELETE FROM "ENGAGEMENT_LAKE_EU"."SHARING"."ACCOUNT_PROOFS" WHERE SHARE_NAME = ?',
        binds: [plan.shareName],
      },
      {
        sql: 'INSERT INTO "ENGAGEMENT_LAKE_EU"."SHARING"."ACCOUNT_PROOFS" (SHARE_NAME, CODE, CREATED_AT) VALUES (?, ?, CURRENT_TIMESTAMP())',
        binds: [plan.shareName],
      },
    ]);
    expect(code.check.expect).toEqual({ kind: "count-equals", column: "N", value: 1 });
    expect(plan.steps.filter((s) => s.secretBind)).toHaveLength(1);
    expect(describePlan(plan).text).toContain("<one-time code, made when the step runs>");
  });

  it("cross-region challenge: the code is written in the source lake and refreshed to the replica before the account is added", () => {
    const plan = planProvisioning({
      request: demoRequest("pacific", { region: "AWS_US_EAST_1", accountControl: "unproven" }),
      topology,
      catalog,
    });
    expect(keysAndAccounts(plan)).toEqual([
      ["replication-group-source", "acct_lake_us"],
      ["write-proof-code", "acct_lake_us"],
      ["replication-group-replica", "acct_replica_us_west"],
      ["refresh-replica", "acct_replica_us_west"],
      ["create-share", "acct_replica_us_west"],
      ["grant-usage", "acct_replica_us_west"],
      ["grant-select", "acct_replica_us_west"],
      ["grant-functions", "acct_replica_us_west"],
      ["grant-erasures", "acct_replica_us_west"],
      ["add-accounts", "acct_replica_us_west"],
    ]);
    expect(plan.steps.find((s) => s.key === "refresh-replica")!.check.statement.sql).toMatch(
      /FROM "ENGAGEMENT_LAKE_US"."SHARING"."ACCOUNT_PROOFS"/,
    );
  });

  it("release: the entitlement rows, the code deleted, and cross-region the refresh; the share keeps the proof view's grant", () => {
    const inRegion = planRelease({
      request: demoRequest("nordlicht", { accountControl: "unproven" }),
      topology,
      catalog,
    });
    expect(inRegion.stage).toBe("release");
    expect(inRegion.steps.map((s) => s.key)).toEqual(["write-entitlements", "delete-proof-code"]);
    const cross = planRelease({ request: demoRequest("pacific", { region: "AWS_US_EAST_1" }), topology, catalog });
    expect(keysAndAccounts(cross)).toEqual([
      ["write-entitlements", "acct_lake_us"],
      ["delete-proof-code", "acct_lake_us"],
      ["refresh-replica", "acct_replica_us_west"],
    ]);
    expect(cross.expectedShare.grants.map((g) => g.name)).toContain("ENGAGEMENT_LAKE_US.SHARED.FLOE_ACCOUNT_PROOF");
  });

  it("a proven account gets the complete plan, without the proof view", () => {
    const plan = planProvisioning({ request: demoRequest("nordlicht"), topology, catalog });
    expect(plan.stage).toBe("complete");
    expect(plan.steps.map((s) => s.key)).not.toContain("write-proof-code");
    expect(plan.expectedShare.grants.map((g) => g.name).some((n) => n.endsWith("FLOE_ACCOUNT_PROOF"))).toBe(false);
  });

  it("gives the brand the two statements to mount the share and read its code, and leaves the proof view out of the sample queries", () => {
    const plan = planProvisioning({
      request: demoRequest("nordlicht", { accountControl: "unproven" }),
      topology,
      catalog,
    });
    expect(proofInstructions({ plan }).statements).toEqual([
      `CREATE DATABASE ${plan.shareName} FROM SHARE FLOEDATA.LAKE_EU.${plan.shareName};`,
      `SELECT CODE FROM ${plan.shareName}.SHARED.FLOE_ACCOUNT_PROOF;`,
    ]);
    expect(mountInstructions({ plan }).sql).not.toContain("FLOE_ACCOUNT_PROOF");
  });
});

describe("verify's account equivalence", () => {
  it("matches a listed ORG.ACCOUNT, and resolves a bare locator only when the share lists exactly one account", () => {
    expect(compareAccounts(["ACME.ANALYTICS"], ["ACME.ANALYTICS"], "AR40001")).toEqual({ missing: [], extra: [] });
    expect(compareAccounts(["ACME.ANALYTICS"], ["AR40001"], "AR40001")).toEqual({ missing: [], extra: [] });
    expect(compareAccounts(["AR40001"], ["ACME.ANALYTICS"], "AR40001")).toEqual({
      missing: [],
      extra: [],
      resolved: "ACME.ANALYTICS",
    });
    expect(compareAccounts(["AR40001"], ["ACME.ANALYTICS", "OTHER.ONE"], "AR40001")).toEqual({
      missing: ["AR40001"],
      extra: ["ACME.ANALYTICS", "OTHER.ONE"],
    });
    expect(compareAccounts(["AR40001"], [], "AR40001")).toEqual({ missing: ["AR40001"], extra: [] });
    expect(compareAccounts(["ACME.ANALYTICS"], ["OTHER.ONE"], null)).toEqual({
      missing: ["ACME.ANALYTICS"],
      extra: ["OTHER.ONE"],
    });
  });
});
