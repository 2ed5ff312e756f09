// Builds one lake through the engine's own SQL path (so seeding exercises it): RAW tables from the catalog
// JSON, SHARING.ENTITLEMENTS, and two secure views per table in SHARED filtered by entitlements.
import lake from "../../lib/catalog/engagement-lake.json" with { type: "json" };
import { quoteIdent, quoteString } from "../engine/identifiers";
import type { SessionContext } from "../engine/types";
import { generateRows } from "./generate-rows";
import type { SeedInput } from "./seed-world";

export type LakeTable = { name: string; datasetKey: string; columns: { name: string; type: string; pii: boolean }[] };

export const lakeTables = (): LakeTable[] =>
  lake.datasets.flatMap((d) => d.tables.map((t) => ({ name: t.name.replace(/_SHARED$/, ""), datasetKey: d.key, columns: t.columns })));

export function secureViewSql(db: string, t: LakeTable, includePii: boolean): string {
  const q = quoteIdent;
  const cols = t.columns.filter((c) => includePii || !c.pii).map((c) => `t.${q(c.name)}`).join(", ");
  const name = `${t.name}_SHARED${includePii ? "_ALL" : ""}`;
  const comment = includePii ? "All columns, including PII; rows limited to the consumer's entitlements." : "Non-PII columns; rows limited to the consumer's entitlements.";
  return `CREATE OR REPLACE SECURE VIEW ${q(db)}.SHARED.${q(name)} COMMENT = ${quoteString(comment)} AS
SELECT ${cols}
FROM ${q(db)}.RAW.${q(t.name)} t
WHERE EXISTS (SELECT 1 FROM ${q(db)}.SHARING.ENTITLEMENTS e
  WHERE e.WORKSPACE_ID = t.APP_GROUP_ID AND e.DATASET_KEY = ${quoteString(t.datasetKey)}
    AND e.CONSUMER_REGION = CURRENT_REGION()
    AND (e.CONSUMER_ACCOUNT = CURRENT_ACCOUNT() OR e.CONSUMER_ACCOUNT = CURRENT_ORGANIZATION_NAME() || '.' || CURRENT_ACCOUNT_NAME()))`;
}

export async function seedLake(input: SeedInput & { session: SessionContext; database: string; region: string; workspaces: string[] }) {
  const { execute, session, database: db } = input;
  const q = quoteIdent;
  const tables = lakeTables();
  const ddl: string[] = [
    `CREATE DATABASE IF NOT EXISTS ${q(db)} COMMENT = 'Engagement event lake (${input.region})'`,
    `CREATE SCHEMA IF NOT EXISTS ${q(db)}.RAW COMMENT = 'Event tables as ingested'`,
    `CREATE SCHEMA IF NOT EXISTS ${q(db)}.SHARED COMMENT = 'Secure views granted to shares'`,
    `CREATE SCHEMA IF NOT EXISTS ${q(db)}.SHARING COMMENT = 'Entitlements: which consumer may read which workspace'`,
    `CREATE TABLE IF NOT EXISTS ${q(db)}.SHARING.ENTITLEMENTS (SHARE_NAME VARCHAR NOT NULL, DATASET_KEY VARCHAR NOT NULL, ` +
      "WORKSPACE_ID VARCHAR NOT NULL, CONSUMER_ACCOUNT VARCHAR NOT NULL, CONSUMER_REGION VARCHAR NOT NULL, GRANTED_AT TIMESTAMP_LTZ(9)) " +
      "COMMENT = 'One row per (share, dataset, workspace, consumer account)'",
    ...tables.map((t) => `CREATE TABLE IF NOT EXISTS ${q(db)}.RAW.${q(t.name)} (` +
      t.columns.map((c) => `${q(c.name)} ${c.type}${c.pii ? " COMMENT 'PII'" : ""}`).join(", ") +
      `) COMMENT = ${quoteString(`Dataset ${t.datasetKey}`)}`),
  ];
  await execute(session, ddl.join(";\n"), undefined);
  await generateRows(input.store, session.accountLocator, db, input.region, input.workspaces, tables, input.rowScale);
  await execute(session, tables.flatMap((t) => [secureViewSql(db, t, false), secureViewSql(db, t, true)]).join(";\n"), undefined);
}
