// The DDL of the catalog's secure functions (lib/catalog/secure-functions.ts), created by lake migration 6 in
// SHARED. Pure; names through quoteIdent/qualified, text through sqlStringLiteral.
//
// Which rows a function reads. The views are filtered by INVOKER_SHARE() in their row access policy, but inside a
// UDF INVOKER_SHARE() is NULL ("the context of the INVOKER_SHARE function is the UDF owner, not the share",
// docs.snowflake.com/en/sql-reference/functions/invoker_share), so a function reading the views would see nothing.
// What a shared secure function does see is the caller's session: CURRENT_ACCOUNT() is the consumer's account
// (docs.snowflake.com/en/developer-guide/secure-udf-procedure; emulator/contract/udfs.contract.ts). So each
// function keeps the workspaces ENTITLEMENTS grants its dataset to the calling account in its region — the same
// rows Floe writes for the share, matched by account instead of by share. A consumer account holding several
// shares of one dataset therefore gets, through any of them, the workspaces of all of them (all of which it is
// entitled to read): the functions read no PII column, so the PII tier does not come into it.
import { lakeSchemas } from "@/lib/snowflake/object-names";
import {
  qualified,
  quoteIdent,
  sql,
  sqlDataType,
  sqlJoin,
  sqlStringLiteral,
  type Sql,
} from "@/lib/snowflake/sql-identifiers";
import { secureFunctions, type SecureFunction } from "@/lib/catalog/secure-functions";
import { entitlementsRef } from "./lake-objects";
import { lakeTables } from "./lake-tables";
import type { LakeTarget } from "./migrations/types";

export const secureFunctionRef = (t: LakeTarget, f: SecureFunction) =>
  qualified(t.database, lakeSchemas.shared, f.name);

/** The workspaces of `datasetKey` entitled to the calling account (locator or ORG.ACCOUNT) in its region. */
function entitledWorkspaces(t: LakeTarget, datasetKey: string): Sql {
  return sql`SELECT e.WORKSPACE_ID FROM ${entitlementsRef(t)} e WHERE e.DATASET_KEY = ${sqlStringLiteral(datasetKey)} AND e.CONSUMER_REGION = CURRENT_REGION() AND (e.CONSUMER_ACCOUNT = CURRENT_ACCOUNT() OR e.CONSUMER_ACCOUNT = CURRENT_ORGANIZATION_NAME() || '.' || CURRENT_ACCOUNT_NAME())`;
}

function rawRef(t: LakeTarget, datasetKey: string, catalogName: string) {
  const table = lakeTables().find((x) => x.datasetKey === datasetKey && x.catalogName === catalogName);
  if (!table) throw new Error(`secure functions: ${catalogName} is not a table of ${datasetKey}`);
  return qualified(t.database, lakeSchemas.raw, table.name);
}

const stages = [
  { table: "USERS_MESSAGES_EMAIL_SEND_SHARED", stage: 1 },
  { table: "USERS_MESSAGES_EMAIL_DELIVERY_SHARED", stage: 2 },
  { table: "USERS_MESSAGES_EMAIL_OPEN_SHARED", stage: 3 },
  { table: "USERS_MESSAGES_EMAIL_CLICK_SHARED", stage: 4 },
];

function funnelBody(t: LakeTarget, f: SecureFunction): Sql {
  const union = sqlJoin(
    stages.map((s, k) => {
      const select = sql`SELECT APP_GROUP_ID, CAMPAIGN_ID, USER_ID, ${s.stage} AS STAGE FROM ${rawRef(t, f.datasetKey, s.table)} WHERE TIME >= FROM_TIME AND TIME < TO_TIME`;
      return k === 0 ? select : sql`UNION ALL ${select}`;
    }),
    " ",
  );
  const counts = sqlJoin(
    (f.columns ?? [])
      .filter((c) => c.type === "NUMBER")
      .map((c, k) => sql`COUNT(DISTINCT CASE WHEN s.STAGE = ${k + 1} THEN s.USER_ID END) AS ${quoteIdent(c.name)}`),
  );
  return sql`SELECT s.APP_GROUP_ID, s.CAMPAIGN_ID, ${counts} FROM (${union}) s WHERE s.APP_GROUP_ID IN (${entitledWorkspaces(t, f.datasetKey)}) GROUP BY s.APP_GROUP_ID, s.CAMPAIGN_ID`;
}

function clickRateBody(t: LakeTarget, f: SecureFunction): Sql {
  const users = (catalogName: string) =>
    sql`SELECT COUNT(DISTINCT USER_ID) FROM ${rawRef(t, f.datasetKey, catalogName)} WHERE CAMPAIGN_ID = FOR_CAMPAIGN_ID AND TIME >= FROM_TIME AND TIME < TO_TIME AND APP_GROUP_ID IN (${entitledWorkspaces(t, f.datasetKey)})`;
  return sql`(${users("USERS_MESSAGES_EMAIL_CLICK_SHARED")}) / NULLIF((${users("USERS_MESSAGES_EMAIL_DELIVERY_SHARED")}), 0)`;
}

const bodies: Record<string, (t: LakeTarget, f: SecureFunction) => Sql> = {
  EMAIL_CAMPAIGN_FUNNEL: funnelBody,
  EMAIL_CLICK_RATE: clickRateBody,
};

/**
 * CREATE OR REPLACE SECURE FUNCTION … COPY GRANTS: a later migration that redefines a function keeps every
 * share's USAGE on it (docs.snowflake.com/en/sql-reference/sql/create-function, COPY GRANTS).
 */
export function createSecureFunction(t: LakeTarget, f: SecureFunction): Sql {
  const build = bodies[f.name];
  if (!build) throw new Error(`secure functions: no body for ${f.name}`);
  const body = build(t, f);
  // A stored body: no binds, and no `$$`, which would end it early.
  if (body.binds.length > 0 || body.text.includes("$$"))
    throw new Error(`secure functions: the body of ${f.name} must be bind-free and contain no $$`);
  const args = sqlJoin(f.args.map((a) => sql`${quoteIdent(a.name)} ${sqlDataType(a.type)}`));
  const returns =
    f.kind === "table"
      ? sql`TABLE (${sqlJoin((f.columns ?? []).map((c) => sql`${quoteIdent(c.name)} ${sqlDataType(c.type)}`))})`
      : sql`${sqlDataType(f.returns!)}`;
  return sql`CREATE OR REPLACE SECURE FUNCTION ${secureFunctionRef(t, f)}(${args}) COPY GRANTS RETURNS ${returns} COMMENT = ${sqlStringLiteral(f.description)} AS $$${body}$$`;
}

export const secureFunctionStatements = (t: LakeTarget): Sql[] =>
  secureFunctions.map((f) => createSecureFunction(t, f));
