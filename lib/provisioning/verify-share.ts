import "server-only";
import { quoteIdent, sql, sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import type { Row } from "./plan-checks";
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
};

export type VerifyResult = { ok: boolean; summary: string; report: VerifyReport; queryIds: string[] };

const clean = (value: unknown) => String(value ?? "").replace(/"/g, "").trim().toUpperCase();
const cell = (row: Row, column: string) => row[column] ?? row[column.toUpperCase()];
const grantLabel = (g: { privilege: unknown; grantedOn: unknown; name: unknown }) => `${clean(g.privilege)} ON ${clean(g.grantedOn)} ${clean(g.name)}`;

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
  const grants = await executor.run(showGrants);
  const shares = await executor.run(showShares);
  const described = await executor.run(describe);

  const actualGrants = grants.rows
    .filter((row) => clean(cell(row, "privilege")) !== "OWNERSHIP")
    .map((row) => grantLabel({ privilege: cell(row, "privilege"), grantedOn: cell(row, "granted_on"), name: cell(row, "name") }));
  const expectedGrants = expected.grants.map((g: GrantRef) => grantLabel(g));
  const outbound = shares.rows.find((row) => clean(cell(row, "kind")) !== "INBOUND" && clean(cell(row, "name")).split(".").pop() === expected.shareName.toUpperCase());
  const actualAccounts = outbound ? String(cell(outbound, "to") ?? "").split(",").map(clean).filter(Boolean) : [];
  const expectedAccounts = expected.accounts.map(clean);

  const report: VerifyReport = {
    checkedAt: new Date().toISOString(),
    shareName: expected.shareName,
    expected: { grants: expectedGrants, accounts: expectedAccounts },
    actual: { grants: actualGrants, accounts: actualAccounts, objects: described.rows.map((r) => `${clean(cell(r, "kind"))} ${clean(cell(r, "name"))}`) },
    missingGrants: expectedGrants.filter((g) => !actualGrants.includes(g)),
    extraGrants: actualGrants.filter((g) => !expectedGrants.includes(g)),
    // A consumer may be listed by locator or by ORG.ACCOUNT; the plan names it the way the request did.
    missingAccounts: expectedAccounts.filter((a) => !actualAccounts.includes(a)),
    extraAccounts: actualAccounts.filter((a) => !expectedAccounts.includes(a)),
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
    summary: problems.length === 0 ? "The share in Snowflake matches the plan." : `The share in Snowflake differs from the plan: ${problems.join(" | ")}`,
    report,
    queryIds: [grants.queryId, shares.queryId, described.queryId].filter((id): id is string => Boolean(id)),
  };
}
