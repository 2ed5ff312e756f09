// The statements of a preview as the consumer, built with the one quoting helper. The consumer account goes
// into ALTER SESSION as a string literal (ALTER SESSION takes no binds); names are quoted identifiers; the share
// name and dataset key of the entitlement check are binds. Pure.
import { lakeSchemas, entitlementsTable } from "@/lib/snowflake/object-names";
import { bind, qualified, quoteIdent, sql, sqlJoin, sqlStringLiteral, type Sql } from "@/lib/snowflake/sql-identifiers";

/** docs.snowflake.com/user-guide/data-sharing-secure-views ("Validate the tables and secure view"). */
export const simulateConsumer = (consumerAccount: string): Sql =>
  sql`ALTER SESSION SET SIMULATED_DATA_SHARING_CONSUMER = ${sqlStringLiteral(consumerAccount)}`;

/** The consumer's query: the view's columns, at most `limit` rows, newest first when the view has TIME. */
export function previewSelect(database: string, view: string, columns: string[], limit: number): Sql {
  const select = sqlJoin(columns.map((c) => quoteIdent(c)));
  const order = columns.includes("TIME") ? sql` ORDER BY ${quoteIdent("TIME")} DESC` : sql``;
  return sql`SELECT ${select} FROM ${qualified(database, lakeSchemas.shared, view)}${order} LIMIT ${limit}`;
}

/**
 * Whether the share's entitlements hold any row of the view's base table (a table: the simulation does not
 * touch it). An empty simulated read with entitled rows means the simulation lacked the share's context.
 */
export function entitledRowsExist(
  database: string,
  baseTable: string,
  shareName: string,
  datasetKey: string,
  piiTier: boolean,
): Sql {
  const entitlements = qualified(database, lakeSchemas.sharing, entitlementsTable);
  const tier = piiTier ? sql` AND e.INCLUDES_PII` : sql``;
  return sql`SELECT COUNT(*) AS N FROM (SELECT 1 FROM ${qualified(database, lakeSchemas.raw, baseTable)} t WHERE EXISTS (SELECT 1 FROM ${entitlements} e WHERE e.SHARE_NAME = ${bind(shareName)} AND e.DATASET_KEY = ${bind(datasetKey)} AND e.WORKSPACE_ID = t.APP_GROUP_ID${tier}) LIMIT 1)`;
}
