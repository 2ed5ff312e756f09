import "server-only";
import { createHash } from "node:crypto";
import { erasureFeedView } from "@/lib/erasure/identity-migration-statements";
import { erasureRowsPolicy } from "@/lib/erasure/identity-objects";
import { createDescribedBoundaryView } from "@/lib/lake/lake-objects";
import { lakeTables, type LakeTable } from "@/lib/lake/lake-tables";
import {
  accountProofView,
  lakeSchemas,
  piiViewName,
  sharedViewName,
  shareRowsPolicyName,
} from "@/lib/snowflake/object-names";
import { qualified, quoteIdent, sql, sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import { evaluateExpectation, goalMetByMissingObject, grantObjectName, type Row } from "../plan-checks";
import { planForRequest } from "../plan-for-request";
import { grantErasuresSteps, isErasureFeedGrant } from "../plan-erasure-steps";
import { grantFunctionsSteps } from "../plan-function-steps";
import { grantSelectStep } from "../plan-steps";
import type { GrantRef, Plan, PlanStep, ProviderAccount } from "../plan-types";
import { loadTopology } from "../provider-accounts";
import type { AccountExecutor, Executors } from "../runtime-types";
import { describeFailure } from "@/lib/snowflake/query-error";

// The drift check of one ACTIVE share: Snowflake read back against the plan the request would get today
// (the same planner, the same catalog), part by part — the share itself, its grants, its consumer account,
// the entitlement rows (in the lake, and in the replica cross-region), and the definition of every view it
// grants: the view must exist and carry its dataset's row access policy, or the consumer reads rows that
// are not theirs (or none). Read-only. What can be re-applied becomes repair steps, built by the planner's
// own step builders (or the lake migration's view DDL); what cannot — the share dropped, a view missing in
// the lake — is reported for a person.

export type DriftFinding = {
  part: "share" | "grant" | "account" | "entitlements" | "view" | "replication";
  detail: string;
};

export type DriftReport = {
  checkedAt: string;
  shareName: string;
  /** Differences Floe re-applies with a repair run. */
  repairable: DriftFinding[];
  /** Differences that need a person (alerted once). */
  unrepairable: DriftFinding[];
  /** Fingerprint of every finding: the same drift found twice has the same signature. */
  signature: string;
};

export type DriftCheck = {
  report: DriftReport;
  /** The desired plan of the share (a complete provision plan). */
  plan: Plan;
  /** The repair steps in plan order (empty when nothing can be re-applied). */
  repairSteps: PlanStep[];
  /** The plan a repair run stores: the repair steps, and the share its verify step must read back. */
  repairPlan: Plan;
};

const clean = (value: unknown) =>
  String(value ?? "")
    .replace(/"/g, "")
    .trim()
    .toUpperCase();
const cell = (row: Row, column: string) =>
  row[Object.keys(row).find((k) => k.toLowerCase() === column.toLowerCase()) ?? column];
const grantLabel = (g: { privilege: unknown; grantedOn: unknown; name: unknown }) =>
  `${clean(g.privilege)} ON ${clean(g.grantedOn)} ${grantObjectName(g.grantedOn, g.name)}`;

/** Which lake table (and which variant) a SHARED view name belongs to. */
function viewsByName(): Map<string, { table: LakeTable; includePii: boolean }> {
  const map = new Map<string, { table: LakeTable; includePii: boolean }>();
  for (const table of lakeTables()) {
    map.set(sharedViewName(table.catalogName).toUpperCase(), { table, includePii: false });
    map.set(piiViewName(table.catalogName).toUpperCase(), { table, includePii: true });
  }
  return map;
}

async function checkMet(executor: AccountExecutor, step: PlanStep): Promise<boolean> {
  try {
    return evaluateExpectation(step.check.expect, (await executor.run(step.check.statement)).rows);
  } catch (error) {
    if (describeFailure(error).code === "002003") return goalMetByMissingObject(step.check.expect);
    throw error;
  }
}

export async function detectDrift(options: { requestId: string; executors: Executors }): Promise<DriftCheck> {
  const { plan } = await planForRequest(options.requestId);
  const topology = await loadTopology();
  const accountOf = (id: string): ProviderAccount => {
    const account = topology.providerAccounts.find((a) => a.id === id);
    if (!account) throw new Error(`The plan names provider account ${id}, which is not configured`);
    return account;
  };
  const expected = plan.expectedShare;
  const shareExecutor = await options.executors.forAccount(expected.accountId);
  const repairable: DriftFinding[] = [];
  const unrepairable: DriftFinding[] = [];
  const stepOf = (key: PlanStep["key"]) => plan.steps.find((s) => s.key === key);
  const repair = new Map<PlanStep["key"], PlanStep>();

  // 1. The share. Without it there is nothing to re-apply onto: a dropped share cannot be reattached to the
  // databases consumers mounted from it (SHARING.md: consumers must create their database again).
  const createShare = stepOf("create-share");
  if (createShare && !(await checkMet(shareExecutor, createShare))) {
    unrepairable.push({ part: "share", detail: `share ${expected.shareName} is missing in Snowflake` });
    return finish({ plan, repairable, unrepairable, repairSteps: [], verifyGrants: expected.grants });
  }

  // 2. The views the share grants: present in the lake (the share's account) and behind their policy.
  const known = viewsByName();
  const viewGrants = expected.grants.filter((g) => g.grantedOn === "VIEW");
  const showViews = await shareExecutor.run(
    sql`SHOW VIEWS IN SCHEMA ${qualified(expected.database, lakeSchemas.shared)}`.toStatement(),
  );
  const presentViews = new Set(showViews.rows.map((r) => clean(cell(r, "name"))));
  const missingViews = new Set<string>();
  const policyOf = new Map<string, string>(); // view → attached row access policy
  const policies = new Set<string>();
  for (const g of viewGrants) {
    const view = g.name.split(".").pop()!.toUpperCase();
    const entry = known.get(view);
    if (entry) policies.add(shareRowsPolicyName(entry.table.datasetKey, entry.includePii));
    if (isErasureFeedGrant(g)) policies.add(erasureRowsPolicy);
  }
  for (const policy of [...policies].sort()) {
    const ref = `${expected.database}.${lakeSchemas.sharing}.${policy}`;
    const { rows } = await shareExecutor.run(
      sql`SELECT REF_ENTITY_NAME AS "VIEW_NAME", POLICY_NAME AS "POLICY_NAME" FROM TABLE(${qualified(expected.database, "INFORMATION_SCHEMA")}.POLICY_REFERENCES(POLICY_NAME => ${sqlStringLiteral(ref)}))`.toStatement(),
    );
    for (const r of rows) policyOf.set(clean(cell(r, "VIEW_NAME")), clean(cell(r, "POLICY_NAME")));
  }
  const restores: ReturnType<typeof createDescribedBoundaryView>[] = [];
  for (const g of viewGrants) {
    const view = g.name.split(".").pop()!.toUpperCase();
    const entry = known.get(view);
    // The erasure feed (lake migration 7): behind its own policy, restored with the migration's DDL.
    if (isErasureFeedGrant(g) && presentViews.has(view)) {
      if (policyOf.get(view) === erasureRowsPolicy) continue;
      repairable.push({
        part: "view",
        detail: `view ${g.name} is not behind its row access policy ${erasureRowsPolicy}`,
      });
      restores.push(erasureFeedView({ database: plan.database, region: plan.consumer.region }));
      continue;
    }
    if (!presentViews.has(view) || !entry) {
      missingViews.add(view);
      unrepairable.push({ part: "view", detail: `view ${g.name} is missing in the lake` });
      continue;
    }
    const wanted = shareRowsPolicyName(entry.table.datasetKey, entry.includePii).toUpperCase();
    if (policyOf.get(view) !== wanted) {
      repairable.push({
        part: "view",
        detail: `view ${g.name} is not behind its row access policy ${wanted}${policyOf.has(view) ? ` (found ${policyOf.get(view)})` : ""}`,
      });
      restores.push(
        createDescribedBoundaryView(
          { database: plan.database, region: plan.consumer.region },
          entry.table,
          entry.includePii,
        ),
      );
    }
  }
  if (restores.length > 0) {
    // The views are made in the lake (the source account); cross-region the refresh carries them over.
    const source = accountOf(plan.sourceAccountId);
    repair.set("restore-view", {
      key: "restore-view",
      title: `Recreate ${restores.length} view${restores.length === 1 ? "" : "s"} behind their row access policy (COPY GRANTS)`,
      accountId: source.id,
      statements: restores.map((s) => s.toStatement()),
      batch: restores.length > 1,
      check: {
        description: "The views are behind their row access policies",
        statement: sql`SHOW VIEWS IN SCHEMA ${qualified(plan.database, lakeSchemas.shared)}`.toStatement(),
        // Never treated as done by a check: recreating a view with COPY GRANTS is safe to repeat.
        expect: { kind: "count-equals", column: "NEVER", value: -1 },
      },
    });
    if (plan.replication) {
      const refresh = stepOf("refresh-replica");
      if (refresh) repair.set("refresh-replica", refresh);
    }
  }

  // 3. Grants: compared one by one, so only the missing ones are granted again.
  const grants = await shareExecutor.run(sql`SHOW GRANTS TO SHARE ${quoteIdent(expected.shareName)}`.toStatement());
  const granted = new Set(
    grants.rows
      .filter((r) => clean(cell(r, "privilege")) !== "OWNERSHIP")
      .map((r) =>
        grantLabel({ privilege: cell(r, "privilege"), grantedOn: cell(r, "granted_on"), name: cell(r, "name") }),
      ),
  );
  const missing = expected.grants.filter((g) => !granted.has(grantLabel(g)));
  // More than the plan: not re-applying can fix that, and revoking by itself could cut off a consumer, so a
  // person decides. The proof view stays granted to a share whose account was proven by its code (by design).
  const planned = new Set(expected.grants.map(grantLabel));
  const proofView = grantLabel({
    privilege: "SELECT",
    grantedOn: "VIEW",
    name: `${expected.database}.${lakeSchemas.shared}.${accountProofView}`,
  });
  const extra = grants.rows
    .filter((r) => clean(cell(r, "privilege")) !== "OWNERSHIP")
    .map((r): GrantRef => ({
      privilege: clean(cell(r, "privilege")) as GrantRef["privilege"],
      grantedOn: clean(cell(r, "granted_on")) as GrantRef["grantedOn"],
      name: grantObjectName(cell(r, "granted_on"), cell(r, "name")),
    }))
    .filter((g) => !planned.has(grantLabel(g)));
  for (const g of extra)
    if (grantLabel(g) !== proofView) unrepairable.push({ part: "grant", detail: `unexpected grant ${grantLabel(g)}` });
  const missingUsage = missing.filter((g) => g.grantedOn === "DATABASE" || g.grantedOn === "SCHEMA");
  const missingFunctions = missing.filter((g) => g.grantedOn === "FUNCTION");
  const missingSelect = missing.filter(
    (g): g is GrantRef =>
      g.grantedOn === "VIEW" && !isErasureFeedGrant(g) && !missingViews.has(g.name.split(".").pop()!.toUpperCase()),
  );
  // The erasure feed: a share made before it existed (or whose grant was revoked) gets it from its own step.
  const missingFeed = missing.filter((g) => isErasureFeedGrant(g) && !missingViews.has(g.name.split(".").pop()!));
  for (const g of [...missingUsage, ...missingSelect, ...missingFunctions, ...missingFeed])
    repairable.push({ part: "grant", detail: `missing grant ${grantLabel(g)}` });
  const usage = stepOf("grant-usage");
  if (missingUsage.length > 0 && usage) repair.set("grant-usage", usage);
  if (missingSelect.length > 0) {
    repair.set("grant-select", grantSelectStep(accountOf(expected.accountId), expected.shareName, missingSelect));
  }
  // A secure function whose USAGE was revoked (or a share made before lake migration 6): granted again.
  const [grantFunctions] = grantFunctionsSteps(accountOf(expected.accountId), expected.shareName, missingFunctions);
  if (grantFunctions) repair.set("grant-functions", grantFunctions);
  if (missingFeed.length > 0)
    repair.set(
      "grant-erasures",
      grantErasuresSteps(accountOf(expected.accountId), expected.shareName, expected.database)[0],
    );

  // 4. Entitlement rows (and, cross-region, the replication and the replica's copy of them), then the account.
  for (const key of [
    "replication-group-source",
    "replication-group-replica",
    "write-entitlements",
    "refresh-replica",
    "add-accounts",
  ] as const) {
    const step = stepOf(key);
    if (!step || repair.has(key)) continue;
    if (await checkMet(await options.executors.forAccount(step.accountId), step)) continue;
    const part = key === "add-accounts" ? "account" : key.startsWith("replication") ? "replication" : "entitlements";
    repairable.push({ part, detail: `expected: ${step.check.description}` });
    repair.set(key, step);
    // New rows in the lake reach the replica only with a refresh.
    if (key === "write-entitlements" && plan.replication) {
      const refresh = stepOf("refresh-replica");
      if (refresh) repair.set("refresh-replica", refresh);
    }
  }

  // Plan order, with the view restore first (grants on a recreated view come after it).
  const order: PlanStep["key"][] = ["restore-view", ...plan.steps.map((s) => s.key)];
  const repairSteps = order.map((k) => repair.get(k)).filter((s): s is PlanStep => s !== undefined);
  // What the repair run's read-back must find: the plan's grants except those on views that are gone, and
  // the extra grants already reported (the repair neither adds nor removes them).
  const verifyGrants = [
    ...expected.grants.filter(
      (g) => g.grantedOn !== "VIEW" || !missingViews.has(g.name.split(".").pop()!.toUpperCase()),
    ),
    ...extra,
  ];
  return finish({ plan, repairable, unrepairable, repairSteps, verifyGrants });
}

function finish(parts: {
  plan: Plan;
  repairable: DriftFinding[];
  unrepairable: DriftFinding[];
  repairSteps: PlanStep[];
  verifyGrants: GrantRef[];
}): DriftCheck {
  const lines = [...parts.repairable, ...parts.unrepairable].map((f) => `${f.part}: ${f.detail}`).sort();
  const signature = lines.length === 0 ? "" : createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 32);
  return {
    plan: parts.plan,
    repairSteps: parts.repairSteps,
    repairPlan: {
      ...parts.plan,
      steps: parts.repairSteps,
      expectedShare: { ...parts.plan.expectedShare, grants: parts.verifyGrants },
    },
    report: {
      checkedAt: new Date().toISOString(),
      shareName: parts.plan.shareName,
      repairable: parts.repairable,
      unrepairable: parts.unrepairable,
      signature,
    },
  };
}
