// Streams at the engine level: the net delta with METADATA$ columns, offsets that move only with a committed DML
// statement, append-only and SHOW_INITIAL_ROWS, SYSTEM$STREAM_HAS_DATA, staleness on the engine's clock and the
// offset surviving a restart.
import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEngine, type EmulatorEngine } from "../engine/index";
import { runner, session, tempEngine } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
const s = () => ({ ...session("FD10001"), database: "ST_DB", schema: "PUBLIC" });
const rows = async (sql: string) => (await r.one(s(), sql)).rows;

beforeAll(async () => {
  ({ engine, dir } = await tempEngine({ lakeRowScale: 0.01 }));
  r = runner(engine);
  await r.run(session("FD10001"), "CREATE DATABASE ST_DB");
  await r.run(
    s(),
    "CREATE TABLE SRC (ID NUMBER, NAME VARCHAR); CREATE TABLE DST (ID NUMBER, NAME VARCHAR, ACTION VARCHAR, IS_UPDATE BOOLEAN)",
  );
  await r.run(s(), "INSERT INTO SRC VALUES (1, 'old')");
  await r.run(
    s(),
    "CREATE STREAM S ON TABLE SRC; CREATE STREAM S_APPEND ON TABLE SRC APPEND_ONLY = TRUE; CREATE STREAM S_INITIAL ON TABLE SRC SHOW_INITIAL_ROWS = TRUE",
  );
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const delta = (stream: string) =>
  rows(`SELECT ID, NAME, METADATA$ACTION, METADATA$ISUPDATE FROM ${stream} ORDER BY ID, METADATA$ACTION`);

it("returns the net delta since the offset; a SELECT does not consume it", async () => {
  expect(await delta("S")).toEqual([]);
  expect(await delta("S_INITIAL")).toEqual([[1n, "old", "INSERT", false]]);
  await r.run(s(), "INSERT INTO SRC VALUES (2, 'new'), (3, 'gone')");
  await r.run(s(), "DELETE FROM SRC WHERE ID = 3");
  await r.run(s(), "UPDATE SRC SET NAME = 'changed' WHERE ID = 1");
  const expected = [
    [1n, "old", "DELETE", true],
    [1n, "changed", "INSERT", true],
    [2n, "new", "INSERT", false],
  ];
  expect(await delta("S")).toEqual(expected);
  expect(await delta("S")).toEqual(expected);
  expect(await delta("S_APPEND")).toEqual([[2n, "new", "INSERT", false]]);
  const ids = await rows("SELECT METADATA$ACTION, METADATA$ROW_ID FROM S WHERE ID = 1 ORDER BY 1");
  expect(ids[0][1]).toBe(ids[1][1]);
  expect((await rows("SELECT SYSTEM$STREAM_HAS_DATA('S')"))[0][0]).toBe(true);
});

it("a failed DML statement leaves the offset; a committed one moves it", async () => {
  await r.fails(s(), "INSERT INTO DST SELECT ID, NAME, METADATA$ACTION, NOT_A_COLUMN FROM S");
  expect(await delta("S")).toHaveLength(3);
  await r.run(s(), "INSERT INTO DST SELECT ID, NAME, METADATA$ACTION, METADATA$ISUPDATE FROM S");
  expect(await delta("S")).toEqual([]);
  expect((await rows("SELECT SYSTEM$STREAM_HAS_DATA('ST_DB.PUBLIC.S')"))[0][0]).toBe(false);
  expect(await rows("SELECT COUNT(*) FROM DST")).toEqual([[3n]]);
  // The other streams keep their own offsets.
  expect(await delta("S_APPEND")).toHaveLength(1);
});

it("SHOW STREAMS and DESCRIBE STREAM report mode, source and stale_after", async () => {
  const show = await r.one(s(), "SHOW STREAMS LIKE 'S%' IN SCHEMA ST_DB.PUBLIC");
  const names = show.columns.map((c) => c.name);
  expect(names).toEqual([
    "created_on",
    "name",
    "database_name",
    "schema_name",
    "owner",
    "comment",
    "table_name",
    "source_type",
    "base_tables",
    "type",
    "stale",
    "mode",
    "stale_after",
    "invalid_reason",
    "owner_role_type",
  ]);
  const byName = Object.fromEntries(
    show.rows.map((row) => [row[1], Object.fromEntries(names.map((n, k) => [n, row[k]]))]),
  );
  expect(byName.S).toMatchObject({
    table_name: "ST_DB.PUBLIC.SRC",
    source_type: "Table",
    mode: "DEFAULT",
    stale: "false",
    type: "DELTA",
  });
  expect(byName.S_APPEND.mode).toBe("APPEND_ONLY");
  // Default retention 1 day, extended to MAX_DATA_EXTENSION_TIME_IN_DAYS (14) for an unconsumed stream.
  expect((byName.S.stale_after as Date).getTime() - (byName.S.created_on as Date).getTime()).toBeGreaterThanOrEqual(
    14 * 86_400_000,
  );
  expect((await r.one(s(), "DESCRIBE STREAM S")).rows[0][1]).toBe("S");
});

it("goes stale when the retention passes without consumption (engine clock), and reading it fails", async () => {
  await r.run(
    s(),
    "CREATE TABLE SHORT (ID NUMBER) DATA_RETENTION_TIME_IN_DAYS = 1 MAX_DATA_EXTENSION_TIME_IN_DAYS = 0",
  );
  await r.run(s(), "CREATE STREAM S_SHORT ON TABLE SHORT");
  await engine.clock.freeze();
  await engine.clock.advance(23 * 3_600_000);
  expect(await rows("SELECT COUNT(*) FROM S_SHORT")).toEqual([[0n]]);
  await engine.clock.advance(2 * 3_600_000);
  const e = await r.fails(s(), "SELECT * FROM S_SHORT");
  expect(e.message).toMatch(/stale/);
  expect((await r.one(s(), "SHOW STREAMS LIKE 'S_SHORT'")).rows[0][10]).toBe("true");
  engine.clock.unfreeze();
});

it("a dropped source makes the stream unreadable; DROP STREAM removes it", async () => {
  await r.run(s(), "CREATE TABLE TMP (ID NUMBER); CREATE STREAM S_TMP ON TABLE TMP; DROP TABLE TMP");
  expect((await r.fails(s(), "SELECT * FROM S_TMP")).message).toMatch(/dropped/);
  await r.run(s(), "DROP STREAM S_TMP");
  expect((await r.fails(s(), "DROP STREAM S_TMP")).code).toBe("002003");
});

it("a stream on a view returns the view's changed rows", async () => {
  await r.run(s(), "CREATE VIEW SRC_V AS SELECT ID, NAME FROM SRC WHERE ID >= 2; CREATE STREAM S_VIEW ON VIEW SRC_V");
  await r.run(s(), "INSERT INTO SRC VALUES (1, 'hidden by the view'), (7, 'seven')");
  expect(await delta("S_VIEW")).toEqual([[7n, "seven", "INSERT", false]]);
  expect((await r.one(s(), "SHOW STREAMS LIKE 'S_VIEW'")).rows[0][7]).toBe("View");
  await r.run(s(), "DELETE FROM SRC WHERE NAME = 'hidden by the view' OR ID = 7");
  expect(await delta("S_VIEW")).toEqual([]);
});

it("keeps offsets across a restart", async () => {
  await r.run(s(), "INSERT INTO SRC VALUES (4, 'after restart')");
  await engine.close();
  engine = await createEngine({ dataDir: dir, lakeRowScale: 0.01 });
  r = runner(engine);
  expect(await delta("S")).toEqual([[4n, "after restart", "INSERT", false]]);
});
