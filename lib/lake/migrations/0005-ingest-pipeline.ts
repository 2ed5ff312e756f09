// Lake migration 5: the ingest pipeline (issue 16). Per dataset a landing table shaped as the Snowflake
// Connector for Kafka lands events — two VARIANT columns, RECORD_METADATA (topic, partition, offset,
// CreateTime, key…) and RECORD_CONTENT (the message) — an append-only stream on it, and a task that every
// minute, when the stream has data, CALLs a SQL procedure: stream → batch table (the one DML that consumes
// the stream) → rejected events (unknown topic, missing or wrongly typed field) → heartbeat rows → typed,
// deduplicated rows (by event ID, first Kafka offset wins) into the RAW event tables behind the shared views
// → batch emptied. Each step after the first is safe to repeat, so a failed run is finished by the next.
// The share boundary is untouched: RAW tables, views, policies and grants stay as migrations 1–3 left them.
// Everything is in the lake database, so a replication group of it carries LOADS and FRESHNESS to replicas.
//
// Docs: Kafka connector table schema (docs.snowflake.com/en/user-guide/kafka-connector-overview, "Schema of
// tables for Kafka topics"); streams (/en/user-guide/streams-intro); CREATE TASK … WHEN
// SYSTEM$STREAM_HAS_DATA (/en/sql-reference/sql/create-task, /en/user-guide/tasks-intro); ALTER TASK RESUME
// (/en/sql-reference/sql/alter-task); Snowflake Scripting procedures (/en/sql-reference/sql/create-procedure).
import { lakeSchemas } from "@/lib/snowflake/object-names";
import {
  qualified,
  quoteIdent,
  sql,
  sqlDataType,
  sqlDollarQuoted,
  sqlJoin,
  sqlStringLiteral,
  type Sql,
} from "@/lib/snowflake/sql-identifiers";
import { lakeDatasetKeys, lakeTables, type LakeColumn, type LakeTable } from "../lake-tables";
import {
  freshnessView,
  loadsTable,
  pipelineInternalsFor,
  pipelineSchema,
  pipelineTaskSchedule,
  rejectedEventsTable,
  type PipelineInternals,
} from "../pipeline-objects";
import type { LakeMigration, LakeTarget } from "./types";

const ref = (t: LakeTarget, name: string) => qualified(t.database, pipelineSchema, name);

/** `RECORD_CONTENT:"COL"` — the message's first-level key named as the column (the connector's convention). */
const field = (c: LakeColumn) => sql`RECORD_CONTENT:${quoteIdent(c.name)}`;
const fieldText = (c: LakeColumn) => sql`${field(c)}::VARCHAR`;
/** Columns whose text must convert; VARCHAR takes any element, ARRAY keeps the element as it is. */
const converted = (c: LakeColumn) => !/^VARCHAR/.test(c.type) && c.type !== "ARRAY";

function typedValue(c: LakeColumn): Sql {
  if (c.type === "ARRAY") return sql`${field(c)}::ARRAY`;
  if (!converted(c)) return fieldText(c);
  return sql`TRY_CAST(${fieldText(c)} AS ${sqlDataType(c.type)})`;
}

/** Why a record cannot go into the table (NULL when it can): a required key missing, a value of the wrong type. */
function rejectReason(table: LakeTable): Sql {
  const required = table.columns.filter((c) => ["ID", "APP_GROUP_ID", "TIME"].includes(c.name));
  const missing = required.map(
    (c) => sql`WHEN ${fieldText(c)} IS NULL THEN ${sqlStringLiteral(`${c.name} is missing`)}`,
  );
  const wrong = table.columns
    .filter(converted)
    .map(
      (c) =>
        sql`WHEN ${fieldText(c)} IS NOT NULL AND ${typedValue(c)} IS NULL THEN ${sqlStringLiteral(`${c.name} is not a ${c.type}`)}`,
    );
  return sql`CASE ${sqlJoin([...missing, ...wrong], " ")} END`;
}

function typedView(t: LakeTarget, p: PipelineInternals, table: LakeTable, topic: string, view: string): Sql {
  const columns = sqlJoin(table.columns.map((c) => sql`${typedValue(c)} AS ${quoteIdent(c.name)}`));
  return sql`CREATE OR REPLACE VIEW ${ref(t, view)} COMMENT = ${sqlStringLiteral(`Batch records of topic ${topic} typed as ${lakeSchemas.raw}.${table.name}`)} AS SELECT ${columns}, RECORD_METADATA:partition::NUMBER AS KAFKA_PARTITION, RECORD_METADATA:offset::NUMBER AS KAFKA_OFFSET, ${rejectReason(table)} AS REJECT_REASON, RECORD_CONTENT FROM ${ref(t, p.batchTable)} WHERE RECORD_METADATA:topic::VARCHAR = ${sqlStringLiteral(topic)}`;
}

/** The procedure's statements, in order (no semi-structured paths in here: the views do the typing). */
function moveStatements(t: LakeTarget, p: PipelineInternals, tables: LakeTable[]): Sql[] {
  const key = sqlStringLiteral(p.datasetKey);
  const rejected = ref(t, rejectedEventsTable);
  const topics = sqlJoin(p.tables.map((x) => sql`${sqlStringLiteral(x.topic)}`));
  const out: Sql[] = [
    sql`INSERT INTO ${ref(t, p.batchTable)} (RECORD_METADATA, RECORD_CONTENT) SELECT RECORD_METADATA, RECORD_CONTENT FROM ${ref(t, p.stream)} WHERE METADATA$ACTION = 'INSERT'`,
    sql`INSERT INTO ${rejected} (DATASET_KEY, TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, REASON, RECORD_CONTENT, REJECTED_AT) SELECT ${key}, TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, 'unknown topic', RECORD_CONTENT, SYSDATE() FROM ${ref(t, p.batchView)} WHERE TOPIC IS NULL OR TOPIC NOT IN (${topics})`,
  ];
  for (const x of p.tables) {
    const table = tables.find((tb) => tb.name === x.rawTable)!;
    const view = ref(t, x.typedView);
    const raw = qualified(t.database, lakeSchemas.raw, table.name);
    const fresh = sql`v.REJECT_REASON IS NULL AND NOT EXISTS (SELECT 1 FROM ${raw} r WHERE r.ID = v.ID)`;
    const cols = sqlJoin(table.columns.map((c) => quoteIdent(c.name)));
    out.push(
      sql`INSERT INTO ${rejected} (DATASET_KEY, TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, REASON, RECORD_CONTENT, REJECTED_AT) SELECT ${key}, ${sqlStringLiteral(x.topic)}, KAFKA_PARTITION, KAFKA_OFFSET, REJECT_REASON, RECORD_CONTENT, SYSDATE() FROM ${view} WHERE REJECT_REASON IS NOT NULL`,
      // Heartbeat before the move, so "new" (not yet in RAW) means moved by this run.
      sql`INSERT INTO ${ref(t, loadsTable)} (DATASET_KEY, WORKSPACE_ID, LATEST_EVENT_AT, LOADED_AT, EVENTS_LOADED) SELECT ${key}, v.APP_GROUP_ID, TO_TIMESTAMP_NTZ(MAX(v.TIME)), SYSDATE(), COUNT(DISTINCT v.ID) FROM ${view} v WHERE ${fresh} GROUP BY v.APP_GROUP_ID`,
      sql`INSERT INTO ${raw} (${cols}) SELECT ${cols} FROM ${view} v WHERE ${fresh} QUALIFY ROW_NUMBER() OVER (PARTITION BY v.ID ORDER BY v.KAFKA_PARTITION, v.KAFKA_OFFSET) = 1`,
    );
  }
  out.push(sql`DELETE FROM ${ref(t, p.batchTable)}`);
  return out;
}

function datasetObjects(t: LakeTarget, datasetKey: string): Sql[] {
  const p = pipelineInternalsFor(datasetKey);
  const tables = lakeTables().filter((tb) => tb.datasetKey === datasetKey);
  return [
    sql`CREATE TABLE IF NOT EXISTS ${ref(t, p.landingTable)} (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT) COMMENT = ${sqlStringLiteral(`Kafka connector landing table of ${datasetKey}: one row per record`)}`,
    sql`CREATE TABLE IF NOT EXISTS ${ref(t, p.batchTable)} (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT) COMMENT = 'Records taken from the stream and not yet moved'`,
    sql`CREATE STREAM IF NOT EXISTS ${ref(t, p.stream)} ON TABLE ${ref(t, p.landingTable)} APPEND_ONLY = TRUE COMMENT = 'New landed records, consumed by the load task'`,
    sql`CREATE OR REPLACE VIEW ${ref(t, p.batchView)} AS SELECT RECORD_METADATA:topic::VARCHAR AS TOPIC, RECORD_METADATA:partition::NUMBER AS KAFKA_PARTITION, RECORD_METADATA:offset::NUMBER AS KAFKA_OFFSET, RECORD_CONTENT FROM ${ref(t, p.batchTable)}`,
    ...p.tables.map((x) =>
      typedView(
        t,
        p,
        tables.find((tb) => tb.name === x.rawTable)!,
        x.topic,
        x.typedView,
      ),
    ),
    sql`CREATE OR REPLACE PROCEDURE ${ref(t, p.procedure)}() RETURNS VARCHAR LANGUAGE SQL EXECUTE AS OWNER AS ${sqlDollarQuoted(moveStatements(t, p, tables), sqlStringLiteral("moved"))}`,
    sql`CREATE TASK IF NOT EXISTS ${ref(t, p.task)} SCHEDULE = ${sqlStringLiteral(pipelineTaskSchedule)} COMMENT = ${sqlStringLiteral(`Moves landed ${datasetKey} events into ${lakeSchemas.raw}`)} WHEN SYSTEM$STREAM_HAS_DATA(${sqlStringLiteral(`${t.database}.${pipelineSchema}.${p.stream}`)}) AS CALL ${ref(t, p.procedure)}()`,
    sql`ALTER TASK ${ref(t, p.task)} RESUME`,
  ];
}

export const ingestPipeline: LakeMigration = {
  version: 5,
  name: "ingest-pipeline",
  summary:
    "Schema PIPELINE: Kafka-connector landing tables, streams, tasks (every minute WHEN SYSTEM$STREAM_HAS_DATA) that type, filter and deduplicate events into RAW, the LOADS/FRESHNESS heartbeat and REJECTED_EVENTS",
  statements(t) {
    return [
      sql`CREATE SCHEMA IF NOT EXISTS ${qualified(t.database, pipelineSchema)} COMMENT = 'Ingest: landing tables, streams, tasks, heartbeat'`,
      sql`CREATE TABLE IF NOT EXISTS ${ref(t, loadsTable)} (DATASET_KEY VARCHAR NOT NULL, WORKSPACE_ID VARCHAR NOT NULL, LATEST_EVENT_AT TIMESTAMP_NTZ(9), LOADED_AT TIMESTAMP_NTZ(9), EVENTS_LOADED NUMBER(38,0)) COMMENT = 'One row per load task run × event table × workspace'`,
      sql`CREATE OR REPLACE VIEW ${ref(t, freshnessView)} COMMENT = 'Heartbeat: newest event moved and last load per dataset × workspace' AS SELECT DATASET_KEY, WORKSPACE_ID, MAX(LATEST_EVENT_AT) AS LATEST_EVENT_AT, MAX(LOADED_AT) AS LOADED_AT, SUM(EVENTS_LOADED) AS EVENTS_LOADED FROM ${ref(t, loadsTable)} GROUP BY DATASET_KEY, WORKSPACE_ID`,
      sql`CREATE TABLE IF NOT EXISTS ${ref(t, rejectedEventsTable)} (DATASET_KEY VARCHAR NOT NULL, TOPIC VARCHAR, KAFKA_PARTITION NUMBER(38,0), KAFKA_OFFSET NUMBER(38,0), REASON VARCHAR NOT NULL, RECORD_CONTENT VARIANT, REJECTED_AT TIMESTAMP_NTZ(9)) COMMENT = 'Landed records a load task filtered out, with the reason'`,
      ...lakeDatasetKeys().flatMap((key) => datasetObjects(t, key)),
    ];
  },
};
