import { describe, expect, it } from "vitest";
import { planProvisioning } from "./plan";
import { planRevocation } from "./plan-revoke";
import { demoCatalog as catalog, demoRequest, demoTopology as topology } from "./testing/demo-plan-inputs";

describe("planRevocation", () => {
  it("in-region: remove accounts, delete entitlements and any proof code, drop the share, all on the lake account", () => {
    const request = demoRequest("nordlicht");
    const plan = planRevocation({ request, topology });
    const provisioned = planProvisioning({ request, topology, catalog });
    expect(plan.shareName).toBe(provisioned.shareName);
    expect(plan.steps.map((s) => [s.key, s.accountId])).toEqual([
      ["remove-accounts", "acct_lake_eu"],
      ["delete-entitlements", "acct_lake_eu"],
      ["delete-proof-code", "acct_lake_eu"],
      ["drop-share", "acct_lake_eu"],
    ]);
    expect(plan.steps.map((s) => s.statements)).toEqual([
      [{ sql: `ALTER SHARE IF EXISTS "${plan.shareName}" REMOVE ACCOUNTS = "NORDLICHT"."DWH"` }],
      [
        {
          sql: 'DELETE FROM "ENGAGEMENT_LAKE_EU"."SHARING"."ENTITLEMENTS" WHERE SHARE_NAME = ?',
          binds: [plan.shareName],
        },
      ],
      [
        {
          sql: 'DELETE FROM "ENGAGEMENT_LAKE_EU"."SHARING"."ACCOUNT_PROOFS" WHERE SHARE_NAME = ?',
          binds: [plan.shareName],
        },
      ],
      [{ sql: `DROP SHARE "${plan.shareName}"` }],
    ]);
    const drop = plan.steps.find((s) => s.key === "drop-share")!;
    expect(drop.alreadyDoneErrorCodes).toEqual(["002003"]);
    expect(drop.check.expect).toEqual({ kind: "share-absent", shareName: plan.shareName });
  });

  it("cross-region: entitlements deleted in the source, the replica refreshed, share dropped in the target; the group stays", () => {
    const plan = planRevocation({ request: demoRequest("pacific", { region: "AWS_US_EAST_1" }), topology });
    expect(plan.steps.map((s) => [s.key, s.accountId])).toEqual([
      ["remove-accounts", "acct_replica_us_west"],
      ["delete-entitlements", "acct_lake_us"],
      ["delete-proof-code", "acct_lake_us"],
      ["refresh-replica", "acct_replica_us_west"],
      ["drop-share", "acct_replica_us_west"],
    ]);
    expect(plan.steps.find((s) => s.key === "refresh-replica")!.check.expect).toEqual({
      kind: "count-equals",
      column: "N",
      value: 0,
      absentCountsAsZero: true,
    });
    expect(plan.steps.flatMap((s) => s.statements).some((s) => /DROP REPLICATION GROUP/.test(s.sql))).toBe(false);
  });

  it("is deterministic", () => {
    const request = demoRequest("pacific", { region: "AWS_US_EAST_1" });
    expect(JSON.stringify(planRevocation({ request, topology }))).toBe(
      JSON.stringify(planRevocation({ request: structuredClone(request), topology })),
    );
  });
});
