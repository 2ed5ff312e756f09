// Lake migration 1: the lake as it was before versioned migrations (the former emulator seed DDL, which
// the README named as the reference). Secure views filter by consumer account, not by share: migration 2
// replaces them. IF NOT EXISTS everywhere, so on a lake that already has these objects it changes nothing
// (and it never rolls a later migration's views back).
import { entitlementsRef, rawTableRef, viewColumns, viewComment, viewRef, createRawTable } from "../lake-objects";
import { lakeTables, type LakeTable } from "../lake-tables";
import { qualified, quoteIdent, sql, sqlStringLiteral, type Sql } from "@/lib/snowflake/sql-identifiers";
import { lakeSchemas } from "@/lib/snowflake/object-names";
import type { LakeMigration, LakeTarget } from "./types";

function accountFilteredView(t: LakeTarget, table: LakeTable, includePii: boolean): Sql {
  return sql`CREATE SECURE VIEW IF NOT EXISTS ${viewRef(t, table, includePii)} COMMENT = ${viewComment(includePii)} AS
SELECT ${viewColumns(table, includePii)}
FROM ${rawTableRef(t, table)} t
WHERE EXISTS (SELECT 1 FROM ${entitlementsRef(t)} e
  WHERE e.WORKSPACE_ID = t.APP_GROUP_ID AND e.DATASET_KEY = ${sqlStringLiteral(table.datasetKey)}
    AND e.CONSUMER_REGION = CURRENT_REGION()
    AND (e.CONSUMER_ACCOUNT = CURRENT_ACCOUNT() OR e.CONSUMER_ACCOUNT = CURRENT_ORGANIZATION_NAME() || '.' || CURRENT_ACCOUNT_NAME()))`;
}

export const initialLake: LakeMigration = {
  version: 1,
  name: "initial-lake",
  summary: "Schemas RAW, SHARED and SHARING, the RAW tables of the catalog, SHARING.ENTITLEMENTS and the secure views",
  statements(t) {
    const db = quoteIdent(t.database);
    const tables = lakeTables();
    return [
      sql`CREATE DATABASE IF NOT EXISTS ${db} COMMENT = ${sqlStringLiteral(`Engagement event lake (${t.region})`)}`,
      sql`CREATE SCHEMA IF NOT EXISTS ${qualified(t.database, lakeSchemas.raw)} COMMENT = 'Event tables as ingested'`,
      sql`CREATE SCHEMA IF NOT EXISTS ${qualified(t.database, lakeSchemas.shared)} COMMENT = 'Secure views granted to shares'`,
      sql`CREATE SCHEMA IF NOT EXISTS ${qualified(t.database, lakeSchemas.sharing)} COMMENT = 'Entitlements: which consumer may read which workspace'`,
      sql`CREATE TABLE IF NOT EXISTS ${entitlementsRef(t)} (SHARE_NAME VARCHAR NOT NULL, DATASET_KEY VARCHAR NOT NULL, WORKSPACE_ID VARCHAR NOT NULL, CONSUMER_ACCOUNT VARCHAR NOT NULL, CONSUMER_REGION VARCHAR NOT NULL, GRANTED_AT TIMESTAMP_LTZ(9)) COMMENT = 'One row per (share, dataset, workspace, consumer account)'`,
      ...tables.map((table) => createRawTable(t, table)),
      ...tables.flatMap((table) => [accountFilteredView(t, table, false), accountFilteredView(t, table, true)]),
    ];
  },
};
