import { describe, expect, it } from "vitest";
import { planProvisioning } from "./plan";
import { PlanError, type Plan, type PlanRequest, type Topology } from "./plan-types";
import { demoCatalog as catalog, demoRequest, demoTopology as topology } from "./testing/demo-plan-inputs";

const sqlOf = (plan: Plan, key: string) => plan.steps.find((s) => s.key === key)!.statements.map((s) => s.sql);
const planError = (request: PlanRequest, top: Topology = topology): PlanError => {
  try {
    planProvisioning({ request, topology: top, catalog });
  } catch (error) {
    if (error instanceof PlanError) return error;
    throw error;
  }
  throw new Error("expected a PlanError");
};

describe("planProvisioning in-region (Acme, US East consumer, US East workspaces)", () => {
  const request = demoRequest("acme", { region: "AWS_US_EAST_1" });
  const plan = planProvisioning({ request, topology, catalog });

  it("runs every step on the lake account, in order", () => {
    expect(plan.crossRegion).toBe(false);
    expect(plan.replication).toBeNull();
    expect(plan.steps.map((s) => s.key)).toEqual([
      "create-share",
      "grant-usage",
      "grant-select",
      "grant-functions",
      "grant-erasures",
      "write-entitlements",
      "add-accounts",
    ]);
    expect(new Set(plan.steps.map((s) => s.accountId))).toEqual(new Set(["acct_lake_us"]));
    expect(plan.shareName).toMatch(/^FLOE_ACME_[0-9A-Z]{12}$/);
    expect(plan.providerAccountRef).toBe("FLOEDATA.LAKE_US");
  });

  it("creates the share idempotently and never replaces it", () => {
    expect(sqlOf(plan, "create-share")).toEqual([
      `CREATE SHARE IF NOT EXISTS "${plan.shareName}" COMMENT = 'Managed by Floe; changes are overwritten'`,
    ]);
    expect(plan.steps.flatMap((s) => s.statements).some((s) => /OR\s+REPLACE/i.test(s.sql))).toBe(false);
  });

  it("grants USAGE on database and schema in one round trip, SELECT on each non-PII view", () => {
    const usage = plan.steps.find((s) => s.key === "grant-usage")!;
    expect(usage.batch).toBe(true);
    expect(usage.statements).toEqual([
      { sql: `GRANT USAGE ON DATABASE "ENGAGEMENT_LAKE_US" TO SHARE "${plan.shareName}"` },
      { sql: `GRANT USAGE ON SCHEMA "ENGAGEMENT_LAKE_US"."SHARED" TO SHARE "${plan.shareName}"` },
    ]);
    const selects = sqlOf(plan, "grant-select");
    expect(selects).toHaveLength(15); // acme shares all 4 datasets = all 15 tables
    expect(selects).toContain(
      `GRANT SELECT ON VIEW "ENGAGEMENT_LAKE_US"."SHARED"."USERS_MESSAGES_EMAIL_SEND_SHARED" TO SHARE "${plan.shareName}"`,
    );
    expect(selects.some((s) => s.includes('_ALL"'))).toBe(false);
    expect(plan.steps.find((s) => s.key === "grant-select")!.batch).toBe(true);
  });

  it("writes entitlements with binds only: delete by share name, then one multi-row insert", () => {
    const step = plan.steps.find((s) => s.key === "write-entitlements")!;
    expect(step.batch).toBe(false);
    const [del, ins] = step.statements;
    expect(del).toEqual({
      sql: 'DELETE FROM "ENGAGEMENT_LAKE_US"."SHARING"."ENTITLEMENTS" WHERE SHARE_NAME = ?',
      binds: [plan.shareName],
    });
    expect(ins.sql).toMatch(
      /^INSERT INTO "ENGAGEMENT_LAKE_US"\."SHARING"\."ENTITLEMENTS" \(SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII, GRANTED_AT\) VALUES /,
    );
    // 4 datasets × 2 US workspaces, 6 binds each; the PII tier is the request's (false here)
    expect(ins.binds).toHaveLength(8 * 6);
    expect(ins.binds!.slice(0, 6)).toEqual([
      plan.shareName,
      "changelogs",
      "5f1a0c3e9b2d4a7f8c6e0a01",
      "ACMERETAIL.ANALYTICS",
      "AWS_US_EAST_1",
      false,
    ]);
    expect(step.check.expect).toEqual({ kind: "count-equals", column: "N", value: 8 });
    // The check counts rows of the request's tier, so rows written with another tier are not "done".
    expect(step.check.statement.sql).toContain("AND INCLUDES_PII = ?");
    expect(step.check.statement.binds).toEqual([plan.shareName, "ACMERETAIL.ANALYTICS", "AWS_US_EAST_1", false]);
  });

  it("adds the consumer as quoted identifiers", () => {
    expect(sqlOf(plan, "add-accounts")).toEqual([
      `ALTER SHARE "${plan.shareName}" ADD ACCOUNTS = "ACMERETAIL"."ANALYTICS"`,
    ]);
  });

  it("describes the expected share for verify", () => {
    expect(plan.expectedShare).toMatchObject({
      accountId: "acct_lake_us",
      shareName: plan.shareName,
      database: "ENGAGEMENT_LAKE_US",
      accounts: ["ACMERETAIL.ANALYTICS"],
    });
    expect(plan.expectedShare.grants.slice(0, 2)).toEqual([
      { privilege: "USAGE", grantedOn: "DATABASE", name: "ENGAGEMENT_LAKE_US" },
      { privilege: "USAGE", grantedOn: "SCHEMA", name: "ENGAGEMENT_LAKE_US.SHARED" },
    ]);
    // 2 USAGE + 15 views + USAGE on the two secure functions of messaging-email + the erasure feed.
    expect(plan.expectedShare.grants).toHaveLength(20);
    expect(plan.expectedShare.grants.slice(-3)).toEqual([
      { privilege: "USAGE", grantedOn: "FUNCTION", name: "ENGAGEMENT_LAKE_US.SHARED.EMAIL_CAMPAIGN_FUNNEL" },
      { privilege: "USAGE", grantedOn: "FUNCTION", name: "ENGAGEMENT_LAKE_US.SHARED.EMAIL_CLICK_RATE" },
      { privilege: "SELECT", grantedOn: "VIEW", name: "ENGAGEMENT_LAKE_US.SHARED.ERASURES" },
    ]);
  });

  it("grants the erasure feed in its own step, checked by SHOW GRANTS, never in grant-select", () => {
    expect(sqlOf(plan, "grant-erasures")).toEqual([
      `GRANT SELECT ON VIEW "ENGAGEMENT_LAKE_US"."SHARED"."ERASURES" TO SHARE "${plan.shareName}"`,
    ]);
    expect(plan.steps.find((s) => s.key === "grant-erasures")!.check.expect).toEqual({
      kind: "grants-include",
      grants: [{ privilege: "SELECT", grantedOn: "VIEW", name: "ENGAGEMENT_LAKE_US.SHARED.ERASURES" }],
    });
    expect(sqlOf(plan, "grant-select").some((s) => s.includes('"ERASURES"'))).toBe(false);
  });

  it("adds the _ALL views of PII tables only when includePii", () => {
    const pii = planProvisioning({ request: { ...request, includePii: true }, topology, catalog });
    const views = pii.expectedShare.grants.filter((g) => g.grantedOn === "VIEW").map((g) => g.name);
    expect(views).toContain("ENGAGEMENT_LAKE_US.SHARED.USERS_MESSAGES_EMAIL_SEND_SHARED_ALL");
    expect(views).not.toContain("ENGAGEMENT_LAKE_US.SHARED.CHANGELOGS_CAMPAIGN_SHARED_ALL"); // no PII columns
    expect(views).toHaveLength(15 + 13 + 1); // + ERASURES
  });

  it("supports locator consumers", () => {
    const byLocator = planProvisioning({ request: { ...request, consumerAccount: "AR40001" }, topology, catalog });
    expect(sqlOf(byLocator, "add-accounts")[0]).toMatch(/ADD ACCOUNTS = "AR40001"$/);
  });
});

describe("planProvisioning cross-region (Pacific, US West consumer, US East lake)", () => {
  const request = demoRequest("pacific", { region: "AWS_US_EAST_1", includePii: true });
  const plan = planProvisioning({ request, topology, catalog });
  const group = "FLOE_RG_ENGAGEMENT_LAKE_US_TO_AWS_US_WEST_2";

  it("replicates from the lake to the vendor account in the consumer's region and shares there", () => {
    expect(plan.crossRegion).toBe(true);
    expect(plan.steps.map((s) => [s.key, s.accountId])).toEqual([
      ["replication-group-source", "acct_lake_us"],
      ["write-entitlements", "acct_lake_us"],
      ["replication-group-replica", "acct_replica_us_west"],
      ["refresh-replica", "acct_replica_us_west"],
      ["create-share", "acct_replica_us_west"],
      ["grant-usage", "acct_replica_us_west"],
      ["grant-select", "acct_replica_us_west"],
      ["grant-functions", "acct_replica_us_west"],
      ["grant-erasures", "acct_replica_us_west"],
      ["add-accounts", "acct_replica_us_west"],
    ]);
    expect(plan.replication).toEqual({
      groupName: group,
      sourceAccountId: "acct_lake_us",
      targetAccountId: "acct_replica_us_west",
      database: "ENGAGEMENT_LAKE_US",
      schedule: "10 MINUTE",
    });
    expect(plan.providerAccountRef).toBe("FLOEDATA.REPLICA_US_WEST");
    expect(plan.expectedShare.accountId).toBe("acct_replica_us_west");
  });

  it("emits the replication DDL of SHARING.md", () => {
    expect(sqlOf(plan, "replication-group-source")).toEqual([
      `CREATE REPLICATION GROUP IF NOT EXISTS "${group}" OBJECT_TYPES = DATABASES ALLOWED_DATABASES = "ENGAGEMENT_LAKE_US" ALLOWED_ACCOUNTS = "FLOEDATA"."REPLICA_US_WEST" REPLICATION_SCHEDULE = '10 MINUTE'`,
    ]);
    expect(sqlOf(plan, "replication-group-replica")).toEqual([
      `CREATE REPLICATION GROUP IF NOT EXISTS "${group}" AS REPLICA OF "FLOEDATA"."LAKE_US"."${group}"`,
    ]);
    expect(sqlOf(plan, "refresh-replica")).toEqual([`ALTER REPLICATION GROUP "${group}" REFRESH`]);
  });

  it("writes entitlements in the source and checks the refresh by counting them in the replica", () => {
    const refresh = plan.steps.find((s) => s.key === "refresh-replica")!;
    expect(refresh.check.statement.sql).toContain('"ENGAGEMENT_LAKE_US"."SHARING"."ENTITLEMENTS"');
    expect(refresh.check.expect).toEqual({ kind: "count-equals", column: "N", value: 3 }); // 3 datasets × 1 US workspace
    // A PII request: every row carries the tier, and the replica check counts rows of that tier.
    const insert = plan.steps.find((s) => s.key === "write-entitlements")!.statements[1];
    expect(insert.binds!.filter((_, i) => i % 6 === 5)).toEqual([true, true, true]);
    expect(refresh.check.statement.binds!.at(-1)).toBe(true);
    expect(plan.steps.find((s) => s.key === "replication-group-replica")!.check.expect).toEqual({
      kind: "replication-group-exists",
      groupName: group,
      isPrimary: false,
      accountName: "REPLICA_US_WEST",
    });
  });

  it("replicates the EU lake into a lake-hosting account when that is the only one in the consumer's region", () => {
    const eu = planProvisioning({ request: demoRequest("acme", { region: "AWS_EU_CENTRAL_1" }), topology, catalog });
    expect(eu.crossRegion).toBe(true);
    expect(eu.replication).toMatchObject({
      groupName: "FLOE_RG_ENGAGEMENT_LAKE_EU_TO_AWS_US_EAST_1",
      sourceAccountId: "acct_lake_eu",
      targetAccountId: "acct_lake_us",
    });
    expect(eu.database).toBe("ENGAGEMENT_LAKE_EU");
  });
});

describe("planProvisioning errors", () => {
  it("refuses workspaces from two data regions", () => {
    const request = demoRequest("acme");
    request.workspaces = [
      { lakeWorkspaceId: "a", region: "AWS_US_EAST_1" },
      { lakeWorkspaceId: "b", region: "AWS_EU_CENTRAL_1" },
    ];
    const error = planError(request);
    expect(error.code).toBe("MIXED_REGIONS");
    expect(error.message).toContain("AWS_EU_CENTRAL_1, AWS_US_EAST_1");
  });

  it("refuses a consumer region without a vendor account", () => {
    const error = planError(demoRequest("acme", { consumerRegion: "AZURE_WESTEUROPE" }));
    expect(error.code).toBe("NO_VENDOR_ACCOUNT_IN_REGION");
    expect(error.message).toMatch(/^No vendor account in region AZURE_WESTEUROPE/);
  });

  it("refuses data regions without a lake, ambiguous lakes, unknown regions and malformed requests", () => {
    expect(
      planError(demoRequest("acme", { region: "AWS_US_EAST_1" }), {
        providerAccounts: topology.providerAccounts.filter((a) => a.region !== "AWS_US_EAST_1"),
      }).code,
    ).toBe("NO_LAKE_IN_REGION");
    const twin = { ...topology.providerAccounts[0], id: "acct_twin" };
    expect(
      planError(demoRequest("acme", { region: "AWS_US_EAST_1" }), {
        providerAccounts: [...topology.providerAccounts, twin],
      }).code,
    ).toBe("AMBIGUOUS_TOPOLOGY");
    expect(planError(demoRequest("acme", { consumerRegion: "MOON_1" })).code).toBe("UNKNOWN_REGION");
    expect(planError(demoRequest("acme", { consumerAccount: 'ACME"; DROP' })).code).toBe("INVALID_REQUEST");
    expect(planError(demoRequest("acme", { consumerAccount: "acme.analytics" })).code).toBe("INVALID_REQUEST");
    expect(planError({ ...demoRequest("acme"), workspaces: [] }).code).toBe("INVALID_REQUEST");
    expect(planError({ ...demoRequest("acme"), datasets: [] }).code).toBe("INVALID_REQUEST");
    expect(planError({ ...demoRequest("acme"), datasets: [{ key: "nope", views: [] }] }).code).toBe("UNKNOWN_DATASET");
    expect(
      planError({
        ...demoRequest("acme"),
        datasets: [{ key: "changelogs", views: [{ name: "USERS_BEHAVIORS_PURCHASE_SHARED", containsPii: true }] }],
      }).code,
    ).toBe("UNKNOWN_DATASET");
    expect(planError({ ...demoRequest("acme"), datasets: [{ key: "changelogs", views: [] }] }).code).toBe(
      "INVALID_REQUEST",
    );
  });
});

describe("planProvisioning determinism", () => {
  it("same input, identical plan; input order does not matter", () => {
    const request = demoRequest("acme", { region: "AWS_US_EAST_1", includePii: true });
    const a = planProvisioning({ request, topology, catalog });
    const b = planProvisioning({ request: structuredClone(request), topology: structuredClone(topology), catalog });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const shuffled = {
      ...request,
      workspaces: [...request.workspaces].reverse(),
      datasets: [...request.datasets].reverse().map((d) => ({ ...d, views: [...d.views].reverse() })),
    };
    expect(
      JSON.stringify(
        planProvisioning({
          request: shuffled,
          topology: { providerAccounts: [...topology.providerAccounts].reverse() },
          catalog,
        }),
      ),
    ).toBe(JSON.stringify(a));
  });

  it("is plain JSON (stored with the run and replayed as approved)", () => {
    const plan = planProvisioning({ request: demoRequest("pacific", { region: "AWS_US_EAST_1" }), topology, catalog });
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it("different requests of one brand get different shares", () => {
    const a = planProvisioning({
      request: demoRequest("acme", { id: "r1", region: "AWS_US_EAST_1" }),
      topology,
      catalog,
    });
    const b = planProvisioning({
      request: demoRequest("acme", { id: "r2", region: "AWS_US_EAST_1" }),
      topology,
      catalog,
    });
    expect(a.shareName).not.toBe(b.shareName);
  });
});
