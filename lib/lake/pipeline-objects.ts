// The names of the lake's ingest pipeline (issue 16), in one place: lake migration 5 creates these objects,
// `npm run lake:ingest` writes to the landing tables, and the worker's health sampling reads the tasks,
// streams and the freshness heartbeat by these names. Everything lives in the PIPELINE schema of each lake
// database (so a replication group of the lake carries the landing tables and the heartbeat with it).
// Names are generated from the catalog's dataset keys and are A-Z0-9_ only. Pure (no I/O).
import lake from "@/lib/catalog/engagement-lake.json" with { type: "json" };
import { rawTableName } from "@/lib/snowflake/object-names";

/** Landing tables, streams, tasks, procedures, the heartbeat and the rejected events live here. */
export const pipelineSchema = "PIPELINE";

/**
 * PIPELINE.FRESHNESS: the heartbeat, one row per dataset × workspace, maintained by the dataset's task each
 * time it moves rows. A table (the tasks MERGE into it); the name says what it is for, not its kind.
 */
export const freshnessView = "FRESHNESS";

/** The heartbeat's columns, in order (see freshnessView). */
export const freshnessColumns = {
  /** Catalog dataset key, e.g. messaging-email. */
  datasetKey: "DATASET_KEY",
  /** = the views' APP_GROUP_ID. */
  workspaceId: "WORKSPACE_ID",
  /** Newest event time (TIMESTAMP_NTZ, UTC) moved into the dataset's event tables for this workspace. */
  latestEventAt: "LATEST_EVENT_AT",
  /** When the task last moved rows for it (TIMESTAMP_NTZ, UTC: the task's CURRENT_TIMESTAMP). */
  loadedAt: "LOADED_AT",
  /** Events moved so far (cumulative, duplicates and rejected events not counted). */
  eventsLoaded: "EVENTS_LOADED",
} as const;

/**
 * PIPELINE.LOADS: the heartbeat's rows, one per task run × event table × workspace (append-only: the tasks
 * INSERT, never update); FRESHNESS is its latest state per dataset × workspace. Also the lag history.
 */
export const loadsTable = "LOADS";

/**
 * PIPELINE.REJECTED_EVENTS: events a task filtered out (unknown topic, missing or wrongly typed field), one
 * row per landed record, with the reason; counted by the health page, kept for inspection.
 */
export const rejectedEventsTable = "REJECTED_EVENTS";

export type PipelineObjects = {
  datasetKey: string;
  /** Kafka-connector shaped table (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT) the events land in. */
  landingTable: string;
  /** Append-only stream on the landing table, consumed by the task. */
  stream: string;
  /** Root task, every minute WHEN SYSTEM$STREAM_HAS_DATA(stream): CALLs the procedure. */
  task: string;
};

/** What a task works with beyond the contract's names (migration 5 and the tests use these). */
export type PipelineInternals = PipelineObjects & {
  /** Rows taken from the stream and not yet moved: lets a failed run be repeated without losing events. */
  batchTable: string;
  /** The SQL procedure the task CALLs: stream → batch → typed, deduplicated rows in RAW → heartbeat. */
  procedure: string;
  /** View over the batch table: each record's topic, Kafka partition and offset, content. */
  batchView: string;
  /**
   * The event tables of the dataset: RAW table name, the Kafka topic its events arrive on, and the view that
   * types the batch's records of that topic into the table's columns (with REJECT_REASON, NULL when valid).
   */
  tables: { rawTable: string; topic: string; typedView: string }[];
};

const datasets = lake.datasets;

function keyPart(datasetKey: string): string {
  if (typeof datasetKey !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(datasetKey))
    throw new Error("dataset key must be lower-case letters, digits and -");
  return datasetKey.toUpperCase().replace(/-/g, "_");
}

/** The Kafka topic a RAW table's events are produced to: its name in lower case (users_messages_email_send). */
export const topicForTable = (rawTable: string) => rawTable.toLowerCase();

/** Names (unquoted, in PIPELINE) of one dataset's landing table, stream and task. */
export function pipelineObjectsFor(datasetKey: string): PipelineObjects {
  const k = keyPart(datasetKey);
  return { datasetKey, landingTable: `LANDING_${k}`, stream: `LANDING_${k}_STREAM`, task: `LOAD_${k}` };
}

/** pipelineObjectsFor plus the batch table, the procedure and the dataset's tables with their topics. */
export function pipelineInternalsFor(datasetKey: string): PipelineInternals {
  const dataset = datasets.find((d) => d.key === datasetKey);
  if (!dataset) throw new Error(`unknown dataset ${datasetKey}`);
  const k = keyPart(datasetKey);
  return {
    ...pipelineObjectsFor(datasetKey),
    batchTable: `BATCH_${k}`,
    procedure: `MOVE_${k}`,
    batchView: `BATCH_${k}_RECORDS`,
    tables: dataset.tables.map((t) => {
      const rawTable = rawTableName(t.name);
      return { rawTable, topic: topicForTable(rawTable), typedView: `TYPED_${rawTable}` };
    }),
  };
}

/** Every dataset of the catalog, in catalog order. */
export function allPipelineObjects(): PipelineObjects[] {
  return datasets.map((d) => pipelineObjectsFor(d.key));
}

/** The tasks' schedule; a run is skipped (WHEN SYSTEM$STREAM_HAS_DATA) when nothing landed. */
export const pipelineTaskSchedule = "1 MINUTE";
