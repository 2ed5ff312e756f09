// The statements the sampler sends (one per kind per provider account, plus one clock read) and how their
// rows become samples. Names go through the one quoting helper; the only value (a replication group's
// name) is a string literal built by it. Pure: the caller runs the statements.
//
// Snowflake references (what each read returns):
//   TASK_HISTORY table function — https://docs.snowflake.com/en/sql-reference/functions/task_history
//   SHOW STREAMS (stale, stale_after) — https://docs.snowflake.com/en/sql-reference/sql/show-streams
//   SHOW TASKS (state) — https://docs.snowflake.com/en/sql-reference/sql/show-tasks
//   REPLICATION_GROUP_REFRESH_HISTORY — https://docs.snowflake.com/en/sql-reference/functions/replication_group_refresh_history
import { allPipelineObjects, freshnessView, pipelineSchema } from "@/lib/lake/pipeline-objects";
import { qualified, sql, sqlStringLiteral, type Statement } from "@/lib/snowflake/sql-identifiers";
import { toBool, toDate, toText } from "@/lib/snowflake/snowflake-values";

type Row = Record<string, unknown>;

/** Column names as Snowflake spells them; SHOW output is lower case, SELECT output upper case. */
function col(row: Row, name: string): unknown {
  return row[name] ?? row[name.toUpperCase()] ?? row[name.toLowerCase()];
}

const byTask = new Map(allPipelineObjects().map((o) => [o.task, o.datasetKey]));
const byStream = new Map(allPipelineObjects().map((o) => [o.stream, o.datasetKey]));
export const datasetOfTask = (task: string) => byTask.get(task) ?? null;
export const datasetOfStream = (stream: string) => byStream.get(stream) ?? null;

export const clockStatement = (): Statement => sql`SELECT CURRENT_TIMESTAMP() AS NOW`.toStatement();
export const readClock = (rows: Row[]): Date | null => toDate(col(rows[0] ?? {}, "NOW"));

// ---- tasks -------------------------------------------------------------------------------------------------

/** The newest 1,000 runs of the account's tasks (the function's RESULT_LIMIT); PIPELINE's are kept. */
export function taskHistoryStatement(lakeDatabase: string): Statement {
  return sql`SELECT NAME, SCHEMA_NAME, STATE, ERROR_CODE, ERROR_MESSAGE, SCHEDULED_TIME, COMPLETED_TIME, QUERY_ID FROM TABLE(${qualified(lakeDatabase, "INFORMATION_SCHEMA", "TASK_HISTORY")}(RESULT_LIMIT => 1000))`.toStatement();
}

export type TaskRunRead = {
  taskName: string;
  datasetKey: string | null;
  state: string;
  errorCode: string | null;
  errorMessage: string | null;
  queryId: string | null;
  scheduledAt: Date;
  completedAt: Date | null;
};

/** Finished runs only: SCHEDULED and EXECUTING rows change and are read again next round. */
export function parseTaskHistory(rows: Row[]): TaskRunRead[] {
  const runs: TaskRunRead[] = [];
  for (const row of rows) {
    const state = String(col(row, "STATE") ?? "");
    if (String(col(row, "SCHEMA_NAME") ?? "") !== pipelineSchema) continue;
    if (state === "SCHEDULED" || state === "EXECUTING" || state === "") continue;
    const scheduledAt = toDate(col(row, "SCHEDULED_TIME"));
    const taskName = String(col(row, "NAME") ?? "");
    if (!scheduledAt || !taskName) continue;
    runs.push({
      taskName,
      datasetKey: datasetOfTask(taskName),
      state,
      errorCode: toText(col(row, "ERROR_CODE"), 20),
      errorMessage: toText(col(row, "ERROR_MESSAGE")),
      queryId: toText(col(row, "QUERY_ID"), 100),
      scheduledAt,
      completedAt: toDate(col(row, "COMPLETED_TIME")),
    });
  }
  return runs;
}

export function showTasksStatement(lakeDatabase: string): Statement {
  return sql`SHOW TASKS IN SCHEMA ${qualified(lakeDatabase, pipelineSchema)}`.toStatement();
}

export type TaskStateRead = {
  taskName: string;
  datasetKey: string | null;
  state: string;
  suspendedReason: string | null;
};

export function parseShowTasks(rows: Row[]): TaskStateRead[] {
  return rows.map((row) => {
    const taskName = String(col(row, "name") ?? "");
    return {
      taskName,
      datasetKey: datasetOfTask(taskName),
      state: String(col(row, "state") ?? "").toLowerCase(),
      suspendedReason: toText(col(row, "last_suspended_reason"), 1000),
    };
  });
}

// ---- streams -----------------------------------------------------------------------------------------------

export function showStreamsStatement(lakeDatabase: string): Statement {
  return sql`SHOW STREAMS IN SCHEMA ${qualified(lakeDatabase, pipelineSchema)}`.toStatement();
}

export type StreamRead = {
  streamName: string;
  datasetKey: string | null;
  stale: boolean;
  staleAfter: Date | null;
  invalidReason: string | null;
};

export function parseShowStreams(rows: Row[]): StreamRead[] {
  return rows.map((row) => {
    const streamName = String(col(row, "name") ?? "");
    const reason = toText(col(row, "invalid_reason"), 1000);
    return {
      streamName,
      datasetKey: datasetOfStream(streamName),
      stale: toBool(col(row, "stale")),
      staleAfter: toDate(col(row, "stale_after")),
      invalidReason: reason === "N/A" ? null : reason,
    };
  });
}

// ---- replication -------------------------------------------------------------------------------------------

export const showReplicationGroupsStatement = (): Statement => sql`SHOW REPLICATION GROUPS`.toStatement();

export type SecondaryGroupRead = { groupName: string; database: string };

/** Floe's secondary groups in this account (FLOE_RG_<LAKEDB>_TO_<REGION>) and the replica database each holds. */
export function parseSecondaryGroups(rows: Row[], knownLakeDatabases: string[]): SecondaryGroupRead[] {
  const groups: SecondaryGroupRead[] = [];
  for (const row of rows) {
    if (toBool(col(row, "is_primary"))) continue;
    const groupName = String(col(row, "name") ?? "");
    const database = knownLakeDatabases.find((db) => groupName.startsWith(`FLOE_RG_${db}_TO_`));
    if (database) groups.push({ groupName, database });
  }
  return groups;
}

export function refreshHistoryStatement(group: SecondaryGroupRead): Statement {
  return sql`SELECT PHASE_NAME, START_TIME, END_TIME, JOB_UUID, PRIMARY_SNAPSHOT_TIMESTAMP, ERROR FROM TABLE(${qualified(group.database, "INFORMATION_SCHEMA", "REPLICATION_GROUP_REFRESH_HISTORY")}(${sqlStringLiteral(group.groupName)}))`.toStatement();
}

export type RefreshRead = {
  jobUuid: string;
  phase: string;
  startedAt: Date;
  endedAt: Date | null;
  primarySnapshotAt: Date | null;
  error: string | null;
};

export function parseRefreshHistory(rows: Row[]): RefreshRead[] {
  const reads: RefreshRead[] = [];
  for (const row of rows) {
    const startedAt = toDate(col(row, "START_TIME"));
    const jobUuid = toText(col(row, "JOB_UUID"), 100);
    if (!startedAt || !jobUuid) continue;
    reads.push({
      jobUuid,
      phase: String(col(row, "PHASE_NAME") ?? ""),
      startedAt,
      endedAt: toDate(col(row, "END_TIME")),
      primarySnapshotAt: toDate(col(row, "PRIMARY_SNAPSHOT_TIMESTAMP")),
      error: toText(col(row, "ERROR")),
    });
  }
  return reads;
}

// ---- freshness ---------------------------------------------------------------------------------------------

/** PIPELINE.FRESHNESS with Snowflake's own clock beside it, so lag is measured on one clock. */
export function freshnessStatement(lakeDatabase: string): Statement {
  return sql`SELECT DATASET_KEY, WORKSPACE_ID, LATEST_EVENT_AT, LOADED_AT, CURRENT_TIMESTAMP() AS MEASURED_AT FROM ${qualified(lakeDatabase, pipelineSchema, freshnessView)}`.toStatement();
}

export type FreshnessRead = {
  datasetKey: string;
  lakeWorkspaceId: string;
  latestEventAt: Date | null;
  loadedAt: Date | null;
  measuredAt: Date;
  lagSeconds: number | null;
};

export function parseFreshness(rows: Row[], fallbackNow: Date): FreshnessRead[] {
  return rows.flatMap((row) => {
    const datasetKey = toText(col(row, "DATASET_KEY"), 100);
    const lakeWorkspaceId = toText(col(row, "WORKSPACE_ID"), 100);
    if (!datasetKey || !lakeWorkspaceId) return [];
    const measuredAt = toDate(col(row, "MEASURED_AT")) ?? fallbackNow;
    const latestEventAt = toDate(col(row, "LATEST_EVENT_AT"));
    const lagSeconds = latestEventAt
      ? Math.max(0, Math.round((measuredAt.getTime() - latestEventAt.getTime()) / 1000))
      : null;
    return [
      { datasetKey, lakeWorkspaceId, latestEventAt, loadedAt: toDate(col(row, "LOADED_AT")), measuredAt, lagSeconds },
    ];
  });
}
