// Statement builders for the lake's objects, shared by the numbered migrations. Every name goes through
// quoteIdent/qualified, every type through sqlDataType, fixed text through sqlStringLiteral: the lake DDL is
// built with the same quoting helper as the provisioner's statements. Pure.
import {
  accountProofsTable,
  accountProofView,
  entitlementsTable,
  lakeSchemas,
  piiViewName,
  proofRowsPolicy,
  sharedViewName,
  shareRowsPolicyName,
} from "@/lib/snowflake/object-names";
import {
  qualified,
  quoteIdent,
  sql,
  sqlDataType,
  sqlJoin,
  sqlStringLiteral,
  type Sql,
} from "@/lib/snowflake/sql-identifiers";
import type { LakeTable } from "./lake-tables";
import type { LakeTarget } from "./migrations/types";

export const entitlementsRef = (t: LakeTarget) => qualified(t.database, lakeSchemas.sharing, entitlementsTable);
export const rawTableRef = (t: LakeTarget, table: LakeTable) => qualified(t.database, lakeSchemas.raw, table.name);
export const viewRef = (t: LakeTarget, table: LakeTable, includePii: boolean) =>
  qualified(
    t.database,
    lakeSchemas.shared,
    includePii ? piiViewName(table.catalogName) : sharedViewName(table.catalogName),
  );
export const policyRef = (t: LakeTarget, datasetKey: string, includePii: boolean) =>
  qualified(t.database, lakeSchemas.sharing, shareRowsPolicyName(datasetKey, includePii));

/** The columns a view shows: all for the `_ALL` variant, the non-PII ones otherwise. */
export const viewColumns = (table: LakeTable, includePii: boolean) =>
  sqlJoin(table.columns.filter((c) => includePii || !c.pii).map((c) => quoteIdent(c.name)));

export const viewComment = (includePii: boolean) =>
  sqlStringLiteral(
    includePii
      ? "All columns, including PII; rows limited to the consumer's entitlements."
      : "Non-PII columns; rows limited to the consumer's entitlements.",
  );

export function createRawTable(t: LakeTarget, table: LakeTable): Sql {
  const columns = sqlJoin(
    table.columns.map((c) =>
      c.pii
        ? sql`${quoteIdent(c.name)} ${sqlDataType(c.type)} COMMENT 'PII'`
        : sql`${quoteIdent(c.name)} ${sqlDataType(c.type)}`,
    ),
  );
  return sql`CREATE TABLE IF NOT EXISTS ${rawTableRef(t, table)} (${columns}) COMMENT = ${sqlStringLiteral(`Dataset ${table.datasetKey}`)}`;
}

/**
 * The share boundary on a dataset's views (migration 2): a row is visible only when INVOKER_SHARE() — the
 * share through which the consumer reached the view — has an entitlement row for this dataset and the
 * row's workspace, and for the `_ALL` views only when that entitlement carries the PII tier. The argument
 * is named ROW_WORKSPACE_ID so that inside the subquery it cannot be mistaken for e.WORKSPACE_ID.
 * docs.snowflake.com/en/sql-reference/functions/invoker_share, /en/user-guide/security-row-intro.
 */
export function createShareRowsPolicy(t: LakeTarget, datasetKey: string, includePii: boolean): Sql {
  const tier = includePii ? sql` AND e.INCLUDES_PII` : sql``;
  const comment = sqlStringLiteral(
    includePii
      ? `Rows of ${datasetKey} entitled, with the PII tier, to the share being read`
      : `Rows of ${datasetKey} entitled to the share being read`,
  );
  return sql`CREATE ROW ACCESS POLICY IF NOT EXISTS ${policyRef(t, datasetKey, includePii)} AS (ROW_WORKSPACE_ID VARCHAR) RETURNS BOOLEAN -> EXISTS (SELECT 1 FROM ${entitlementsRef(t)} e WHERE e.SHARE_NAME = INVOKER_SHARE() AND e.DATASET_KEY = ${sqlStringLiteral(datasetKey)} AND e.WORKSPACE_ID = ROW_WORKSPACE_ID${tier}) COMMENT = ${comment}`;
}

/** A dataset view behind its row access policy; COPY GRANTS keeps every share's SELECT on it. */
export function createBoundaryView(t: LakeTarget, table: LakeTable, includePii: boolean): Sql {
  return sql`CREATE OR REPLACE SECURE VIEW ${viewRef(t, table, includePii)} ROW ACCESS POLICY ${policyRef(t, table.datasetKey, includePii)} ON (APP_GROUP_ID) COPY GRANTS COMMENT = ${viewComment(includePii)} AS SELECT ${viewColumns(table, includePii)} FROM ${rawTableRef(t, table)}`;
}

/**
 * createBoundaryView with a column list that carries each column's catalog description as its COMMENT
 * (migration 3): what a consumer sees in INFORMATION_SCHEMA.COLUMNS, DESCRIBE VIEW and Snowsight of the
 * mounted database. The list names the columns as the SELECT does, in the same order.
 * docs.snowflake.com/en/sql-reference/sql/create-view (column_list: <col_name> [ COMMENT '<string_literal>' ]).
 */
export function createDescribedBoundaryView(t: LakeTarget, table: LakeTable, includePii: boolean): Sql {
  const columns = table.columns.filter((c) => includePii || !c.pii);
  const list = sqlJoin(columns.map((c) => sql`${quoteIdent(c.name)} COMMENT ${sqlStringLiteral(c.description)}`));
  return sql`CREATE OR REPLACE SECURE VIEW ${viewRef(t, table, includePii)} (${list}) ROW ACCESS POLICY ${policyRef(t, table.datasetKey, includePii)} ON (APP_GROUP_ID) COPY GRANTS COMMENT = ${viewComment(includePii)} AS SELECT ${viewColumns(table, includePii)} FROM ${rawTableRef(t, table)}`;
}

export const accountProofsRef = (t: LakeTarget) => qualified(t.database, lakeSchemas.sharing, accountProofsTable);
export const accountProofViewRef = (t: LakeTarget) => qualified(t.database, lakeSchemas.shared, accountProofView);
export const proofRowsPolicyRef = (t: LakeTarget) => qualified(t.database, lakeSchemas.sharing, proofRowsPolicy);

/** Proof of account control: the codes, the policy that shows each share only its own, and the view. */
export function proofOfControlObjects(t: LakeTarget): Sql[] {
  return [
    sql`CREATE TABLE IF NOT EXISTS ${accountProofsRef(t)} (SHARE_NAME VARCHAR NOT NULL, CODE VARCHAR NOT NULL, CREATED_AT TIMESTAMP_LTZ(9)) COMMENT = 'One-time codes that prove a consumer account is the one the brand controls'`,
    sql`CREATE ROW ACCESS POLICY IF NOT EXISTS ${proofRowsPolicyRef(t)} AS (PROOF_SHARE_NAME VARCHAR) RETURNS BOOLEAN -> PROOF_SHARE_NAME = INVOKER_SHARE() COMMENT = 'A proof code is visible only through its own share'`,
    sql`CREATE OR REPLACE SECURE VIEW ${accountProofViewRef(t)} ROW ACCESS POLICY ${proofRowsPolicyRef(t)} ON (SHARE_NAME) COPY GRANTS COMMENT = 'The code that proves this account receives the share' AS SELECT SHARE_NAME, CODE, CREATED_AT FROM ${accountProofsRef(t)}`,
  ];
}
