// The DuckDB store: one file per emulator, one connection (statements are serialised by the engine).
import {
  DuckDBInstance,
  type DuckDBConnection,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBDateValue,
  DuckDBTimeValue,
  DuckDBListValue,
  DuckDBStructValue,
  DuckDBBlobValue,
} from "@duckdb/node-api";
import { emptyCatalog, type Catalog } from "./catalog";
import { catalogToRows, diffRows, rowsToCatalog, type CatalogRows } from "./catalog-rows";
import { errors } from "./errors";
import { quoteString } from "./identifiers";
import { SQL_ANY_OFFSET, SQL_RFC_2822_NTZ, SQL_RFC_2822_TZ, SQL_SPACED_OFFSET } from "./sf-functions";
import { SnowflakeError } from "./types";
import { FRONT_END_MACROS } from "./transforms/function-macros";

export type DuckColumn = {
  name: string;
  type: { typeId: number; alias?: string; toString(): string; width?: number; scale?: number };
};
export type DuckResult = { columns: DuckColumn[]; rows: unknown[][] };

export class DuckStore {
  private constructor(
    private instance: DuckDBInstance,
    private conn: DuckDBConnection,
  ) {}

  static async open(file: string): Promise<DuckStore> {
    const instance = await DuckDBInstance.create(file);
    const conn = await instance.connect();
    await conn.run("SET TimeZone = 'UTC'");
    // catalog_rows: the catalog, one row per object (catalog-rows.ts). catalog: the one-document form of
    // stores written before it, read once and replaced by rows at the first save.
    await conn.run(
      "CREATE SCHEMA IF NOT EXISTS _floe_meta; " +
        "CREATE TABLE IF NOT EXISTS _floe_meta.catalog (id INTEGER PRIMARY KEY, doc VARCHAR NOT NULL); " +
        "CREATE TABLE IF NOT EXISTS _floe_meta.catalog_rows (key VARCHAR NOT NULL, doc VARCHAR NOT NULL)",
    );
    // Snowflake functions DuckDB lacks, as per-connection macros (the rewriter passes function names through).
    await conn.run(SNOWFLAKE_MACROS);
    return new DuckStore(instance, conn);
  }

  async run(sql: string): Promise<void> {
    try {
      await this.conn.run(sql);
    } catch (e) {
      throw toSnowflake(e);
    }
  }

  async query(sql: string): Promise<DuckResult> {
    try {
      return await this.queryRaw(sql);
    } catch (e) {
      throw toSnowflake(e);
    }
  }

  /** Like query() but DuckDB's own error escapes, for callers that map it with statement context. */
  async queryRaw(sql: string): Promise<DuckResult> {
    const reader = await this.conn.runAndReadAll(sql);
    const names = reader.columnNames();
    const types = reader.columnTypes();
    return {
      columns: names.map((name, i) => ({ name, type: types[i] as DuckColumn["type"] })),
      rows: reader.getRows() as unknown[][],
    };
  }

  private timeZone = "UTC";

  /** The session's TIMEZONE for the next statements (one connection, statements serialised: set on change). */
  async useTimeZone(tz: string): Promise<void> {
    if (tz === this.timeZone) return;
    await this.run(`SET TimeZone = ${quoteString(tz)}`);
    this.timeZone = tz;
  }

  /** The catalog rows as last written (or read): a save writes only the rows that differ from them. */
  private savedRows: CatalogRows = new Map();
  private legacyDocument = false;

  async loadCatalog(): Promise<Catalog | null> {
    const r = await this.query("SELECT key, doc FROM _floe_meta.catalog_rows");
    this.savedRows = new Map(r.rows.map(([key, doc]) => [String(key), String(doc)]));
    if (this.savedRows.size > 0) return rowsToCatalog(this.savedRows);
    const legacy = await this.query("SELECT doc FROM _floe_meta.catalog WHERE id = 1");
    this.legacyDocument = legacy.rows.length > 0;
    return this.legacyDocument ? (JSON.parse(String(legacy.rows[0][0])) as Catalog) : null;
  }

  /** Writes the rows that changed since the last save, in one transaction (a crash keeps the old or the new). */
  async saveCatalog(catalog: Catalog): Promise<void> {
    const next = catalogToRows(catalog);
    const { upserts, deletes } = diffRows(this.savedRows, next);
    if (upserts.length === 0 && deletes.length === 0 && !this.legacyDocument) return;
    try {
      await this.conn.run("BEGIN TRANSACTION");
      for (const key of deletes) await this.conn.run("DELETE FROM _floe_meta.catalog_rows WHERE key = $1", [key]);
      // No primary key: DuckDB's INSERT OR REPLACE through an index cost several times a plain UPDATE
      // (measured); the keys are unique because only this method writes them.
      for (const [key, doc] of upserts) {
        const sql = this.savedRows.has(key)
          ? "UPDATE _floe_meta.catalog_rows SET doc = $2 WHERE key = $1"
          : "INSERT INTO _floe_meta.catalog_rows VALUES ($1, $2)";
        await this.conn.run(sql, [key, doc]);
      }
      if (this.legacyDocument) await this.conn.run("DELETE FROM _floe_meta.catalog");
      await this.conn.run("COMMIT");
    } catch (e) {
      await this.conn.run("ROLLBACK").catch(() => {});
      throw toSnowflake(e);
    }
    this.savedRows = next;
    this.legacyDocument = false;
  }

  async checkpoint() {
    await this.run("CHECKPOINT");
  }

  close() {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

export const freshCatalog = emptyCatalog;

const SNOWFLAKE_MACROS = [
  "iff(c, a, b) AS CASE WHEN c THEN a ELSE b END",
  "nvl(a, b) AS coalesce(a, b)",
  "nvl2(a, b, c) AS CASE WHEN a IS NOT NULL THEN b ELSE c END",
  "zeroifnull(a) AS coalesce(a, 0)",
  "nullifzero(a) AS nullif(a, 0)",
  "div0(a, b) AS CASE WHEN b = 0 THEN 0 ELSE a / b END",
  "array_size(a) AS json_array_length(CAST(a AS JSON))",
  "parse_json(a) AS json(a)",
  // to_json, not CAST(… AS JSON): the cast prints a NULL element as the non-JSON word NULL.
  "sf_array_append(a, e) AS to_json(list_append(CAST(CAST(a AS JSON) AS JSON[]), to_json(e)))",
  "to_varchar(a) AS CAST(a AS VARCHAR)",
  "to_char(a) AS CAST(a AS VARCHAR)",
  "to_number(a) AS CAST(a AS DECIMAL(38,0))",
  "to_boolean(a) AS CAST(a AS BOOLEAN)",
  // TO_TIMESTAMP_LTZ/NTZ/TZ take strings (AUTO format), dates/timestamps and epoch numbers whose magnitude
  // picks seconds, milliseconds, microseconds or nanoseconds (Snowflake's rule); anything else fails as in
  // Snowflake ("Timestamp '…' is not recognized"). Everything goes through VARCHAR so one macro fits all types.
  "sf_epoch(d) AS CASE WHEN abs(d) < 31536000000 THEN to_timestamp(d) WHEN abs(d) < 31536000000000 THEN to_timestamp(d / 1e3) " +
    "WHEN abs(d) < 31536000000000000 THEN to_timestamp(d / 1e6) ELSE to_timestamp(d / 1e9) END",
  "sf_ts_fail(a) AS CAST(error('Timestamp ''' || CAST(a AS VARCHAR) || ''' is not recognized') AS TIMESTAMPTZ)",
  `to_timestamp_ltz(a) AS CASE WHEN a IS NULL THEN NULL ELSE coalesce(try_cast(regexp_replace(CAST(a AS VARCHAR), ${SQL_SPACED_OFFSET}) AS TIMESTAMPTZ), ` +
    `try_strptime(CAST(a AS VARCHAR), ${SQL_RFC_2822_TZ}), sf_epoch(try_cast(CAST(a AS VARCHAR) AS DOUBLE)), sf_ts_fail(a)) END`,
  "to_timestamp_tz(a) AS to_timestamp_ltz(a)",
  `to_timestamp_ntz(a) AS CASE WHEN a IS NULL THEN NULL ELSE coalesce(try_cast(regexp_replace(CAST(a AS VARCHAR), ${SQL_ANY_OFFSET}) AS TIMESTAMP), ` +
    `try_strptime(regexp_replace(CAST(a AS VARCHAR), '\\s*[+-]\\d{4}\\s*$', ''), ${SQL_RFC_2822_NTZ}), ` +
    "timezone('UTC', sf_epoch(try_cast(CAST(a AS VARCHAR) AS DOUBLE))), timezone('UTC', sf_ts_fail(a))) END",
  "to_date(a) AS CAST(a AS DATE)",
  // TO_TIME/TIME of a 'HH24:MI:SS[.f]' string or a timestamp (to_time, https://docs.snowflake.com/en/sql-reference/functions/to_time).
  "to_time(a) AS CAST(a AS TIME)",
  "sysdate() AS now()",
  ...FRONT_END_MACROS,
]
  .map((m) => `CREATE OR REPLACE TEMP MACRO ${m};`)
  .join("\n");

function toSnowflake(e: unknown): Error {
  if (e instanceof SnowflakeError) return e;
  return errors.duck(e instanceof Error ? e.message : String(e));
}

/** DuckDB value → the engine's CellValue (see types.ts). JSON-typed cells are parsed for variant/array/object. */
export function toCell(v: unknown, wire: string): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof DuckDBDecimalValue) return v.scale === 0 ? v.value : v.toString();
  if (v instanceof DuckDBTimestampTZValue || v instanceof DuckDBTimestampValue)
    return new Date(Number(v.micros / 1000n));
  if (v instanceof DuckDBDateValue) return new Date(v.days * 86_400_000);
  if (v instanceof DuckDBTimeValue) return new Date(Number(v.micros / 1000n));
  if (v instanceof DuckDBListValue) return v.items.map((x) => toCell(x, "variant"));
  if (v instanceof DuckDBStructValue)
    return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, toCell(x, "variant")]));
  if (v instanceof DuckDBBlobValue) return Buffer.from(v.bytes).toString("hex");
  if ((wire === "variant" || wire === "array" || wire === "object") && typeof v === "string") {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  if (wire === "real" && typeof v === "bigint") return Number(v);
  return v;
}
