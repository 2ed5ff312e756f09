// Builds one demo lake by running Floe's own lake migrations (lib/lake/migrations) through the engine's SQL
// path, exactly the statements `npm run lake:migrate` sends to a real provider account, then fills the
// RAW tables with generated rows. The emulator imports lib/lake; lib never imports the emulator.
import { applyLakeMigration } from "../../lib/lake/apply-migrations";
import { lakeTables, type LakeTable } from "../../lib/lake/lake-tables";
import { lakeMigrations } from "../../lib/lake/migrations";
import { allPipelineObjects, loadsTable, pipelineSchema } from "../../lib/lake/pipeline-objects";
import { lakeSchemas } from "../../lib/snowflake/object-names";
import { qualified, sql, sqlJoin, sqlStringLiteral } from "../../lib/snowflake/sql-identifiers";
import type { BindValue, Statement } from "../../lib/snowflake/sql-identifiers";
import type { Bind, SessionContext } from "../engine/types";
import { generateRows } from "./generate-rows";
import type { SeedInput } from "./seed-world";

export type { LakeTable };

const engineBind = (value: BindValue): Bind =>
  value === null
    ? { type: "TEXT", value: null }
    : {
        type: typeof value === "boolean" ? "BOOLEAN" : typeof value === "number" ? "FIXED" : "TEXT",
        value: String(value),
      };

export async function seedLake(
  input: SeedInput & { session: SessionContext; database: string; region: string; workspaces: string[] },
) {
  const { execute, session } = input;
  const target = { database: input.database, region: input.region };
  const port = { run: (s: Statement) => execute(session, s.sql, s.binds?.map(engineBind)) };
  // A fresh lake has no entitlement rows, so no migration has anything to backfill.
  for (const migration of lakeMigrations) await applyLakeMigration(port, migration, target);
  // Migration 5 resumes the load tasks; a freshly seeded store stays quiet (no task runs on the clock, which
  // the engine tests count) until Floe's lake:migrate — `npm run dev` runs it — resumes them again.
  for (const p of allPipelineObjects())
    await execute(session, `ALTER TASK "${input.database}"."${pipelineSchema}"."${p.task}" SUSPEND`, undefined);
  await generateRows(
    input.store,
    session.accountLocator,
    input.database,
    input.region,
    input.workspaces,
    lakeTables(),
    input.rowScale,
  );
  // Migration 7 moves the event tables' personal fields into PERSONAL; the generated rows came after it, so
  // it runs again (it converges) and moves theirs, as lake:migrate does on a lake that already has data.
  for (const migration of lakeMigrations.filter((m) => m.name === "identity-layout"))
    await applyLakeMigration(port, migration, target);
  // The generated rows did not come through the tasks: record them in the heartbeat as one load (LOADED_AT =
  // seed time), so PIPELINE.FRESHNESS describes every seeded workspace from the start.
  await port.run(seedHeartbeat(target).toStatement());
}

function seedHeartbeat(t: { database: string }) {
  const parts = lakeTables().map(
    (table) =>
      sql`SELECT ${sqlStringLiteral(table.datasetKey)} AS DATASET_KEY, APP_GROUP_ID, TO_TIMESTAMP_NTZ(MAX(TIME)) AS LATEST_EVENT_AT, SYSDATE() AS LOADED_AT, COUNT(*) AS EVENTS_LOADED FROM ${qualified(t.database, lakeSchemas.raw, table.name)} GROUP BY APP_GROUP_ID`,
  );
  return sql`INSERT INTO ${qualified(t.database, pipelineSchema, loadsTable)} (DATASET_KEY, WORKSPACE_ID, LATEST_EVENT_AT, LOADED_AT, EVENTS_LOADED) ${sqlJoin(
    parts.map((part, i) => (i === 0 ? part : sql`UNION ALL ${part}`)),
    " ",
  )}`;
}
