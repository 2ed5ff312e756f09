// Property: whatever (valid) request the planner gets, the SQL it generates contains no user text outside
// quoted identifiers and bind values. Every bare word must be one of our keywords, every string literal one
// we generated, every quoted identifier well formed, and the bind count must match the placeholders.

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hostileInputs } from "@/lib/snowflake/testing/hostile-inputs";
import { snowflakeRegionIds } from "@/lib/snowflake/regions";
import { tokenizeSql } from "@/lib/snowflake/testing/sql-tokens";
import { planProvisioning, planRelease } from "./plan";
import { planRevocation } from "./plan-revoke";
import { PlanError, type PlanRequest, type Statement, type Topology } from "./plan-types";
import { demoCatalog as catalog, demoTopology } from "./testing/demo-plan-inputs";

const keywords = new Set(
  `CREATE SHARE IF NOT EXISTS COMMENT GRANT USAGE ON DATABASE TO SCHEMA SELECT VIEW DELETE FROM WHERE SHARE_NAME
   INSERT INTO DATASET_KEY WORKSPACE_ID CONSUMER_ACCOUNT CONSUMER_REGION INCLUDES_PII GRANTED_AT VALUES CURRENT_TIMESTAMP ALTER
   ADD ACCOUNTS REMOVE DROP REPLICATION GROUP GROUPS OBJECT_TYPES DATABASES ALLOWED_DATABASES ALLOWED_ACCOUNTS
   REPLICATION_SCHEDULE AS REPLICA OF REFRESH SHOW SHARES LIKE GRANTS COUNT AND CODE CREATED_AT
   FUNCTION NUMBER VARCHAR`.split(/\s+/),
);
const fixedLiterals = new Set(["Managed by Floe; changes are overwritten", "10 MINUTE"]);

function assertSafe(statement: Statement, generatedNames: Set<string>): void {
  const tokens = tokenizeSql(statement.sql); // throws on comments, stray quotes or unknown characters
  for (const token of tokens) {
    if (token.kind === "word") expect(keywords, `bare word ${token.text} in ${statement.sql}`).toContain(token.text);
    if (token.kind === "string")
      expect(fixedLiterals.has(token.value) || generatedNames.has(token.value), `literal ${token.text}`).toBe(true);
    if (token.kind === "punct") expect(token.text, statement.sql).not.toBe(";");
  }
  expect(tokens.filter((t) => t.kind === "bind")).toHaveLength(statement.binds?.length ?? 0);
}

const textArb = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 80 }),
  fc.constantFrom(...hostileInputs.map((h) => h.value).filter((v) => v.length > 0 && v.length <= 255)),
);
const consumerArb = fc.oneof(
  fc
    .tuple(fc.stringMatching(/^[A-Z][A-Z0-9]{0,30}$/), fc.stringMatching(/^[A-Z][A-Z0-9_]{0,40}$/))
    .map(([o, a]) => `${o}.${a}`),
  fc.stringMatching(/^[A-Z]{1,4}[0-9][A-Z0-9]{1,10}$/),
);
const datasetsArb = fc
  .subarray(catalog.datasets, { minLength: 1 })
  .chain((datasets) =>
    fc.tuple(
      ...datasets.map((d) =>
        fc
          .subarray(d.tables, { minLength: 1 })
          .map((tables) => ({ key: d.key, views: tables.map((t) => ({ name: t.name, containsPii: true })) })),
      ),
    ),
  );
const requestArb: fc.Arbitrary<PlanRequest> = fc.record({
  id: fc.string({ unit: "binary", minLength: 1, maxLength: 200 }),
  organizationSlug: textArb,
  consumerAccount: consumerArb,
  consumerRegion: fc.constantFrom(...snowflakeRegionIds),
  includePii: fc.boolean(),
  accountControl: fc.constantFrom("proven" as const, "unproven" as const),
  workspaces: fc.constantFrom("AWS_US_EAST_1", "AWS_EU_CENTRAL_1").chain((region) =>
    fc.array(
      textArb.filter((t) => t.length <= 255).map((lakeWorkspaceId) => ({ lakeWorkspaceId, region })),
      { minLength: 1, maxLength: 4 },
    ),
  ),
  datasets: datasetsArb,
});
// Sometimes a vendor account exists in the consumer's region, so both cross-region outcomes are exercised.
const topologyArb: fc.Arbitrary<Topology> = fc
  .option(fc.constantFrom(...snowflakeRegionIds), { nil: undefined })
  .map((region) => ({
    providerAccounts: region
      ? [
          ...demoTopology.providerAccounts,
          {
            id: "acct_extra",
            organization: "FLOEDATA",
            name: "EXTRA_1",
            locator: "FD90001",
            region,
            hostsLake: false,
            lakeDatabase: null,
          },
        ]
      : demoTopology.providerAccounts,
  }));

describe("generated SQL never carries user text outside quoted identifiers and binds", () => {
  it("provisioning and revocation plans", () => {
    fc.assert(
      fc.property(requestArb, topologyArb, (request, topology) => {
        let plans;
        try {
          plans = [
            planProvisioning({ request, topology, catalog }),
            planRelease({ request, topology, catalog }),
            planRevocation({ request, topology }),
          ];
        } catch (error) {
          expect(error).toBeInstanceOf(PlanError);
          expect((error as PlanError).code).toBe("NO_VENDOR_ACCOUNT_IN_REGION");
          return;
        }
        for (const plan of plans) {
          const generated = new Set([plan.shareName, plan.replication?.groupName ?? ""]);
          for (const step of plan.steps) {
            // The proof code is the worker's run-time bind after the stored ones (PlanStep.secretBind).
            const sent = step.secretBind
              ? step.statements.map((s, i) =>
                  i === step.statements.length - 1 ? { ...s, binds: [...(s.binds ?? []), "CODE"] } : s,
                )
              : step.statements;
            for (const statement of [...sent, step.check.statement]) assertSafe(statement, generated);
          }
          const allSql = plan.steps.flatMap((s) => s.statements.map((st) => st.sql)).join("\n");
          // Workspace ids only travel as binds (checked on ids that cannot be mistaken for generated SQL).
          for (const ws of request.workspaces)
            if (ws.lakeWorkspaceId.length > 3 && !/^[A-Z0-9_" .]*$/.test(ws.lakeWorkspaceId))
              expect(allSql).not.toContain(ws.lakeWorkspaceId);
          if (plan.kind === "provision" && plan.stage !== "challenge") {
            const binds = plan.steps.find((s) => s.key === "write-entitlements")!.statements[1].binds!;
            for (const ws of request.workspaces) expect(binds).toContain(ws.lakeWorkspaceId);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("the safety check itself", () => {
  it("catches bare user text, stray literals, comments, extra statements and bind mismatches", () => {
    const names = new Set(["FLOE_X"]);
    expect(() => assertSafe({ sql: 'ALTER SHARE "FLOE_X" ADD ACCOUNTS = ACME.ANALYTICS' }, names)).toThrow();
    expect(() => assertSafe({ sql: "SHOW SHARES LIKE 'x'' OR 1'" }, names)).toThrow();
    expect(() => assertSafe({ sql: 'DROP SHARE "FLOE_X" -- x' }, names)).toThrow();
    expect(() => assertSafe({ sql: 'DROP SHARE "FLOE_X"; DROP SHARE "FLOE_X"' }, names)).toThrow();
    expect(() => assertSafe({ sql: 'DELETE FROM "T" WHERE SHARE_NAME = ?', binds: [] }, names)).toThrow();
    expect(() => assertSafe({ sql: 'DROP SHARE "FLOE_X' }, names)).toThrow();
    assertSafe({ sql: 'DROP SHARE "FLOE_X"' }, names);
  });
});
