// Builders for the individual plan steps. Every statement goes through the `sql` template of
// lib/snowflake/sql-identifiers (quoted identifiers, binds for values), and every step carries the check
// that tells a re-run it is already done. Pure.

import { entitlementsTable, lakeSchemas, piiViewName, sharedViewName } from "@/lib/snowflake/object-names";
import {
  accountRef,
  bind,
  qualified,
  quoteIdent,
  sql,
  sqlJoin,
  sqlStringLiteral,
  type Sql,
} from "@/lib/snowflake/sql-identifiers";
import { functionGrantsFor } from "./plan-function-steps";
import type { ChosenDataset, Route } from "./plan-route";
import type { GrantRef, PlanStep, ProviderAccount, StepKey, StepCheck } from "./plan-types";

function step(
  key: StepKey,
  title: string,
  account: ProviderAccount,
  statements: Sql[],
  check: StepCheck,
  extra: Partial<PlanStep> = {},
): PlanStep {
  const bindFree = statements.every((s) => s.binds.length === 0);
  return {
    key,
    title,
    accountId: account.id,
    statements: statements.map((s) => s.toStatement()),
    // Bind-free statements share one multi-statement round trip; binds apply to single statements only.
    batch: bindFree && statements.length > 1,
    check,
    ...extra,
  };
}

const showShare = (shareName: string) => sql`SHOW SHARES LIKE ${sqlStringLiteral(shareName)}`.toStatement();
const showGrants = (shareName: string) => sql`SHOW GRANTS TO SHARE ${quoteIdent(shareName)}`.toStatement();
const entitlements = (database: string) => qualified(database, lakeSchemas.sharing, entitlementsTable);

/** The grants a share needs: USAGE on the database and SHARED schema, SELECT on each chosen secure view, USAGE on its datasets' secure functions. */
export function grantsFor(database: string, datasets: ChosenDataset[], includePii: boolean): GrantRef[] {
  const views = new Set<string>();
  for (const dataset of datasets) {
    for (const view of dataset.views) {
      views.add(sharedViewName(view.table));
      // The _ALL variant only adds something for tables that have PII columns; least privilege otherwise.
      if (includePii && view.containsPii) views.add(piiViewName(view.table));
    }
  }
  return [
    { privilege: "USAGE", grantedOn: "DATABASE", name: database },
    { privilege: "USAGE", grantedOn: "SCHEMA", name: `${database}.${lakeSchemas.shared}` },
    ...[...views].sort().map((v): GrantRef => ({
      privilege: "SELECT",
      grantedOn: "VIEW",
      name: `${database}.${lakeSchemas.shared}.${v}`,
    })),
    ...functionGrantsFor(database, datasets),
  ];
}

export function createShareStep(account: ProviderAccount, shareName: string): PlanStep {
  return step(
    "create-share",
    `Create share ${shareName}`,
    account,
    // Never OR REPLACE: replacing a live share drops every consumer database mounted from it.
    [
      sql`CREATE SHARE IF NOT EXISTS ${quoteIdent(shareName)} COMMENT = ${sqlStringLiteral("Managed by Floe; changes are overwritten")}`,
    ],
    {
      description: `SHOW SHARES has an outbound share named ${shareName}`,
      statement: showShare(shareName),
      expect: { kind: "share-exists", shareName },
    },
  );
}

export function grantUsageStep(account: ProviderAccount, shareName: string, database: string): PlanStep {
  const share = quoteIdent(shareName);
  const grants = grantsFor(database, [], false);
  return step(
    "grant-usage",
    `Grant USAGE on ${database} and its ${lakeSchemas.shared} schema`,
    account,
    [
      sql`GRANT USAGE ON DATABASE ${quoteIdent(database)} TO SHARE ${share}`,
      sql`GRANT USAGE ON SCHEMA ${qualified(database, lakeSchemas.shared)} TO SHARE ${share}`,
    ],
    {
      description: "SHOW GRANTS TO SHARE lists USAGE on the database and schema",
      statement: showGrants(shareName),
      expect: { kind: "grants-include", grants },
    },
  );
}

export function grantSelectStep(account: ProviderAccount, shareName: string, grants: GrantRef[]): PlanStep {
  const share = quoteIdent(shareName);
  const viewGrants = grants.filter((g) => g.grantedOn === "VIEW");
  // Each secure view needs its own GRANT: Snowflake has no bulk grant on views to a share.
  const statements = viewGrants.map(
    (g) => sql`GRANT SELECT ON VIEW ${qualified(...g.name.split("."))} TO SHARE ${share}`,
  );
  return step(
    "grant-select",
    `Grant SELECT on ${viewGrants.length} secure view${viewGrants.length === 1 ? "" : "s"}`,
    account,
    statements,
    {
      description: "SHOW GRANTS TO SHARE lists SELECT on every chosen view",
      statement: showGrants(shareName),
      expect: { kind: "grants-include", grants: viewGrants },
    },
  );
}

export type EntitlementInput = {
  shareName: string;
  database: string;
  datasets: ChosenDataset[];
  workspaceIds: string[];
  consumerAccount: string;
  consumerRegion: string;
  /**
   * The request's PII tier, written on every row: the `_ALL` views' row access policy shows a row only when
   * the share reading it has an entitlement with INCLUDES_PII (lib/lake/lake-objects.ts).
   */
  includePii: boolean;
};

/** The entitlement rows a share grants, the same in-region and cross-region: every chosen dataset for every workspace. */
export function entitlementFor(route: Route, datasets: ChosenDataset[], includePii: boolean): EntitlementInput {
  return {
    shareName: route.shareName,
    database: route.database,
    datasets,
    workspaceIds: route.workspaceIds,
    consumerAccount: route.consumer.identifier,
    consumerRegion: route.consumerRegion,
    includePii,
  };
}

/**
 * Counts the share's rows for its consumer; with `includePii` only rows of that tier, so a re-run finds a
 * write with the wrong tier not done. Revocation counts without it (every row of the share must go).
 */
export function entitlementCountCheck(
  account: "source" | "replica",
  e: Omit<EntitlementInput, "datasets" | "workspaceIds" | "includePii"> & { includePii?: boolean },
  n: number,
): StepCheck {
  const tier = e.includePii === undefined ? sql`` : sql` AND INCLUDES_PII = ${bind(e.includePii)}`;
  const what = e.includePii === undefined ? "" : e.includePii ? " (with PII)" : " (without PII)";
  return {
    description: `${account === "source" ? "The lake" : "The replica"} has ${n} entitlement row${n === 1 ? "" : "s"}${what} for ${e.shareName}`,
    statement:
      sql`SELECT COUNT(*) AS "N" FROM ${entitlements(e.database)} WHERE SHARE_NAME = ${bind(e.shareName)} AND CONSUMER_ACCOUNT = ${bind(e.consumerAccount)} AND CONSUMER_REGION = ${bind(e.consumerRegion)}${tier}`.toStatement(),
    expect: { kind: "count-equals", column: "N", value: n, ...(n === 0 ? { absentCountsAsZero: true } : {}) },
  };
}

/** Delete-then-insert keyed by share name: re-running it after a crash converges on the same rows. */
export function writeEntitlementsStep(account: ProviderAccount, e: EntitlementInput): PlanStep {
  const table = entitlements(e.database);
  const rows = e.datasets.flatMap((d) =>
    e.workspaceIds.map(
      (ws) =>
        sql`(${bind(e.shareName)}, ${bind(d.key)}, ${bind(ws)}, ${bind(e.consumerAccount)}, ${bind(e.consumerRegion)}, ${bind(e.includePii)}, CURRENT_TIMESTAMP())`,
    ),
  );
  return step(
    "write-entitlements",
    `Write ${rows.length} entitlement row${rows.length === 1 ? "" : "s"} (${e.datasets.length} dataset${e.datasets.length === 1 ? "" : "s"} × ${e.workspaceIds.length} workspace${e.workspaceIds.length === 1 ? "" : "s"})`,
    account,
    [
      sql`DELETE FROM ${table} WHERE SHARE_NAME = ${bind(e.shareName)}`,
      sql`INSERT INTO ${table} (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII, GRANTED_AT) VALUES ${sqlJoin(rows, ",\n  ")}`,
    ],
    entitlementCountCheck("source", e, rows.length),
  );
}

export function deleteEntitlementsStep(
  account: ProviderAccount,
  e: Omit<EntitlementInput, "datasets" | "workspaceIds" | "includePii">,
): PlanStep {
  return step(
    "delete-entitlements",
    `Delete the entitlement rows of ${e.shareName}`,
    account,
    [sql`DELETE FROM ${entitlements(e.database)} WHERE SHARE_NAME = ${bind(e.shareName)}`],
    {
      description: `The lake has no entitlement rows for ${e.shareName}`,
      statement:
        sql`SELECT COUNT(*) AS "N" FROM ${entitlements(e.database)} WHERE SHARE_NAME = ${bind(e.shareName)}`.toStatement(),
      // A dropped lake database (or entitlements table) holds no rows either.
      expect: { kind: "count-equals", column: "N", value: 0, absentCountsAsZero: true },
    },
  );
}

/** `locator`: the consumer's locator when known, so the checks recognise the account under either name. */
export function addAccountsStep(
  account: ProviderAccount,
  shareName: string,
  consumerAccount: string,
  locator: string | null = null,
): PlanStep {
  // No IF EXISTS: if the share is missing here something upstream is wrong, and that must fail loudly.
  return step(
    "add-accounts",
    `Add ${consumerAccount} to ${shareName}`,
    account,
    [sql`ALTER SHARE ${quoteIdent(shareName)} ADD ACCOUNTS = ${accountRef(consumerAccount)}`],
    {
      description: `SHOW SHARES lists ${consumerAccount} among the accounts of ${shareName}`,
      statement: showShare(shareName),
      expect: { kind: "share-accounts-include", shareName, accounts: [consumerAccount], locator },
    },
  );
}

export function removeAccountsStep(
  account: ProviderAccount,
  shareName: string,
  consumerAccount: string,
  locator: string | null = null,
): PlanStep {
  return step(
    "remove-accounts",
    `Remove ${consumerAccount} from ${shareName}`,
    account,
    [sql`ALTER SHARE IF EXISTS ${quoteIdent(shareName)} REMOVE ACCOUNTS = ${accountRef(consumerAccount)}`],
    {
      description: `${shareName} is gone or no longer lists ${consumerAccount}`,
      statement: showShare(shareName),
      expect: { kind: "share-accounts-exclude", shareName, accounts: [consumerAccount], locator },
    },
  );
}

export function dropShareStep(account: ProviderAccount, shareName: string): PlanStep {
  // SHARING.md: DROP SHARE documents no IF EXISTS. The check skips a dropped share, and 002003 ("does not
  // exist") from a race with another worker also means done.
  return step(
    "drop-share",
    `Drop share ${shareName}`,
    account,
    [sql`DROP SHARE ${quoteIdent(shareName)}`],
    {
      description: `SHOW SHARES has no share named ${shareName}`,
      statement: showShare(shareName),
      expect: { kind: "share-absent", shareName },
    },
    { alreadyDoneErrorCodes: ["002003"] },
  );
}
