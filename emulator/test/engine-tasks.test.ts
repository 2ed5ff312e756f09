// Tasks and the engine clock: a frozen clock advanced minute by minute runs each due run at its own minute
// (no sleeps), WHEN FALSE skips, failures are recorded with their code and message, children run after their
// root succeeded, SUSPEND_TASK_AFTER_NUM_FAILURES suspends, CRON schedules, and definitions, state, next run
// and history survive a restart. Replication refreshes (manual and scheduled) land in the refresh history.
import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEngine, type EmulatorEngine } from "../engine/index";
import { nextRun, parseSchedule } from "../engine/task-schedule";
import { runner, session, tempEngine } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
const s = () => ({ ...session("FD10001"), database: "TK_DB", schema: "PUBLIC" });
const T0 = Date.parse("2026-03-02T10:00:00.000Z");
const MIN = 60_000;

type Run = {
  NAME: string;
  STATE: string;
  SCHEDULED_TIME: Date;
  ERROR_CODE: unknown;
  ERROR_MESSAGE: string | null;
  RUN_ID: unknown;
  ROOT_TASK_ID: string;
};
async function history(task: string): Promise<Run[]> {
  const res = await r.one(
    s(),
    `SELECT * FROM TABLE(TK_DB.INFORMATION_SCHEMA.TASK_HISTORY(TASK_NAME => '${task}', RESULT_LIMIT => 1000)) ORDER BY SCHEDULED_TIME`,
  );
  return res.rows.map((row) => Object.fromEntries(res.columns.map((c, k) => [c.name, row[k]])) as Run);
}

beforeAll(async () => {
  ({ engine, dir } = await tempEngine({ lakeRowScale: 0.01 }));
  r = runner(engine);
  await engine.clock.freeze(T0);
  await r.run(session("FD10001"), "CREATE DATABASE TK_DB");
  await r.run(s(), "CREATE TABLE TICKS (AT TIMESTAMP_LTZ, WHO VARCHAR)");
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("the clock drives CURRENT_TIMESTAMP(); reads, freezes, advances and sets", async () => {
  expect(engine.clock.read()).toMatchObject({ epochMs: T0, frozen: true });
  expect((await r.one(s(), "SELECT CURRENT_TIMESTAMP()")).rows[0][0]).toEqual(new Date(T0));
  const moved = await engine.clock.advance(1500);
  expect(moved).toMatchObject({ epochMs: T0 + 1500, runs: 0 });
  await engine.clock.set(T0);
  expect((await r.one(s(), "SELECT CURRENT_DATE")).rows[0][0]).toEqual(new Date("2026-03-02T00:00:00.000Z"));
});

it("a '1 MINUTE' task runs once per minute the clock moves, as its owner; SHOW TASKS shows it started", async () => {
  await r.run(
    s(),
    "CREATE TASK TICK WAREHOUSE = WH SCHEDULE = '1 MINUTE' AS INSERT INTO TICKS SELECT CURRENT_TIMESTAMP(), CURRENT_ROLE()",
  );
  const show = await r.one(s(), "SHOW TASKS LIKE 'TICK'");
  const state = show.columns.findIndex((c) => c.name === "state");
  expect(show.rows[0][state]).toBe("suspended");
  await engine.clock.advance(5 * MIN);
  expect(await history("TICK")).toEqual([]);
  await r.run(s(), "ALTER TASK TICK RESUME");
  expect((await r.one(s(), "SHOW TASKS LIKE 'TICK'")).rows[0][state]).toBe("started");
  for (let k = 0; k < 3; k++) expect((await engine.clock.advance(MIN)).runs).toBe(1);
  const ticks = (await r.one(s(), "SELECT AT, WHO FROM TICKS ORDER BY AT")).rows;
  expect(ticks).toEqual([1, 2, 3].map((k) => [new Date(T0 + (5 + k) * MIN), "ACCOUNTADMIN"]));
  const runs = await history("TICK");
  expect(runs.map((x) => x.STATE)).toEqual(["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SCHEDULED"]);
  expect(runs[3].SCHEDULED_TIME).toEqual(new Date(T0 + 9 * MIN));
  // Ten minutes at once: ten runs, each at its own minute.
  expect((await engine.clock.advance(10 * MIN)).runs).toBe(10);
  await r.run(s(), "ALTER TASK TICK SUSPEND");
  expect((await engine.clock.advance(5 * MIN)).runs).toBe(0);
});

it("WHEN false → SKIPPED; a failing body → FAILED with code and message; a graph child runs after its root", async () => {
  await r.run(s(), "CREATE TABLE FLAGS (ON_ BOOLEAN)");
  await r.run(
    s(),
    "CREATE TASK ROOT_T SCHEDULE = '1 MINUTE' WHEN EXISTS (SELECT 1 FROM FLAGS WHERE ON_) AS INSERT INTO MISSING_TABLE VALUES (1)",
  );
  await r.run(s(), "CREATE TASK CHILD_T AFTER ROOT_T AS INSERT INTO TICKS SELECT CURRENT_TIMESTAMP(), 'child'");
  await r.run(s(), "ALTER TASK CHILD_T RESUME; ALTER TASK ROOT_T RESUME");
  // Changing the graph needs its root suspended.
  expect((await r.fails(s(), "ALTER TASK CHILD_T REMOVE AFTER ROOT_T")).message).toMatch(
    /root task .*ROOT_T.* is not suspended/,
  );
  await engine.clock.advance(MIN);
  expect((await history("ROOT_T")).filter((x) => x.STATE !== "SCHEDULED").map((x) => x.STATE)).toEqual(["SKIPPED"]);
  await r.run(s(), "INSERT INTO FLAGS VALUES (TRUE)");
  await engine.clock.advance(MIN);
  const failed = (await history("ROOT_T")).find((x) => x.STATE === "FAILED")!;
  expect(failed.ERROR_CODE).toBe(2003n);
  expect(failed.ERROR_MESSAGE).toMatch(/MISSING_TABLE/);
  expect(await history("CHILD_T")).toEqual([]);
  await r.run(s(), "ALTER TASK ROOT_T SUSPEND");
  await r.run(s(), "ALTER TASK ROOT_T MODIFY AS INSERT INTO TICKS SELECT CURRENT_TIMESTAMP(), 'root'");
  await r.run(s(), "ALTER TASK ROOT_T RESUME");
  await engine.clock.advance(MIN);
  const child = await history("CHILD_T");
  expect(child.map((x) => x.STATE)).toEqual(["SUCCEEDED"]);
  const root = (await history("ROOT_T")).filter((x) => x.STATE === "SUCCEEDED");
  expect(child[0].RUN_ID).toEqual(root[0].RUN_ID);
  expect(child[0].ROOT_TASK_ID).toEqual(root[0].ROOT_TASK_ID);
  await r.run(s(), "ALTER TASK ROOT_T SUSPEND");
});

it("EXECUTE TASK runs a suspended task once; SUSPEND_TASK_AFTER_NUM_FAILURES suspends a failing root", async () => {
  await r.run(s(), "CREATE TASK ONCE AS INSERT INTO TICKS SELECT CURRENT_TIMESTAMP(), 'once'");
  await r.run(s(), "EXECUTE TASK ONCE");
  expect((await history("ONCE")).map((x) => x.STATE)).toEqual(["SUCCEEDED"]);
  await r.run(
    s(),
    "CREATE TASK BAD SCHEDULE = '1 MINUTE' SUSPEND_TASK_AFTER_NUM_FAILURES = 2 AS INSERT INTO NOPE VALUES (1)",
  );
  await r.run(s(), "ALTER TASK BAD RESUME");
  expect((await engine.clock.advance(5 * MIN)).runs).toBe(2);
  const state = await r.one(s(), "DESCRIBE TASK BAD");
  expect(state.rows[0][state.columns.findIndex((c) => c.name === "state")]).toBe("suspended");
});

it("TASK_HISTORY filters by ERROR_ONLY, the scheduled time range and RESULT_LIMIT, and refuses unknown arguments", async () => {
  const q = (args: string) =>
    r.one(s(), `SELECT NAME, STATE FROM TABLE(TK_DB.INFORMATION_SCHEMA.TASK_HISTORY(${args}))`);
  const errorsOnly = (await q("ERROR_ONLY => TRUE, RESULT_LIMIT => 1000")).rows;
  expect(errorsOnly.length).toBeGreaterThan(0);
  expect(errorsOnly.every((row) => row[1] === "FAILED")).toBe(true);
  expect((await q("TASK_NAME => 'tick', RESULT_LIMIT => 2")).rows).toHaveLength(2);
  // Everything scheduled up to the first minute after T0 + 5 minutes: none (TICK was resumed then).
  expect(
    (
      await q(
        `TASK_NAME => 'TICK', SCHEDULED_TIME_RANGE_END => TO_TIMESTAMP_LTZ('${new Date(T0 + 5 * MIN).toISOString()}')`,
      )
    ).rows,
  ).toEqual([]);
  expect(
    (await r.fails(s(), "SELECT * FROM TABLE(TK_DB.INFORMATION_SCHEMA.TASK_HISTORY(RESULT_LIMIT => 0))")).code,
  ).toBe("002029");
  expect((await r.fails(s(), "SELECT * FROM TABLE(TK_DB.INFORMATION_SCHEMA.TASK_HISTORY(NOT_AN_ARG => 1))")).code).toBe(
    "002029",
  );
});

it("computes CRON schedules in their time zone", () => {
  const cron = parseSchedule("USING CRON 0 9 * * MON-FRI Europe/Berlin");
  // Monday 2026-03-02 10:00 UTC = 11:00 in Berlin: next is Tuesday 09:00 Berlin = 08:00 UTC.
  expect(new Date(nextRun(cron, T0)).toISOString()).toBe("2026-03-03T08:00:00.000Z");
  expect(nextRun(parseSchedule("5 MINUTE"), T0 + 7 * MIN, T0)).toBe(T0 + 10 * MIN);
  expect(() => parseSchedule("USING CRON 0 9 L * * UTC")).toThrow();
});

it("records manual and scheduled replication refreshes with clock times", async () => {
  const target = () => session("FD30001");
  await r.run(
    s(),
    "CREATE DATABASE RH_DB; CREATE TABLE RH_DB.PUBLIC.T (X NUMBER); INSERT INTO RH_DB.PUBLIC.T VALUES (1), (2)",
  );
  await r.run(
    s(),
    "CREATE REPLICATION GROUP RG_H OBJECT_TYPES = DATABASES ALLOWED_DATABASES = RH_DB ALLOWED_ACCOUNTS = FLOEDATA.REPLICA_US_WEST REPLICATION_SCHEDULE = '10 MINUTE'",
  );
  await r.run(target(), "CREATE REPLICATION GROUP RG_H AS REPLICA OF FLOEDATA.LAKE_US.RG_H");
  const before = engine.clock.read().epochMs;
  await r.run(target(), "ALTER REPLICATION GROUP RG_H REFRESH");
  await engine.clock.advance(25 * MIN);
  const res = await r.one(
    target(),
    "SELECT PHASE_NAME, START_TIME, END_TIME, TOTAL_BYTES, OBJECT_COUNT, ERROR FROM TABLE(RH_DB.INFORMATION_SCHEMA.REPLICATION_GROUP_REFRESH_HISTORY('RG_H')) ORDER BY START_TIME",
  );
  expect(res.rows.map((x) => [x[0], (x[1] as Date).getTime() - before])).toEqual([
    ["COMPLETED", 0],
    ["COMPLETED", 10 * MIN],
    ["COMPLETED", 20 * MIN],
  ]);
  expect(res.rows[0][3]).toMatchObject({
    totalBytesToReplicate: 128,
    databases: [{ name: "RH_DB", totalBytesToReplicate: 128 }],
  });
  expect(res.rows[0][4]).toMatchObject({ totalObjects: 3, completedObjects: 3 });
  expect(res.rows[0][5]).toBeNull();
});

it("with the clock running, a timer runs due tasks by itself", async () => {
  engine.clock.unfreeze();
  try {
    await r.run(s(), "CREATE TASK FAST SCHEDULE = '1 SECOND' AS INSERT INTO TICKS SELECT CURRENT_TIMESTAMP(), 'fast'");
    await r.run(s(), "ALTER TASK FAST RESUME");
    // Bounded wait for the timer (no clock moves here): the first run is due one second after RESUME.
    const deadline = Date.now() + 10_000;
    let runs = 0;
    while (runs === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runs = (await history("FAST")).filter((x) => x.STATE === "SUCCEEDED").length;
    }
    expect(runs).toBeGreaterThan(0);
    await r.run(s(), "ALTER TASK FAST SUSPEND");
  } finally {
    await engine.clock.freeze();
  }
});

it("keeps tasks, their state, next run and history across a restart", async () => {
  await r.run(s(), "ALTER TASK TICK RESUME");
  const next = (await history("TICK")).find((x) => x.STATE === "SCHEDULED")!.SCHEDULED_TIME;
  const done = (await history("TICK")).length;
  const at = engine.clock.read().epochMs;
  await engine.close();
  engine = await createEngine({ dataDir: dir, lakeRowScale: 0.01 });
  r = runner(engine);
  await engine.clock.freeze(at);
  const after = await history("TICK");
  expect(after).toHaveLength(done);
  expect(after.find((x) => x.STATE === "SCHEDULED")!.SCHEDULED_TIME).toEqual(next);
  expect((await engine.clock.advance(MIN)).runs).toBe(1);
  await r.run(s(), "ALTER TASK TICK SUSPEND");
});
