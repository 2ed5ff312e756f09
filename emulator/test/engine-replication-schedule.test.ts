// REPLICATION_SCHEDULE runs: a secondary group refreshes by itself every '<n> MINUTE' (scaled down here with
// the emulator-only replicationScheduleScale), stops while SUSPENDed and when the engine closes.
import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { EmulatorEngine } from "../engine/index";
import { scheduleMillis } from "../engine/replication-scheduler";
import { runner, session, tempEngine } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
const src = () => session("FD10001");
const target = () => session("FD30001");

// '1 MINUTE' → 60 ms.
beforeAll(async () => {
  ({ engine, dir } = await tempEngine({ replicationScheduleScale: 0.001 }));
  r = runner(engine);
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out waiting for a scheduled refresh");
    await new Promise((res) => setTimeout(res, 20));
  }
}

const replicaCount = async () => {
  try {
    return (await r.one(target(), "SELECT COUNT(*) FROM SCHED_DB.PUBLIC.T")).rows[0][0] as bigint;
  } catch {
    return undefined;
  }
};

it("parses '<n> MINUTE[S]' schedules and leaves CRON ones alone", () => {
  expect(scheduleMillis("10 MINUTE", 1)).toBe(600_000);
  expect(scheduleMillis(" 2 minutes ", 0.001)).toBe(120);
  expect(scheduleMillis("USING CRON 0 * * * * UTC", 1)).toBeNull();
  expect(scheduleMillis(null, 1)).toBeNull();
});

it("a secondary group refreshes on its primary's schedule, not while suspended", async () => {
  await r.run(
    src(),
    "CREATE DATABASE SCHED_DB; CREATE TABLE SCHED_DB.PUBLIC.T (X NUMBER); INSERT INTO SCHED_DB.PUBLIC.T VALUES (1)",
  );
  await r.run(
    src(),
    "CREATE REPLICATION GROUP RG_SCHED OBJECT_TYPES = DATABASES ALLOWED_DATABASES = SCHED_DB ALLOWED_ACCOUNTS = FLOEDATA.REPLICA_US_WEST REPLICATION_SCHEDULE = '1 MINUTE'",
  );
  await r.run(target(), "CREATE REPLICATION GROUP RG_SCHED AS REPLICA OF FLOEDATA.LAKE_US.RG_SCHED");
  // No REFRESH statement: the timer creates the replica database.
  expect(await until(async () => ((await replicaCount()) === 1n ? true : undefined))).toBe(true);
  await r.run(src(), "INSERT INTO SCHED_DB.PUBLIC.T VALUES (2)");
  expect(await until(async () => ((await replicaCount()) === 2n ? true : undefined))).toBe(true);
  const [group] = (await r.one(target(), "SHOW REPLICATION GROUPS LIKE 'RG_SCHED'")).rows;
  expect(group[14]).toBe("STARTED");
  expect(group[15]).toBeInstanceOf(Date);

  await r.run(target(), "ALTER REPLICATION GROUP RG_SCHED SUSPEND");
  expect((await r.one(target(), "SHOW REPLICATION GROUPS LIKE 'RG_SCHED'")).rows[0][14]).toBe("SUSPENDED");
  await r.run(src(), "INSERT INTO SCHED_DB.PUBLIC.T VALUES (3)");
  await new Promise((res) => setTimeout(res, 300));
  expect(await replicaCount()).toBe(2n);
  await r.run(target(), "ALTER REPLICATION GROUP RG_SCHED RESUME");
  expect(await until(async () => ((await replicaCount()) === 3n ? true : undefined))).toBe(true);
});
