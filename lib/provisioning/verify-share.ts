import "server-only";
import { quoteIdent, sql, sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import { grantObjectName, type Row } from "./plan-checks";
import type { GrantRef, Plan, Statement } from "./plan-types";
import type { Executors } from "./runtime-types";

// The last step of every provisioning run: read the share back from Snowflake and compare it with what the
// plan promised. A missing grant, an extra grant (someone granted more by hand) or a wrong account list
// fails the run with the difference, so an account manager sees it before the brand does.

export const VERIFY_STEP_KEY = "verify";

export type VerifyReport = {
  checkedAt: string;
  shareName: string;
  expected: { grants: string[]; accounts: string[] };
  actual: { grants: string[]; accounts: string[]; objects: string[] };
  missingGrants: string[];
  extraGrants: string[];
  missingAccounts: string[];
  extraAccounts: string[];
  /** Set when the consumer was added by a bare locator: the ORG.ACCOUNT name SHOW SHARES lists it under. */
  resolvedAccount?: string;
};

export type VerifyResult = {
  ok: boolean;
  summary: string;
  report: VerifyReport;
  queryIds: string[];
  resolvedAccount?: string;
};

const clean = (value: unknown) =>
  String(value ?? "")
    .replace(/"/g, "")
    .trim()
    .toUpperCase();
const cell = (row: Row, column: string) => row[column] ?? row[column.toUpperCase()];
// A function's grant is named up to its signature (plan-checks grantObjectName): SHOW GRANTS may or may not list
// "FN(TIMESTAMP_NTZ, …)", the docs do not say, and Floe's functions are not overloaded.
const grantLabel = (g: { privilege: unknown; grantedOn: unknown; name: unknown }) =>
  `${clean(g.privilege)} ON ${clean(g.grantedOn)} ${clean(grantObjectName(g.grantedOn, g.name))}`;

/** The read-back, in the order verifyShare runs it (also recorded as the run's verify step). */
export function verifyStatements(shareName: string): Statement[] {
  const share = quoteIdent(shareName);
  return [
    sql`SHOW GRANTS TO SHARE ${share}`.toStatement(),
    sql`SHOW SHARES LIKE ${sqlStringLiteral(shareName)}`.toStatement(),
    sql`DESC SHARE ${share}`.toStatement(),
  ];
}

export async function verifyShare(options: { plan: Plan; executors: Executors }): Promise<VerifyResult> {
  const { plan } = options;
  const expected = plan.expectedShare;
  const executor = await options.executors.forAccount(expected.accountId);
  const [showGrants, showShares, describe] = verifyStatements(expected.shareName);
  // Three independent reads, sent side by side: one round trip of latency instead of three (each holds its own
  // slot of the account's concurrency bound and its own pooled connection).
  const [grants, shares, described] = await Promise.all([
    executor.run(showGrants),
    executor.run(showShares),
    executor.run(describe),
  ]);

  const actualGrants = grants.rows
    .filter((row) => clean(cell(row, "privilege")) !== "OWNERSHIP")
    .map((row) =>
      grantLabel({ privilege: cell(row, "privilege"), grantedOn: cell(row, "granted_on"), name: cell(row, "name") }),
    );
  const expectedGrants = expected.grants.map((g: GrantRef) => grantLabel(g));
  const outbound = shares.rows.find(
    (row) =>
      clean(cell(row, "kind")) !== "INBOUND" &&
      clean(cell(row, "name")).split(".").pop() === expected.shareName.toUpperCase(),
  );
  const actualAccounts = outbound
    ? String(cell(outbound, "to") ?? "")
        .split(",")
        .map(clean)
        .filter(Boolean)
    : [];
  const expectedAccounts = expected.accounts.map(clean);
  const {
    missing: missingAccounts,
    extra: extraAccounts,
    resolved,
  } = compareAccounts(expectedAccounts, actualAccounts, plan.consumer.locator ?? null);

  const report: VerifyReport = {
    checkedAt: new Date().toISOString(),
    shareName: expected.shareName,
    expected: { grants: expectedGrants, accounts: expectedAccounts },
    actual: {
      grants: actualGrants,
      accounts: actualAccounts,
      objects: described.rows.map((r) => `${clean(cell(r, "kind"))} ${clean(cell(r, "name"))}`),
    },
    missingGrants: expectedGrants.filter((g) => !actualGrants.includes(g)),
    extraGrants: actualGrants.filter((g) => !expectedGrants.includes(g)),
    missingAccounts,
    extraAccounts,
    ...(resolved ? { resolvedAccount: resolved } : {}),
  };
  const problems = [
    !outbound && `share ${expected.shareName} not found`,
    report.missingGrants.length > 0 && `missing grants: ${report.missingGrants.join("; ")}`,
    report.extraGrants.length > 0 && `unexpected grants: ${report.extraGrants.join("; ")}`,
    report.missingAccounts.length > 0 && `accounts not added: ${report.missingAccounts.join(", ")}`,
    report.extraAccounts.length > 0 && `unexpected accounts: ${report.extraAccounts.join(", ")}`,
  ].filter(Boolean) as string[];
  return {
    ok: problems.length === 0,
    summary:
      problems.length === 0
        ? "The share in Snowflake matches the plan."
        : `The share in Snowflake differs from the plan: ${problems.join(" | ")}`,
    report,
    queryIds: [grants.queryId, shares.queryId, described.queryId].filter((id): id is string => Boolean(id)),
    ...(resolved && problems.length === 0 ? { resolvedAccount: resolved } : {}),
  };
}

/**
 * SHOW SHARES lists consumers as ORG.ACCOUNT; the plan names the consumer by its canonical identity, which
 * is a bare locator when the brand typed only that. Snowflake documents both as identifiers of one account
 * (user-guide/admin-account-identifier) but gives a provider no way to look another organisation's
 * locator up, so the equivalence is established by the share itself: Floe's share is made for this one
 * request, and its only ADD ACCOUNTS named that locator, so when it lists exactly one account that
 * account is the locator's — `resolved`. Anything more (two accounts, none) is reported, not guessed.
 */
export function compareAccounts(
  expected: string[],
  actual: string[],
  locator: string | null,
): { missing: string[]; extra: string[]; resolved?: string } {
  // The account is listed under its canonical name, or (should Snowflake report it so) under its locator.
  const matches = (e: string, a: string) => a === e || (locator !== null && a === clean(locator));
  let missing = expected.filter((e) => !actual.some((a) => matches(e, a)));
  let extra = actual.filter((a) => !expected.some((e) => matches(e, a)));
  let resolved: string | undefined;
  const unresolved = missing.filter((e) => !e.includes("."));
  if (
    unresolved.length === 1 &&
    missing.length === 1 &&
    expected.length === 1 &&
    actual.length === 1 &&
    extra.length === 1
  ) {
    resolved = extra[0];
    missing = [];
    extra = [];
  }
  return { missing, extra, resolved };
}
