// The planner with a Floe-hosted reader account: the account is created first (its password a `?` the worker fills
// in, never in the plan), the share steps follow unchanged, and revocation drops the account after the share.
import { describe, expect, it } from "vitest";
import { planProvisioning } from "./plan";
import { planRevocation } from "./plan-revoke";
import { parseStoredPlan } from "./stored-plan";
import { demoCatalog, demoRequest, demoTopology } from "./testing/demo-plan-inputs";

const reader = { name: "FLOE_R_0123456789", adminName: "FLOE_READER_ADMIN" };
const request = {
  ...demoRequest("acme", { consumerAccount: `FLOEDATA.${reader.name}`, consumerRegion: "AWS_US_EAST_1" }),
  readerAccount: reader,
};

describe("plan with a reader account", () => {
  it("creates the reader account first on the share's account, with no password in the plan", () => {
    const plan = planProvisioning({ request, topology: demoTopology, catalog: demoCatalog });
    const [first, ...rest] = plan.steps;
    expect(first).toMatchObject({
      key: "create-reader-account",
      accountId: plan.shareAccountId,
      secretBind: "reader-password",
    });
    expect(first.statements.map((s) => s.sql)).toEqual([
      `CREATE MANAGED ACCOUNT "${reader.name}" ADMIN_NAME = "FLOE_READER_ADMIN", ADMIN_PASSWORD = ?, TYPE = READER, COMMENT = 'Floe reader account for request ${request.id}'`,
    ]);
    expect(first.statements[0].binds ?? []).toEqual([]);
    expect(rest.map((s) => s.key)).toEqual(
      planProvisioning({
        request: { ...request, readerAccount: null },
        topology: demoTopology,
        catalog: demoCatalog,
      }).steps.map((s) => s.key),
    );
    // The stored form reads back (the worker parses it before running).
    expect(parseStoredPlan(JSON.parse(JSON.stringify(plan))).steps[0].key).toBe("create-reader-account");
  });

  it("drops the reader account after the share at revocation", () => {
    const plan = planRevocation({ request, topology: demoTopology });
    expect(plan.steps.slice(-2).map((s) => [s.key, s.statements[0].sql])).toEqual([
      ["drop-share", expect.stringContaining("DROP SHARE")],
      ["drop-reader-account", `DROP MANAGED ACCOUNT "${reader.name}"`],
    ]);
  });
});
