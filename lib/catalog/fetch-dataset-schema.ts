import "server-only";
import type { AccountExecutor } from "@/lib/provisioning/runtime-types";
import { lakeSchemas } from "@/lib/snowflake/object-names";
import { bind, qualified, sql, sqlJoin, type Sql } from "@/lib/snowflake/sql-identifiers";
import { toIsoTimestamp } from "@/lib/snowflake/snowflake-values";
import { isCatalogPii } from "./catalog-data";
import { snowflakeDisplayType, toNumberOrNull } from "./display-type";
import type { DatasetSchema, PreviewColumn, PreviewView } from "./schema-preview.schema";

// Reads a dataset's schema from one lake in ONE statement: the columns of its secure views and of their
// RAW base tables (whose COMMENTs may mark PII) from INFORMATION_SCHEMA.COLUMNS, UNION ALL the base tables'
// ROW_COUNT / BYTES / LAST_ALTERED from INFORMATION_SCHEMA.TABLES. One round trip per dataset keeps a cold
// catalog page to a handful of statements however many views a dataset has.

export type DatasetViewSource = {
  schemaName: string;
  viewName: string;
  baseTable: string;
  containsPii: boolean;
  description: string | null;
};

export type FetchDatasetSchemaInput = {
  executor: AccountExecutor;
  lakeDatabase: string;
  region: string;
  datasetKey: string;
  views: DatasetViewSource[];
};

type ColumnRow = { name: string; ordinal: number; nullable: boolean; comment: string | null; type: string };
type TableStats = { rowCount: number | null; bytes: number | null; lastAltered: string | null };

const inList = (values: string[]): Sql => sqlJoin(values.map((v) => sql`${bind(v)}`));
const unique = (values: string[]) => [...new Set(values)];

/** The statement, exported so tests can read what is sent. Values are binds; names go through quoting. */
export function datasetSchemaStatement(lakeDatabase: string, views: DatasetViewSource[]): Sql {
  const bases = unique(views.map((v) => v.baseTable));
  const bySchema = new Map<string, string[]>();
  for (const v of views) bySchema.set(v.schemaName, unique([...(bySchema.get(v.schemaName) ?? []), v.viewName]));
  bySchema.set(lakeSchemas.raw, unique([...(bySchema.get(lakeSchemas.raw) ?? []), ...bases]));
  const columnFilter = [...bySchema]
    .map(([schema, names]) => sql`(TABLE_SCHEMA = ${bind(schema)} AND TABLE_NAME IN (${inList(names)}))`)
    .reduce((acc, part) => sql`${acc} OR ${part}`);
  // DATETIME_PRECISION is read too: without it TIMESTAMP_LTZ(9) could only be guessed.
  return sql`SELECT 'COLUMN' AS "KIND", TABLE_SCHEMA AS "TABLE_SCHEMA", TABLE_NAME AS "TABLE_NAME", COLUMN_NAME AS "COLUMN_NAME", DATA_TYPE AS "DATA_TYPE", IS_NULLABLE AS "IS_NULLABLE", ORDINAL_POSITION AS "ORDINAL_POSITION", COMMENT AS "COMMENT", CHARACTER_MAXIMUM_LENGTH AS "CHARACTER_MAXIMUM_LENGTH", NUMERIC_PRECISION AS "NUMERIC_PRECISION", NUMERIC_SCALE AS "NUMERIC_SCALE", DATETIME_PRECISION AS "DATETIME_PRECISION", NULL AS "ROW_COUNT", NULL AS "BYTES", NULL AS "LAST_ALTERED"
FROM ${qualified(lakeDatabase, "INFORMATION_SCHEMA", "COLUMNS")}
WHERE ${columnFilter}
UNION ALL
SELECT 'TABLE', TABLE_SCHEMA, TABLE_NAME, NULL, TABLE_TYPE, NULL, NULL, COMMENT, NULL, NULL, NULL, NULL, ROW_COUNT, BYTES, LAST_ALTERED
FROM ${qualified(lakeDatabase, "INFORMATION_SCHEMA", "TABLES")}
WHERE TABLE_SCHEMA = ${bind(lakeSchemas.raw)} AND TABLE_NAME IN (${inList(bases)})
ORDER BY "KIND", "TABLE_SCHEMA", "TABLE_NAME", "ORDINAL_POSITION"`;
}

export async function fetchDatasetSchema(input: FetchDatasetSchemaInput): Promise<DatasetSchema> {
  if (input.views.length === 0)
    return { datasetKey: input.datasetKey, region: input.region, fetchedAt: new Date().toISOString(), views: [] };
  const { rows } = await input.executor.run(datasetSchemaStatement(input.lakeDatabase, input.views).toStatement());
  const columns = new Map<string, ColumnRow[]>();
  const stats = new Map<string, TableStats>();
  for (const row of rows) {
    const schema = String(row.TABLE_SCHEMA);
    const table = String(row.TABLE_NAME);
    if (row.KIND === "TABLE") {
      stats.set(table, {
        rowCount: toNumberOrNull(row.ROW_COUNT),
        bytes: toNumberOrNull(row.BYTES),
        lastAltered: toIsoTimestamp(row.LAST_ALTERED),
      });
      continue;
    }
    const key = `${schema}.${table}`;
    const list = columns.get(key) ?? [];
    list.push({
      name: String(row.COLUMN_NAME),
      ordinal: toNumberOrNull(row.ORDINAL_POSITION) ?? list.length + 1,
      nullable: row.IS_NULLABLE !== "NO",
      comment: typeof row.COMMENT === "string" ? row.COMMENT : null,
      type: snowflakeDisplayType({
        dataType: String(row.DATA_TYPE ?? ""),
        characterMaximumLength: toNumberOrNull(row.CHARACTER_MAXIMUM_LENGTH),
        numericPrecision: toNumberOrNull(row.NUMERIC_PRECISION),
        numericScale: toNumberOrNull(row.NUMERIC_SCALE),
        datetimePrecision: toNumberOrNull(row.DATETIME_PRECISION),
      }),
    });
    columns.set(key, list);
  }
  const views = input.views.map((view) => buildView(view, input.views, columns, stats));
  return { datasetKey: input.datasetKey, region: input.region, fetchedAt: new Date().toISOString(), views };
}

// A COMMENT such as "PII" or "Email address (PII)" marks the column, whatever the shipped catalog says:
// masking too much is harmless, too little is not.
const marksPii = (comment: string | null) => comment !== null && /\bPII\b/i.test(comment);
const asDescription = (comment: string | null) =>
  comment === null || /^\s*PII\s*\.?\s*$/i.test(comment) || comment.trim() === "" ? null : comment.trim();

function buildView(
  view: DatasetViewSource,
  all: DatasetViewSource[],
  columns: Map<string, ColumnRow[]>,
  stats: Map<string, TableStats>,
): PreviewView {
  const own = (columns.get(`${view.schemaName}.${view.viewName}`) ?? []).sort((a, b) => a.ordinal - b.ordinal);
  const raw = new Map((columns.get(`${lakeSchemas.raw}.${view.baseTable}`) ?? []).map((c) => [c.name, c]));
  // The lake's convention: the plain view leaves out exactly the PII columns, so a column only the _ALL
  // variant has is PII even if nothing else says so.
  const plain = all.find((v) => v.baseTable === view.baseTable && !v.containsPii);
  const plainNames = plain
    ? new Set((columns.get(`${plain.schemaName}.${plain.viewName}`) ?? []).map((c) => c.name))
    : undefined;
  const previewColumns: PreviewColumn[] = own.map((c) => {
    const rawComment = raw.get(c.name)?.comment ?? null;
    const pii =
      isCatalogPii(view.baseTable, c.name) ||
      marksPii(c.comment) ||
      marksPii(rawComment) ||
      (view.containsPii && plainNames !== undefined && !plainNames.has(c.name));
    return {
      name: c.name,
      type: c.type,
      nullable: c.nullable,
      description: asDescription(c.comment) ?? asDescription(rawComment),
      pii,
    };
  });
  const tableStats = stats.get(view.baseTable);
  return {
    name: view.viewName,
    baseTable: view.baseTable,
    containsPii: view.containsPii || previewColumns.some((c) => c.pii),
    description: view.description,
    columns: previewColumns,
    rowCount: tableStats?.rowCount ?? null,
    bytes: tableStats?.bytes ?? null,
    lastAltered: tableStats?.lastAltered ?? null,
  };
}
