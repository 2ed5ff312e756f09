// Test setup for the health tests: drives the real ingest pipeline that lake migration 5 created in the seeded
// lake (lib/lake/migrations/0005-ingest-pipeline.ts, names from lib/lake/pipeline-objects.ts) through
// snowflake-sdk with ordinary statements, never by touching the emulator's internals. Events land the way
// `npm run lake:ingest` lands them (Kafka-connector records, lib/lake/ingest), tasks are resumed and suspended
// with ALTER TASK, and a task is made to fail the way a real one would: something its procedure needs is gone.
import type snowflake from "snowflake-sdk";
import { EventGenerator } from "@/lib/lake/ingest/events";
import { landingInserts } from "@/lib/lake/ingest/landing-insert";
import { lakeDatasetKeys } from "@/lib/lake/lake-tables";
import { ingestPipeline } from "@/lib/lake/migrations/0005-ingest-pipeline";
import { noRecords } from "@/lib/lake/migrations/types";
import { pipelineInternalsFor, pipelineSchema } from "@/lib/lake/pipeline-objects";
import type { Statement } from "@/lib/snowflake/sql-identifiers";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";

export type LakePipeline = {
  lake: string;
  region: string;
  /** Fully qualified names of one dataset's objects. */
  objects(datasetKey: string): { landing: string; stream: string; task: string; batchTable: string };
};

export function lakePipeline(lake: string, region: string): LakePipeline {
  return {
    lake,
    region,
    objects(datasetKey) {
      const p = pipelineInternalsFor(datasetKey);
      const q = (name: string) => `${lake}.${pipelineSchema}.${name}`;
      return { landing: q(p.landingTable), stream: q(p.stream), task: q(p.task), batchTable: q(p.batchTable) };
    },
  };
}

const run = (conn: TestConnection, s: Statement) => conn.execute(s.sql, s.binds as snowflake.Binds | undefined);

/** One generator per dataset × workspace, so every call lands exactly one event of each dataset asked for. */
const generators = new Map<string, EventGenerator>();
function generatorFor(datasetKey: string, workspaceId: string): EventGenerator {
  const key = `${datasetKey}/${workspaceId}`;
  let gen = generators.get(key);
  if (!gen) {
    gen = new EventGenerator({ workspaces: [workspaceId], seed: generators.size + 1, datasetKeys: [datasetKey] });
    generators.set(key, gen);
  }
  return gen;
}

/** Lands one event of each dataset (default: every dataset) for `workspaceId`, with event time `at`. */
export async function landEvents(
  conn: TestConnection,
  p: LakePipeline,
  workspaceId: string,
  at: Date,
  datasetKeys: string[] = lakeDatasetKeys(),
): Promise<void> {
  const records = datasetKeys.map((key) => generatorFor(key, workspaceId).next(at));
  for (const s of landingInserts(p.lake, records)) await run(conn, s.toStatement());
}

/** ALTER TASK … RESUME | SUSPEND on the tasks of the given datasets (default: all), as lake:migrate or an operator. */
export async function setTasks(
  conn: TestConnection,
  p: LakePipeline,
  action: "RESUME" | "SUSPEND",
  datasetKeys: string[] = lakeDatasetKeys(),
): Promise<void> {
  for (const key of datasetKeys) await conn.execute(`ALTER TASK ${p.objects(key).task} ${action}`);
}

/** Drops the batch table the dataset's MOVE_<K> procedure inserts into first: every run of its task fails. */
export async function breakMove(conn: TestConnection, p: LakePipeline, datasetKey: string): Promise<void> {
  await conn.execute(`DROP TABLE ${p.objects(datasetKey).batchTable}`);
}

/** Re-applies lake migration 5 (its statements are idempotent): recreates what is missing, resumes every task. */
export async function reapplyPipelineMigration(conn: TestConnection, p: LakePipeline): Promise<void> {
  for (const s of ingestPipeline.statements({ database: p.lake, region: p.region }, noRecords))
    await run(conn, s.toStatement());
}

/** A stale stream cannot be read again: recreate it on its landing table, as migration 5 defines it. */
export async function recreateStream(conn: TestConnection, p: LakePipeline, datasetKey: string): Promise<void> {
  const o = p.objects(datasetKey);
  await conn.execute(`CREATE OR REPLACE STREAM ${o.stream} ON TABLE ${o.landing} APPEND_ONLY = TRUE`);
}
