// Tasks: CREATE TASK (created suspended), SHOW/DESCRIBE/ALTER/DROP TASK, EXECUTE TASK and the runs it leaves in
// INFORMATION_SCHEMA.TASK_HISTORY() (SUCCEEDED, SKIPPED on a false WHEN, FAILED with error code and message),
// task graphs (children run after their root; the root must be suspended while the graph changes), and on the
// emulator only — where the clock can be moved through the admin API — the worked example of issue 13: a stream
// on a Kafka-style landing table, a task every minute moving new rows into an event table, a failure and the
// recovery in its history, and the stream offset kept by the failed run. Replication refresh history is checked
// in the same clock-driven block.
//
// Documentation followed:
// - CREATE TASK (SCHEDULE, WAREHOUSE / USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE, AFTER, WHEN, "tasks are created
//   suspended"): https://docs.snowflake.com/en/sql-reference/sql/create-task
// - ALTER TASK (RESUME resets the interval base to the resume time; ADD/REMOVE AFTER; MODIFY AS):
//   https://docs.snowflake.com/en/sql-reference/sql/alter-task
// - Singleton tasks must be suspended to be altered until bundle 2026_06: https://docs.snowflake.com/en/release-notes/bcr-bundles/2026_06/bcr-2363
// - EXECUTE TASK (a single run; a root's success cascades to its children): https://docs.snowflake.com/en/sql-reference/sql/execute-task
// - SHOW TASKS (output columns, state started/suspended, predecessors): https://docs.snowflake.com/en/sql-reference/sql/show-tasks
// - DESCRIBE TASK: https://docs.snowflake.com/en/sql-reference/sql/desc-task
// - DROP TASK (a graph's root must be suspended first): https://docs.snowflake.com/en/sql-reference/sql/drop-task
// - TASK_HISTORY (arguments, columns, states): https://docs.snowflake.com/en/sql-reference/functions/task_history
// - Task graphs: https://docs.snowflake.com/en/user-guide/tasks-graphs
// - Streams in tasks (SYSTEM$STREAM_HAS_DATA in WHEN): https://docs.snowflake.com/en/sql-reference/functions/system_stream_has_data
// - REPLICATION_GROUP_REFRESH_HISTORY: https://docs.snowflake.com/en/sql-reference/functions/replication_group_refresh_history
import { beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "../admin-client";
import { refusal, runAll, using, type ContractContext } from "./support";
import type { TestConnection } from "./target";

type Run = {
  NAME: string;
  STATE: string;
  QUERY_ID: string | null;
  ERROR_CODE: unknown;
  ERROR_MESSAGE: string | null;
  SCHEDULED_TIME: Date;
  COMPLETED_TIME: Date | null;
  ROOT_TASK_ID: string;
  RUN_ID: unknown;
  QUERY_TEXT: string;
  CONDITION_TEXT: string | null;
  DATABASE_NAME: string;
  SCHEMA_NAME: string;
};

const HISTORY_COLUMNS = [
  "QUERY_ID",
  "NAME",
  "DATABASE_NAME",
  "SCHEMA_NAME",
  "QUERY_TEXT",
  "CONDITION_TEXT",
  "STATE",
  "ERROR_CODE",
  "ERROR_MESSAGE",
  "SCHEDULED_TIME",
  "QUERY_START_TIME",
  "NEXT_SCHEDULED_TIME",
  "COMPLETED_TIME",
  "ROOT_TASK_ID",
  "GRAPH_VERSION",
  "RUN_ID",
  "RETURN_VALUE",
];

export function tasksContract(ctx: ContractContext): void {
  describe("tasks", () => {
    let p: TestConnection;
    let db: string;
    // Runs that have finished (a SCHEDULED row has no QUERY_ID… and no COMPLETED_TIME).
    const history = async (task: string) =>
      (
        await p.execute<Run>(
          `SELECT * FROM TABLE(${db}.INFORMATION_SCHEMA.TASK_HISTORY(TASK_NAME => '${task}', RESULT_LIMIT => 100)) ORDER BY SCHEDULED_TIME`,
        )
      ).filter((r) => r.COMPLETED_TIME !== null);
    // EXECUTE TASK is asynchronous in Snowflake: wait (bounded) until the expected runs have finished. The
    // emulator runs the task before EXECUTE TASK answers, so the first look finds them.
    const runsOf = async (task: string, count: number) => {
      const deadline = Date.now() + (ctx.spec.kind === "snowflake" ? 170_000 : 5_000);
      for (;;) {
        const runs = await history(task);
        if (runs.length >= count || Date.now() > deadline) return runs;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      }
    };
    const serverless = "USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE = 'XSMALL'";

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_TASKS`;
      p = await t.provider.connect();
      await runAll(p, [`CREATE DATABASE ${db}`, `CREATE TABLE ${db}.PUBLIC.LOG (AT TIMESTAMP_LTZ, WHAT VARCHAR(50))`]);
      return async () => {
        await p.close();
      };
    });

    it("CREATE TASK makes a suspended task; SHOW TASKS and DESCRIBE TASK show its definition; DROP TASK removes it", async () => {
      await p.execute(
        `CREATE TASK ${db}.PUBLIC.T_SHOW ${serverless} SCHEDULE = '60 MINUTE' COMMENT = 'floe contract' ` +
          `AS INSERT INTO ${db}.PUBLIC.LOG SELECT CURRENT_TIMESTAMP(), 'show'`,
      );
      const [row] = await p.execute<Record<string, unknown>>(`SHOW TASKS LIKE 'T_SHOW' IN SCHEMA ${db}.PUBLIC`);
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining([
          "created_on",
          "name",
          "id",
          "database_name",
          "schema_name",
          "owner",
          "comment",
          "warehouse",
          "schedule",
          "predecessors",
          "state",
          "definition",
          "condition",
          "allow_overlapping_execution",
          "last_committed_on",
        ]),
      );
      expect(row).toMatchObject({
        name: "T_SHOW",
        database_name: db,
        schema_name: "PUBLIC",
        comment: "floe contract",
        schedule: "60 MINUTE",
        state: "suspended",
      });
      expect(String(row.definition)).toBe(`INSERT INTO ${db}.PUBLIC.LOG SELECT CURRENT_TIMESTAMP(), 'show'`);
      const [desc] = await p.execute<Record<string, unknown>>(`DESCRIBE TASK ${db}.PUBLIC.T_SHOW`);
      expect(desc).toMatchObject({ name: "T_SHOW", state: "suspended", id: row.id });
      expect(await p.execute(`CREATE TASK IF NOT EXISTS ${db}.PUBLIC.T_SHOW ${serverless} AS SELECT 1`)).toHaveLength(
        1,
      );
      expect((await refusal(p.execute(`CREATE TASK ${db}.PUBLIC.T_SHOW ${serverless} AS SELECT 1`))).code).toBe(
        "002002",
      );
      await p.execute(`DROP TASK ${db}.PUBLIC.T_SHOW`);
      expect(await p.execute(`SHOW TASKS LIKE 'T_SHOW' IN SCHEMA ${db}.PUBLIC`)).toEqual([]);
      expect((await refusal(p.execute(`DROP TASK ${db}.PUBLIC.T_SHOW`))).code).toBe("002003");
    });

    it("ALTER TASK RESUME / SUSPEND changes the state; SET changes a suspended task", async () => {
      await p.execute(
        `CREATE TASK ${db}.PUBLIC.T_STATE ${serverless} SCHEDULE = '11520 MINUTE' AS INSERT INTO ${db}.PUBLIC.LOG SELECT CURRENT_TIMESTAMP(), 'state'`,
      );
      const state = async () =>
        (await p.execute<{ state: string }>(`SHOW TASKS LIKE 'T_STATE' IN SCHEMA ${db}.PUBLIC`))[0].state;
      await p.execute(`ALTER TASK ${db}.PUBLIC.T_STATE RESUME`);
      expect(await state()).toBe("started");
      await p.execute(`ALTER TASK ${db}.PUBLIC.T_STATE SUSPEND`);
      expect(await state()).toBe("suspended");
      await p.execute(`ALTER TASK ${db}.PUBLIC.T_STATE SET COMMENT = 'changed while suspended'`);
      expect(
        (await p.execute<{ comment: string }>(`SHOW TASKS LIKE 'T_STATE' IN SCHEMA ${db}.PUBLIC`))[0].comment,
      ).toBe("changed while suspended");
    });

    it("EXECUTE TASK runs it once: TASK_HISTORY shows SUCCEEDED, SKIPPED for a false WHEN, FAILED with error code and message", async () => {
      await runAll(p, [
        `CREATE TASK ${db}.PUBLIC.T_OK ${serverless} AS INSERT INTO ${db}.PUBLIC.LOG SELECT CURRENT_TIMESTAMP(), 'ok'`,
        `CREATE TASK ${db}.PUBLIC.T_SKIP ${serverless} WHEN 1 = 2 AS INSERT INTO ${db}.PUBLIC.LOG SELECT CURRENT_TIMESTAMP(), 'skip'`,
        `CREATE TASK ${db}.PUBLIC.T_FAIL ${serverless} AS INSERT INTO ${db}.PUBLIC.LOG SELECT CURRENT_TIMESTAMP(), TO_VARCHAR(TO_NUMBER('not a number'))`,
        `EXECUTE TASK ${db}.PUBLIC.T_OK`,
        `EXECUTE TASK ${db}.PUBLIC.T_SKIP`,
        `EXECUTE TASK ${db}.PUBLIC.T_FAIL`,
      ]);
      const [ok] = await runsOf("T_OK", 1);
      expect(ok).toMatchObject({
        NAME: "T_OK",
        STATE: "SUCCEEDED",
        DATABASE_NAME: db,
        SCHEMA_NAME: "PUBLIC",
        ERROR_CODE: null,
        ERROR_MESSAGE: null,
      });
      expect(Object.keys(ok)).toEqual(expect.arrayContaining(HISTORY_COLUMNS));
      expect(ok.QUERY_ID).toEqual(expect.any(String));
      expect(ok.QUERY_TEXT).toBe(`INSERT INTO ${db}.PUBLIC.LOG SELECT CURRENT_TIMESTAMP(), 'ok'`);
      expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.PUBLIC.LOG WHERE WHAT = 'ok'`)).toEqual([{ N: 1 }]);
      const [skipped] = await runsOf("T_SKIP", 1);
      expect(skipped).toMatchObject({ STATE: "SKIPPED", CONDITION_TEXT: "1 = 2" });
      expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.PUBLIC.LOG WHERE WHAT = 'skip'`)).toEqual([{ N: 0 }]);
      const [failed] = await runsOf("T_FAIL", 1);
      expect(failed.STATE).toBe("FAILED");
      expect(failed.ERROR_CODE).not.toBeNull();
      expect(failed.ERROR_MESSAGE).toEqual(expect.any(String));
    });

    it("a task graph: children run after the root's run succeeded, and the graph changes only while the root is suspended", async () => {
      await runAll(p, [
        `CREATE TASK ${db}.PUBLIC.G_ROOT ${serverless} SCHEDULE = '11520 MINUTE' AS INSERT INTO ${db}.PUBLIC.LOG SELECT CURRENT_TIMESTAMP(), 'root'`,
        `CREATE TASK ${db}.PUBLIC.G_CHILD ${serverless} AFTER ${db}.PUBLIC.G_ROOT AS INSERT INTO ${db}.PUBLIC.LOG SELECT CURRENT_TIMESTAMP(), 'child'`,
      ]);
      const [child] = await p.execute<{ predecessors: unknown }>(`SHOW TASKS LIKE 'G_CHILD' IN SCHEMA ${db}.PUBLIC`);
      const preds = typeof child.predecessors === "string" ? JSON.parse(child.predecessors) : child.predecessors;
      expect((preds as string[]).map((x) => x.replace(/"/g, ""))).toEqual([`${db}.PUBLIC.G_ROOT`]);
      await runAll(p, [`ALTER TASK ${db}.PUBLIC.G_CHILD RESUME`, `ALTER TASK ${db}.PUBLIC.G_ROOT RESUME`]);
      expect(
        (await refusal(p.execute(`ALTER TASK ${db}.PUBLIC.G_CHILD REMOVE AFTER ${db}.PUBLIC.G_ROOT`))).code,
      ).toMatch(/^\d{6}$/);
      expect((await refusal(p.execute(`DROP TASK ${db}.PUBLIC.G_CHILD`))).code).toMatch(/^\d{6}$/);
      await p.execute(`ALTER TASK ${db}.PUBLIC.G_ROOT SUSPEND`);
      await p.execute(`EXECUTE TASK ${db}.PUBLIC.G_ROOT`);
      const [root] = await runsOf("G_ROOT", 1);
      const [childRun] = await runsOf("G_CHILD", 1);
      expect(root.STATE).toBe("SUCCEEDED");
      expect(childRun).toMatchObject({ STATE: "SUCCEEDED", ROOT_TASK_ID: root.ROOT_TASK_ID, RUN_ID: root.RUN_ID });
      await runAll(p, [
        `ALTER TASK ${db}.PUBLIC.G_CHILD SUSPEND`,
        `ALTER TASK ${db}.PUBLIC.G_CHILD REMOVE AFTER ${db}.PUBLIC.G_ROOT`,
      ]);
    });

    describe.skipIf(ctx.spec.kind !== "emulator")("emulator clock: the lake pipeline worked example", () => {
      it("a stream on a landing table, a task every minute into the event table, a failure and a recovery in TASK_HISTORY", async () => {
        const emu = ctx.target().emulator!.current();
        const clock = createAdminClient(emu.url, emu.adminToken).clock;
        const wx = `${db}.PIPELINE`;
        await runAll(p, [
          `CREATE SCHEMA ${wx}`,
          // As the Snowflake Kafka connector lands records: RECORD_METADATA (topic, partition, offset…) and RECORD_CONTENT.
          `CREATE TABLE ${wx}.LANDING (RECORD_METADATA VARIANT, RECORD_CONTENT VARIANT)`,
          `CREATE STREAM ${wx}.LANDING_STREAM ON TABLE ${wx}.LANDING APPEND_ONLY = TRUE`,
          `CREATE TABLE ${wx}.EVENTS (RECORD_METADATA VARIANT, PAYLOAD VARIANT, LOADED_AT TIMESTAMP_LTZ)`,
          `CREATE TASK ${wx}.MOVE_EVENTS WAREHOUSE = PIPELINE_WH SCHEDULE = '1 MINUTE' ` +
            `WHEN SYSTEM$STREAM_HAS_DATA('${wx}.LANDING_STREAM') ` +
            `AS INSERT INTO ${wx}.EVENTS SELECT RECORD_METADATA, RECORD_CONTENT, CURRENT_TIMESTAMP() FROM ${wx}.LANDING_STREAM WHERE METADATA$ACTION = 'INSERT'`,
        ]);
        const land = (offset: number) =>
          p.execute(
            `INSERT INTO ${wx}.LANDING SELECT PARSE_JSON('{"topic":"engagement","partition":0,"offset":${offset}}'), PARSE_JSON('{"event":"open","n":${offset}}')`,
          );
        const events = async () =>
          Number((await p.execute<{ N: number }>(`SELECT COUNT(*) AS N FROM ${wx}.EVENTS`))[0].N);
        const pending = async () =>
          Number((await p.execute<{ N: number }>(`SELECT COUNT(*) AS N FROM ${wx}.LANDING_STREAM`))[0].N);
        const minute = () => clock.advance({ minutes: 1 });

        const start = (await clock.freeze()).epochMs;
        try {
          await p.execute(`ALTER TASK ${wx}.MOVE_EVENTS RESUME`);
          await land(1);
          await land(2);
          expect((await minute()).runs).toBe(1); // minute 1: two records move
          expect(await events()).toBe(2);
          expect(await pending()).toBe(0);
          await minute(); // minute 2: nothing landed, WHEN is false
          await land(3);
          await p.execute(`DROP TABLE ${wx}.EVENTS`); // the target disappears
          await minute(); // minute 3: the run fails…
          expect(await pending()).toBe(1); // …and the stream keeps record 3 (offset not advanced)
          await p.execute(
            `CREATE TABLE ${wx}.EVENTS (RECORD_METADATA VARIANT, PAYLOAD VARIANT, LOADED_AT TIMESTAMP_LTZ)`,
          );
          await land(4);
          await minute(); // minute 4: recovery, records 3 and 4 move
          expect(await events()).toBe(2);
          expect(await pending()).toBe(0);
          const loaded = await p.execute<{ LOADED_AT: Date }>(`SELECT DISTINCT LOADED_AT FROM ${wx}.EVENTS`);
          expect(loaded.map((r) => r.LOADED_AT.getTime())).toEqual([start + 4 * 60_000]);

          const runs = await p.execute<Run>(
            `SELECT * FROM TABLE(${db}.INFORMATION_SCHEMA.TASK_HISTORY(TASK_NAME => 'MOVE_EVENTS', ` +
              `SCHEDULED_TIME_RANGE_START => TO_TIMESTAMP_LTZ('${new Date(start).toISOString()}'))) ORDER BY SCHEDULED_TIME`,
          );
          expect(runs.map((r) => [r.STATE, r.SCHEDULED_TIME.getTime() - start])).toEqual([
            ["SUCCEEDED", 60_000],
            ["SKIPPED", 120_000],
            ["FAILED", 180_000],
            ["SUCCEEDED", 240_000],
            ["SCHEDULED", 300_000],
          ]);
          const failed = runs[2];
          expect(failed.ERROR_CODE).toBe(2003);
          expect(failed.ERROR_MESSAGE).toMatch(/EVENTS' does not exist or not authorized/);
          expect(runs[3].ERROR_CODE).toBeNull();
        } finally {
          await p.execute(`ALTER TASK ${wx}.MOVE_EVENTS SUSPEND`);
          await clock.unfreeze();
        }
      });

      it("every replication refresh (manual and scheduled) lands in REPLICATION_GROUP_REFRESH_HISTORY with clock times", async () => {
        const t = ctx.target();
        const source = `${t.prefix}_RH`;
        const group = `${t.prefix}_RH_RG`;
        await runAll(p, [
          `CREATE DATABASE ${source}`,
          `CREATE TABLE ${source}.PUBLIC.T (X NUMBER)`,
          `INSERT INTO ${source}.PUBLIC.T VALUES (1), (2), (3)`,
        ]);
        const [target] = await using(t.replication!.provider, (r) =>
          r.execute<{ O: string; N: string }>("SELECT CURRENT_ORGANIZATION_NAME() AS O, CURRENT_ACCOUNT_NAME() AS N"),
        );
        const [me] = await p.execute<{ O: string; N: string }>(
          "SELECT CURRENT_ORGANIZATION_NAME() AS O, CURRENT_ACCOUNT_NAME() AS N",
        );
        await p.execute(
          `CREATE REPLICATION GROUP ${group} OBJECT_TYPES = DATABASES ALLOWED_DATABASES = ${source} ALLOWED_ACCOUNTS = ${target.O}.${target.N} REPLICATION_SCHEDULE = '10 MINUTE'`,
        );
        const emu = t.emulator!.current();
        const clock = createAdminClient(emu.url, emu.adminToken).clock;
        await using(t.replication!.provider, async (r) => {
          const start = (await clock.freeze()).epochMs;
          try {
            await r.execute(`CREATE REPLICATION GROUP ${group} AS REPLICA OF ${me.O}.${me.N}.${group}`);
            await r.execute(`ALTER REPLICATION GROUP ${group} REFRESH`);
            await clock.advance({ minutes: 20 });
            const rows = await r.execute<{
              PHASE_NAME: string;
              START_TIME: Date;
              END_TIME: Date;
              JOB_UUID: string;
              TOTAL_BYTES: unknown;
              OBJECT_COUNT: unknown;
              ERROR: unknown;
            }>(
              `SELECT * FROM TABLE(${source}.INFORMATION_SCHEMA.REPLICATION_GROUP_REFRESH_HISTORY('${group}')) ORDER BY START_TIME`,
            );
            expect(rows.map((x) => [x.PHASE_NAME, x.START_TIME.getTime() - start])).toEqual([
              ["COMPLETED", 0],
              ["COMPLETED", 600_000],
              ["COMPLETED", 1_200_000],
            ]);
            const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as Record<string, unknown>;
            expect(parse(rows[0].TOTAL_BYTES)).toMatchObject({ databases: [{ name: source }] });
            expect(parse(rows[0].OBJECT_COUNT)).toMatchObject({ totalObjects: expect.any(Number) });
            expect(rows[0].ERROR).toBeNull();
            expect(new Set(rows.map((x) => x.JOB_UUID)).size).toBe(3);
          } finally {
            await r.execute(`ALTER REPLICATION GROUP ${group} SUSPEND`);
            await clock.unfreeze();
          }
        });
      });
    });
  });
}
