import { describe, expect, it } from "vitest";
import { describePlan } from "./describe-plan";
import { mountInstructions } from "./mount-instructions";
import { planProvisioning } from "./plan";
import { planRevocation } from "./plan-revoke";
import { demoCatalog as catalog, demoRequest, demoTopology as topology } from "./testing/demo-plan-inputs";

describe("describePlan", () => {
  it("in-region: every statement, binds as comments, no cost, no lag", () => {
    const plan = planProvisioning({ request: demoRequest("nordlicht"), topology, catalog });
    const d = describePlan(plan);
    expect(d).toMatchObject({ crossRegion: false, expectedLag: null, costClass: "none", stepCount: 7 });
    for (const statement of plan.steps.flatMap((s) => s.statements)) expect(d.text).toContain(`${statement.sql};`);
    expect(d.text).toContain(`-- binds: 1="${plan.shareName}"`);
    expect(d.text).toContain("-- Step 1/7 create-share");
  });

  it("cross-region: flags replication cost and the 10-minute lag", () => {
    const d = describePlan(
      planProvisioning({ request: demoRequest("pacific", { region: "AWS_US_EAST_1" }), topology, catalog }),
    );
    expect(d.crossRegion).toBe(true);
    expect(d.costClass).toBe("replication-storage-and-transfer");
    expect(d.expectedLag).toMatch(/^Up to the 10-minute refresh schedule/);
    expect(d.text).toContain("every 10 minutes");
    // Accounts by name and region, as the approver knows them, not by database id.
    expect(d.text).toContain(
      "replicates from FLOEDATA.LAKE_US (AWS_US_EAST_1) to FLOEDATA.REPLICA_US_WEST (AWS_US_WEST_2)",
    );
    expect(d.text).not.toMatch(/on account /);
  });

  it("keeps hostile bind values on their comment line and visible", () => {
    const request = demoRequest("nordlicht");
    request.workspaces = [{ lakeWorkspaceId: "ws\n DROP SHARE X; \u202Eevil", region: "AWS_EU_CENTRAL_1" }];
    const text = describePlan(planProvisioning({ request, topology, catalog })).text;
    expect(text).not.toMatch(/^ DROP SHARE X/m);
    expect(text).not.toContain("\u202E");
    expect(text).toContain('"ws\\n DROP SHARE X; \\u202Eevil"');
  });

  it("describes revocations too", () => {
    const d = describePlan(planRevocation({ request: demoRequest("nordlicht"), topology }));
    expect(d.text).toMatch(/^-- Revoke share FLOE_NORDLICHT_/);
    expect(d.stepCount).toBe(4);
  });
});

describe("mountInstructions", () => {
  it("gives the consumer CREATE DATABASE FROM SHARE, the grant and sample queries", () => {
    const plan = planProvisioning({ request: demoRequest("pacific", { region: "AWS_US_EAST_1" }), topology, catalog });
    const m = mountInstructions({ plan, consumer: { localDatabase: "PACIFIC_EVENTS", role: "ANALYST" } });
    expect(m.statements).toEqual([
      `CREATE DATABASE PACIFIC_EVENTS FROM SHARE FLOEDATA.REPLICA_US_WEST.${plan.shareName};`,
      "GRANT IMPORTED PRIVILEGES ON DATABASE PACIFIC_EVENTS TO ROLE ANALYST;",
    ]);
    // Three queries on the first view, then the example call of each secure function the share grants.
    expect(m.sampleQueries).toHaveLength(5);
    expect(m.sampleQueries[3]).toContain("FROM TABLE(PACIFIC_EVENTS.SHARED.EMAIL_CAMPAIGN_FUNNEL(");
    expect(m.sampleQueries[4]).toContain("SELECT PACIFIC_EVENTS.SHARED.EMAIL_CLICK_RATE(");
    expect(m.sampleQueries[0]).toBe("SELECT * FROM PACIFIC_EVENTS.SHARED.CHANGELOGS_CAMPAIGN_SHARED LIMIT 10;");
    expect(m.sql).toContain(m.statements[0]);
  });

  it("shows the one purge query over SHARED.ERASURES, reaching back one replication interval cross-region", () => {
    const cross = planProvisioning({ request: demoRequest("pacific", { region: "AWS_US_EAST_1" }), topology, catalog });
    const m = mountInstructions({ plan: cross, consumer: { localDatabase: "PACIFIC_EVENTS" } });
    expect(m.purgeQuery).toBe(
      "DELETE FROM MY_COPY WHERE EXISTS (SELECT 1 FROM PACIFIC_EVENTS.SHARED.ERASURES e WHERE e.APP_GROUP_ID = MY_COPY.APP_GROUP_ID AND e.USER_ID = MY_COPY.USER_ID AND e.ERASED_AT >= '1970-01-01 00:00:00'::TIMESTAMP_NTZ - INTERVAL '15 MINUTES');",
    );
    // In the script only as a comment (it names the consumer's own table), and never among the data views.
    expect(m.sql).toContain(`-- ${m.purgeQuery}`);
    expect(m.sql.split("\n").filter((l) => l.startsWith("DELETE"))).toEqual([]);
    expect(m.sql).not.toMatch(/Shared views: .*ERASURES/);
    const inRegion = mountInstructions({
      plan: planProvisioning({ request: demoRequest("nordlicht"), topology, catalog }),
    });
    expect(inRegion.purgeQuery).toContain("- INTERVAL '5 MINUTES');");
  });

  it("defaults the names and quotes names that need it", () => {
    const plan = planProvisioning({ request: demoRequest("nordlicht"), topology, catalog });
    expect(mountInstructions({ plan }).statements[0]).toBe(
      `CREATE DATABASE ${plan.shareName} FROM SHARE FLOEDATA.LAKE_EU.${plan.shareName};`,
    );
    expect(mountInstructions({ plan, consumer: { localDatabase: 'my "db"' } }).statements[1]).toBe(
      'GRANT IMPORTED PRIVILEGES ON DATABASE "my ""db""" TO ROLE SYSADMIN;',
    );
  });
});
