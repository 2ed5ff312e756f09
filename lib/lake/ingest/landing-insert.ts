// The statements that land Kafka records in a dataset's landing table, as the connector would: one row per
// record, both columns VARIANT. Values are binds (PARSE_JSON of the record's JSON text), never SQL text;
// VARIANT values cannot be written in a VALUES clause, so it is INSERT … SELECT PARSE_JSON(…) FROM VALUES
// (docs.snowflake.com/en/sql-reference/sql/insert: "the VALUES clause does not support … PARSE_JSON";
// /en/sql-reference/constructs/values for VALUES in FROM). Pure.
import { bind, qualified, sql, sqlJoin, type Sql } from "@/lib/snowflake/sql-identifiers";
import { pipelineObjectsFor, pipelineSchema } from "../pipeline-objects";
import type { KafkaRecord } from "./events";

/** Records per statement: 2 binds each, well under the driver's and Snowflake's limits. */
export const LANDING_CHUNK = 250;

/** INSERT statements for `records`, grouped by landing table and chunked. */
export function landingInserts(database: string, records: readonly KafkaRecord[]): Sql[] {
  const byDataset = new Map<string, KafkaRecord[]>();
  for (const r of records) byDataset.set(r.datasetKey, [...(byDataset.get(r.datasetKey) ?? []), r]);
  const out: Sql[] = [];
  for (const [datasetKey, rows] of byDataset) {
    const table = qualified(database, pipelineSchema, pipelineObjectsFor(datasetKey).landingTable);
    for (let i = 0; i < rows.length; i += LANDING_CHUNK) {
      const values = sqlJoin(
        rows
          .slice(i, i + LANDING_CHUNK)
          .map((r) => sql`(${bind(JSON.stringify(r.metadata))}, ${bind(JSON.stringify(r.content))})`),
      );
      out.push(
        sql`INSERT INTO ${table} (RECORD_METADATA, RECORD_CONTENT) SELECT PARSE_JSON(COLUMN1), PARSE_JSON(COLUMN2) FROM VALUES ${values}`,
      );
    }
  }
  return out;
}
