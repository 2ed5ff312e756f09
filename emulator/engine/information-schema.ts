// <db>.INFORMATION_SCHEMA.{TABLES, COLUMNS, VIEWS, SCHEMATA}, computed from the catalog at query time and
// limited to what the caller may see (through a share: only granted objects; view text only for the owner).
import type { ExecCtx } from "./context";
import { errors } from "./errors";
import { duckSchema, qualified } from "./identifiers";
import { databaseFor, visibleObjects, visibleSchemas, type ColumnSource, type NameCtx } from "./resolve";
import { parseSfType } from "./sf-types";
import { DEFAULT_OWNER, owns } from "./privileges";
import { bodyVisible, signatureOf, visibleFunctions } from "./function-visibility";
import { valuesSql, type ValueColumn } from "./sql-values";

const T = "VARCHAR(16777216)";
const N = "NUMBER(38,0)";
const TS = "TIMESTAMP_LTZ(9)";
const cols = (spec: string): ValueColumn[] =>
  spec.split(" ").map((s) => {
    const [name, t] = s.split(":");
    return { name, sfType: t === "N" ? N : t === "TS" ? TS : T };
  });

const TABLES = cols(
  "TABLE_CATALOG TABLE_SCHEMA TABLE_NAME TABLE_OWNER TABLE_TYPE IS_TRANSIENT CLUSTERING_KEY BYTES:N CREATED:TS LAST_ALTERED:TS COMMENT",
);
const COLUMNS = cols(
  "TABLE_CATALOG TABLE_SCHEMA TABLE_NAME COLUMN_NAME ORDINAL_POSITION:N COLUMN_DEFAULT IS_NULLABLE DATA_TYPE CHARACTER_MAXIMUM_LENGTH:N CHARACTER_OCTET_LENGTH:N NUMERIC_PRECISION:N NUMERIC_PRECISION_RADIX:N NUMERIC_SCALE:N DATETIME_PRECISION:N COMMENT",
);
const VIEWS = cols(
  "TABLE_CATALOG TABLE_SCHEMA TABLE_NAME TABLE_OWNER VIEW_DEFINITION CHECK_OPTION IS_UPDATABLE INSERTABLE_INTO IS_SECURE CREATED:TS LAST_ALTERED:TS COMMENT",
);
// A subset of FUNCTIONS' documented columns (information-schema/functions); FUNCTION_DEFINITION is NULL for a
// secure function unless the caller owns it (developer-guide/secure-udf-procedure).
const FUNCTIONS = cols(
  "FUNCTION_CATALOG FUNCTION_SCHEMA FUNCTION_NAME FUNCTION_OWNER ARGUMENT_SIGNATURE DATA_TYPE FUNCTION_LANGUAGE FUNCTION_DEFINITION VOLATILITY IS_NULL_CALL IS_SECURE IS_EXTERNAL CREATED:TS LAST_ALTERED:TS COMMENT",
);
const SCHEMATA = cols(
  "CATALOG_NAME SCHEMA_NAME SCHEMA_OWNER IS_TRANSIENT IS_MANAGED_ACCESS CREATED:TS LAST_ALTERED:TS COMMENT",
);

export function infoSchemaRelation(
  ctx: ExecCtx,
  names: NameCtx,
  parts: string[],
  command: string,
): { sql: string; source: ColumnSource } {
  const view = parts[parts.length - 1];
  const dbName = parts.length === 3 ? parts[0] : names.database;
  if (!dbName) throw errors.noCurrentDatabase(command);
  const where = databaseFor(ctx, names, dbName);
  const owner = where.share ? null : "ACCOUNTADMIN";
  const local = where.localName;
  const schemas = visibleSchemas(where);
  const source = (columns: ValueColumn[]): ColumnSource => ({
    columns: columns.map((c) => ({ ...c, nullable: true, comment: null })),
    database: local,
    schema: "INFORMATION_SCHEMA",
    table: view,
  });
  if (view === "SCHEMATA") {
    const rows = schemas.map((s) => [local, s.name, owner, "NO", "NO", s.createdOn, s.createdOn, s.comment]);
    return { sql: valuesSql(SCHEMATA, rows), source: source(SCHEMATA) };
  }
  if (view === "TABLES") {
    const rows: unknown[][] = [];
    for (const s of schemas) {
      const { tables, views } = visibleObjects(where, s);
      for (const t of tables)
        rows.push([
          local,
          s.name,
          t.name,
          owner,
          "BASE TABLE",
          "NO",
          null,
          null,
          t.createdOn,
          t.lastAltered,
          t.comment,
          duckSchema(where.owner.account.locator, where.db.name, s.name),
          t.name,
        ]);
      for (const v of views)
        rows.push([
          local,
          s.name,
          v.name,
          owner,
          "VIEW",
          "NO",
          null,
          null,
          v.createdOn,
          v.createdOn,
          v.comment,
          null,
          null,
        ]);
    }
    const spec = [...TABLES, { name: "_DS", sfType: T }, { name: "_DT", sfType: T }];
    // Row counts come from DuckDB's table statistics; BYTES is an estimate (no Snowflake storage model here).
    const sql = valuesSql(spec, rows, {
      select: ['CAST(dt.estimated_size AS DECIMAL(38,0)) AS "ROW_COUNT"'],
      from: " LEFT JOIN duckdb_tables() dt ON dt.schema_name = v.c12 AND dt.table_name = v.c13",
    });
    const ordered = `SELECT "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_OWNER", "TABLE_TYPE", "IS_TRANSIENT", "CLUSTERING_KEY", "ROW_COUNT", CAST("ROW_COUNT" * 64 AS DECIMAL(38,0)) AS "BYTES", "CREATED", "LAST_ALTERED", "COMMENT" FROM (${sql}) x`;
    return {
      sql: ordered,
      source: source([...TABLES.slice(0, 7), { name: "ROW_COUNT", sfType: N }, ...TABLES.slice(7)]),
    };
  }
  if (view === "COLUMNS") {
    const rows: unknown[][] = [];
    for (const s of schemas) {
      const { tables, views } = visibleObjects(where, s);
      for (const obj of [...tables, ...views]) {
        obj.columns.forEach((c, k) => {
          const t = parseSfType(c.sfType);
          rows.push([
            local,
            s.name,
            obj.name,
            c.name,
            k + 1,
            null,
            c.nullable ? "YES" : "NO",
            t.base,
            t.base === "TEXT" ? t.length : null,
            t.base === "TEXT" ? Math.min(4 * (t.length ?? 0), 16777216) : null,
            t.base === "NUMBER" ? t.precision : null,
            t.base === "NUMBER" ? 10 : null,
            t.base === "NUMBER" ? t.scale : null,
            t.base.startsWith("TIME") ? t.scale : null,
            c.comment,
          ]);
        });
      }
    }
    return { sql: valuesSql(COLUMNS, rows), source: source(COLUMNS) };
  }
  if (view === "VIEWS") {
    const rows: unknown[][] = [];
    for (const s of schemas) {
      for (const v of visibleObjects(where, s).views) {
        // The text of a secure view is its owner's only; through a share never (secure-views).
        const visibleText = !where.share && (!v.secure || owns(ctx, v.owner)) ? v.definition : null;
        rows.push([
          local,
          s.name,
          v.name,
          where.share ? null : (v.owner ?? DEFAULT_OWNER),
          visibleText,
          "NONE",
          "NO",
          "NO",
          v.secure ? "YES" : "NO",
          v.createdOn,
          v.createdOn,
          v.comment,
        ]);
      }
    }
    return { sql: valuesSql(VIEWS, rows), source: source(VIEWS) };
  }
  if (view === "FUNCTIONS") {
    const rows: unknown[][] = [];
    for (const s of schemas)
      for (const f of visibleFunctions(where, s)) {
        rows.push([
          local,
          s.name,
          f.name,
          where.share ? null : (f.owner ?? DEFAULT_OWNER),
          signatureOf(f),
          f.returns,
          "SQL",
          bodyVisible(ctx, where, f) ? f.body : null,
          "VOLATILE",
          "YES",
          f.secure ? "YES" : "NO",
          "NO",
          f.createdOn,
          f.createdOn,
          f.comment,
        ]);
      }
    return { sql: valuesSql(FUNCTIONS, rows), source: source(FUNCTIONS) };
  }
  throw errors.doesNotExist("Object", qualified(local, "INFORMATION_SCHEMA", view));
}
