// Test setup: the pipeline objects of one dataset in a lake, by the names of lib/lake/pipeline-objects.ts
// (contract C1), for the health tests while lake migration 5 (helper "pipeline") is not on this branch.
// Stand-ins with the contract's names and the heartbeat's columns: a landing table, an append-only stream on
// it, a task every minute that moves the stream into a heartbeat log, and PIPELINE.FRESHNESS over that log.
// Created through snowflake-sdk with ordinary statements, never by touching the emulator's internals.
import { freshnessView, pipelineObjectsFor, pipelineSchema } from "@/lib/lake/pipeline-objects";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";

export type StandIn = {
  datasetKey: string;
  lake: string;
  landing: string;
  stream: string;
  task: string;
  goodBody: string;
  /** A body that fails every run (a table that does not exist). */
  failingBody: string;
  createStream: string;
};

export function standInFor(lake: string, datasetKey: string): StandIn {
  const o = pipelineObjectsFor(datasetKey);
  const p = `${lake}.${pipelineSchema}`;
  return {
    datasetKey,
    lake,
    landing: `${p}.${o.landingTable}`,
    stream: `${p}.${o.stream}`,
    task: `${p}.${o.task}`,
    goodBody: `INSERT INTO ${p}.HEARTBEAT_LOG SELECT '${datasetKey}', WORKSPACE_ID, MAX(EVENT_AT), CURRENT_TIMESTAMP() FROM ${p}.${o.stream} GROUP BY WORKSPACE_ID`,
    failingBody: `INSERT INTO ${p}.NO_SUCH_TABLE SELECT WORKSPACE_ID FROM ${p}.${o.stream}`,
    createStream: `CREATE OR REPLACE STREAM ${p}.${o.stream} ON TABLE ${p}.${o.landingTable} APPEND_ONLY = TRUE`,
  };
}

export async function createStandIn(conn: TestConnection, s: StandIn): Promise<void> {
  const p = `${s.lake}.${pipelineSchema}`;
  for (const statement of [
    `CREATE SCHEMA IF NOT EXISTS ${p}`,
    // Retention 1 day, extension 2 days: stale_after = offset + 2 days (streams-intro), so tests jump days, not weeks.
    `CREATE TABLE IF NOT EXISTS ${s.landing} (WORKSPACE_ID VARCHAR, EVENT_AT TIMESTAMP_NTZ) DATA_RETENTION_TIME_IN_DAYS = 1 MAX_DATA_EXTENSION_TIME_IN_DAYS = 2`,
    `CREATE TABLE IF NOT EXISTS ${p}.HEARTBEAT_LOG (DATASET_KEY VARCHAR, WORKSPACE_ID VARCHAR, LATEST_EVENT_AT TIMESTAMP_NTZ, LOADED_AT TIMESTAMP_NTZ)`,
    `CREATE OR REPLACE VIEW ${p}.${freshnessView} AS SELECT DATASET_KEY, WORKSPACE_ID, MAX(LATEST_EVENT_AT) AS LATEST_EVENT_AT, MAX(LOADED_AT) AS LOADED_AT FROM ${p}.HEARTBEAT_LOG GROUP BY DATASET_KEY, WORKSPACE_ID`,
    s.createStream,
    `CREATE OR REPLACE TASK ${s.task} SCHEDULE = '1 MINUTE' AS ${s.goodBody}`,
    `ALTER TASK ${s.task} RESUME`,
  ])
    await conn.execute(statement);
}

/** Lands one event of `workspaceId` at the engine clock's now. */
export async function landEvent(conn: TestConnection, s: StandIn, workspaceId: string): Promise<void> {
  await conn.execute(`INSERT INTO ${s.landing} SELECT ?, CURRENT_TIMESTAMP()`, [workspaceId]);
}

/** Replaces the task's body (the task must be suspended to change it, then resumed). */
export async function setTaskBody(conn: TestConnection, s: StandIn, body: string): Promise<void> {
  await conn.execute(`ALTER TASK ${s.task} SUSPEND`);
  await conn.execute(`ALTER TASK ${s.task} MODIFY AS ${body}`);
  await conn.execute(`ALTER TASK ${s.task} RESUME`);
}
