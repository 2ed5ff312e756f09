// The reads that verify an erasure as each consumer sees it (run-erasure.ts → erasure-consumer-verify.ts).
// Identifiers through the quoting helper, values as binds; the consumer account goes into ALTER SESSION as a
// string literal (ALTER SESSION takes no binds). Pure.
//
// Under SIMULATED_DATA_SHARING_CONSUMER a query's secure views are evaluated as the consumer account sees
// them, while its tables stay the provider's (docs.snowflake.com/en/user-guide/data-sharing-secure-views,
// "Validate the tables and secure view": the parameter is for "query[ing] the view and see the results that a
// user in the consumer account will see"). So one statement can hold what the consumer sees (the views) next
// to what it should see (the tombstones and entitlements, read as the provider).
import { entitlementsTable, lakeSchemas, piiViewName } from "@/lib/snowflake/object-names";
import { bind, qualified, quoteIdent, sql, sqlJoin, sqlStringLiteral, type Sql } from "@/lib/snowflake/sql-identifiers";
import { erasedSubjectsRef, erasuresViewRef, personalTables } from "./identity-objects";

type Lake = { database: string };

export const simulateConsumerSession = (consumerAccount: string): Sql =>
  sql`ALTER SESSION SET SIMULATED_DATA_SHARING_CONSUMER = ${sqlStringLiteral(consumerAccount)}`;
export const endConsumerSimulation = (): Sql => sql`ALTER SESSION UNSET SIMULATED_DATA_SHARING_CONSUMER`;

/** `a OP b OP …` (sqlJoin takes list separators only). */
const joinOp = (parts: Sql[], op: Sql) => parts.slice(1).reduce((acc, p) => sql`${acc}${op}${p}`, parts[0]);

const entitlements = (t: Lake) => qualified(t.database, lakeSchemas.sharing, entitlementsTable);

/**
 * The shares entitled to any of the workspaces, with the consumer account each was made for, whose consumer
 * is in `region`: a share lives on the provider account of its consumer's region (the lake in-region, the
 * replica cross-region), so these are the shares served from the account in that region.
 */
export const affectedShares = (t: Lake, workspaceIds: readonly string[], region: string): Sql =>
  sql`SELECT DISTINCT SHARE_NAME, CONSUMER_ACCOUNT FROM ${entitlements(t)} WHERE WORKSPACE_ID IN (${sqlJoin(workspaceIds.map((w) => sql`${bind(w)}`))}) AND CONSUMER_REGION = ${bind(region)} ORDER BY SHARE_NAME`;

/** The `_ALL` views that carry personal columns, by view name: the only shared views with personal data. */
export function personalViews(): Map<string, string[]> {
  return new Map(
    personalTables().map((table) => [
      piiViewName(table.catalogName).toUpperCase(),
      table.columns.filter((c) => c.pii).map((c) => c.name),
    ]),
  );
}

/**
 * One read, run while the session simulates the share's consumer account:
 *   FEED      the request's tombstones the consumer sees in SHARED.ERASURES;
 *   EXPECTED  the request's tombstones in the share's workspaces (provider-side: what FEED must equal when
 *             the simulation evaluates the views in this share's context);
 *   FOREIGN   tombstones the consumer sees of workspaces its ACCOUNT has no entitlement to (must be 0);
 *   PERSONAL  personal values of the request's erased subjects the consumer sees in the share's `_ALL` views
 *             (must be 0).
 */
export function consumerErasureRead(
  t: Lake,
  requestId: string,
  shareName: string,
  consumerAccount: string,
  views: readonly { view: string; columns: readonly string[] }[],
): Sql {
  const feed = erasuresViewRef(t);
  const tombs = erasedSubjectsRef(t);
  const ofRequest = (alias: string) =>
    sql`EXISTS (SELECT 1 FROM ${tombs} x WHERE x.REQUEST_ID = ${bind(requestId)} AND x.APP_GROUP_ID = ${quoteIdent(alias)}.APP_GROUP_ID AND x.USER_ID = ${quoteIdent(alias)}.USER_ID)`;
  const personal = views.map(({ view, columns }) => {
    const any = joinOp(
      columns.map((c) => sql`v.${quoteIdent(c)} IS NOT NULL`),
      sql` OR `,
    );
    return sql`(SELECT COUNT(*) FROM ${qualified(t.database, lakeSchemas.shared, view)} v WHERE ${ofRequest("v")} AND (${any}))`;
  });
  const personalSum = personal.length > 0 ? joinOp(personal, sql` + `) : sql`0`;
  return sql`SELECT (SELECT COUNT(*) FROM ${feed} e WHERE ${ofRequest("e")}) AS FEED, (SELECT COUNT(*) FROM ${tombs} x WHERE x.REQUEST_ID = ${bind(requestId)} AND EXISTS (SELECT 1 FROM ${entitlements(t)} n WHERE n.SHARE_NAME = ${bind(shareName)} AND n.WORKSPACE_ID = x.APP_GROUP_ID)) AS EXPECTED, (SELECT COUNT(*) FROM ${feed} e WHERE NOT EXISTS (SELECT 1 FROM ${entitlements(t)} n WHERE n.CONSUMER_ACCOUNT = ${bind(consumerAccount)} AND n.WORKSPACE_ID = e.APP_GROUP_ID)) AS "FOREIGN", ${personalSum} AS PERSONAL`;
}
