// Snowflake input forms and session behaviour: timestamp strings with offsets, TO_TIMESTAMP_*, ARRAY/OBJECT
// constructors, null-safe comparison with binds, ALTER SESSION, SHOW SHARES secure_objects_only,
// INFORMATION_SCHEMA.COLUMNS nullability and view column comments.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorEngine } from "../engine/index";
import type { StatementResult } from "../engine/types";
import { runner, session, tempEngine, text } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
const s = session("FD10001");
const at = (iso: string) => new Date(iso);
const rowsOf = (res: StatementResult) =>
  res.rows.map((row) => Object.fromEntries(res.columns.map((c, k) => [c.name, row[k]])));

beforeAll(async () => {
  ({ engine, dir } = await tempEngine());
  r = runner(engine);
  await r.run(
    s,
    "create database f; create table n (id number, label varchar); insert into n values (1, null), (2, 'x')",
  );
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("timestamps", () => {
  it("accepts a space before the UTC offset in casts and binds", async () => {
    const res = await r.one(
      s,
      "SELECT '2024-03-01 14:34:56.789 +02:00'::TIMESTAMP_LTZ AS A, CAST('2024-03-01 14:34:56 -0130' AS TIMESTAMP_TZ) AS B, ?::TIMESTAMP_LTZ AS C",
      [text("2024-03-01 14:34:56 +02:00")],
    );
    expect(res.rows[0]).toEqual([
      at("2024-03-01T12:34:56.789Z"),
      at("2024-03-01T16:04:56Z"),
      at("2024-03-01T12:34:56Z"),
    ]);
    // NTZ keeps the wall clock and ignores the offset.
    expect((await r.one(s, "SELECT '2024-03-01 14:34:56 +02:00'::TIMESTAMP_NTZ AS N")).rows[0]).toEqual([
      at("2024-03-01T14:34:56Z"),
    ]);
  });

  it("TO_TIMESTAMP_LTZ/NTZ parse strings and scale epoch numbers; garbage is 100035", async () => {
    const res = await r.one(
      s,
      "SELECT TO_TIMESTAMP_LTZ('2024-03-01T14:34:56.789+02:00') AS A, TO_TIMESTAMP_LTZ('2024-03-01 14:34:56.789 +02:00') AS B, " +
        "TO_TIMESTAMP_LTZ(1709296496) AS C, TO_TIMESTAMP_LTZ(1709296496789) AS D, TO_TIMESTAMP_NTZ('2024-03-01 14:34:56+02:00') AS E, TO_TIMESTAMP_LTZ(NULL) AS F",
    );
    expect(res.rows[0]).toEqual([
      at("2024-03-01T12:34:56.789Z"),
      at("2024-03-01T12:34:56.789Z"),
      at("2024-03-01T12:34:56Z"),
      at("2024-03-01T12:34:56.789Z"),
      at("2024-03-01T14:34:56Z"),
      null,
    ]);
    expect(res.columns.map((c) => c.type)).toEqual([
      "timestamp_ltz",
      "timestamp_ltz",
      "timestamp_ltz",
      "timestamp_ltz",
      "timestamp_ntz",
      "timestamp_ltz",
    ]);
    expect(await r.fails(s, "SELECT TO_TIMESTAMP_LTZ('not a time')")).toMatchObject({
      code: "100035",
      sqlState: "22007",
      message: "Timestamp 'not a time' is not recognized",
    });
  });
});

describe("functions and predicates", () => {
  it("ARRAY_CONSTRUCT and OBJECT_CONSTRUCT build JSON values", async () => {
    const res = await r.one(
      s,
      "SELECT ARRAY_CONSTRUCT(1, 'two', ARRAY_CONSTRUCT()) AS A, OBJECT_CONSTRUCT('k', 1, 's', 'x') AS O",
    );
    expect(res.rows[0]).toEqual([[1, "two", []], { k: 1, s: "x" }]);
  });

  it("IS [NOT] DISTINCT FROM takes binds", async () => {
    expect(
      (await r.one(s, "SELECT id FROM n WHERE label IS NOT DISTINCT FROM ?", [{ type: "TEXT", value: null }])).rows,
    ).toEqual([[1n]]);
    expect((await r.one(s, "SELECT id FROM n WHERE label IS DISTINCT FROM ? ORDER BY id", [text("x")])).rows).toEqual([
      [1n],
    ]);
  });
});

describe("ALTER SESSION", () => {
  it("SET TIMEZONE applies to LTZ input and rendering; other parameters are recorded; UNSET restores", async () => {
    const me = session("FD10001");
    await r.run(me, "ALTER SESSION SET TIMEZONE = 'America/New_York' QUERY_TAG = 'floe', AUTOCOMMIT = TRUE");
    expect(me.parameters).toEqual({ TIMEZONE: "America/New_York", QUERY_TAG: "floe", AUTOCOMMIT: "true" }); // booleans as SHOW PARAMETERS prints them
    const res = await r.one(
      me,
      "SELECT '2024-03-01 12:00:00'::TIMESTAMP_LTZ AS T, TO_VARCHAR('2024-03-01 12:00:00+00:00'::TIMESTAMP_LTZ) AS S",
    );
    // TO_VARCHAR of an LTZ: the session zone in the default TIMESTAMP_OUTPUT_FORMAT 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM' (to_char).
    expect(res.rows[0]).toEqual([at("2024-03-01T17:00:00Z"), "2024-03-01 07:00:00.000 -0500"]);
    // Another session is not affected.
    expect((await r.one(session("FD10001"), "SELECT '2024-03-01 12:00:00'::TIMESTAMP_LTZ")).rows[0]).toEqual([
      at("2024-03-01T12:00:00Z"),
    ]);
    await r.run(me, "ALTER SESSION UNSET TIMEZONE, QUERY_TAG");
    expect(me.parameters).toEqual({ AUTOCOMMIT: "true" });
    expect((await r.one(me, "SELECT '2024-03-01 12:00:00'::TIMESTAMP_LTZ")).rows[0]).toEqual([
      at("2024-03-01T12:00:00Z"),
    ]);
  });

  it("refuses unknown syntax and unknown time zones", async () => {
    expect((await r.fails(s, "ALTER SESSION RESET")).code).toBe("001003");
    expect((await r.fails(s, "ALTER SESSION SET")).message).toMatch(/unexpected '<EOF>'/);
    expect((await r.fails(s, "ALTER SESSION SET TIMEZONE 'UTC'")).code).toBe("001003");
    expect((await r.fails(s, "ALTER SESSION SET TIMEZONE = 'Mars/Olympus'")).message).toMatch(
      /Invalid value \[Mars\/Olympus\] for parameter 'TIMEZONE'/,
    );
  });
});

describe("metadata", () => {
  it("SHOW SHARES ends with secure_objects_only; SECURE_OBJECTS_ONLY = FALSE allows non-secure views", async () => {
    await r.run(s, "CREATE SHARE S_DEFAULT; CREATE SHARE S_OPEN SECURE_OBJECTS_ONLY = FALSE COMMENT = 'open'");
    const shares = await r.one(s, "SHOW SHARES LIKE 'S_%'");
    expect(shares.columns.map((c) => c.name).slice(-2)).toEqual(["listing_global_name", "secure_objects_only"]);
    expect(rowsOf(shares).map((x) => [x.name, x.secure_objects_only, x.comment])).toEqual([
      ["S_DEFAULT", "true", ""],
      ["S_OPEN", "false", "open"],
    ]);
    await r.run(s, "CREATE VIEW f.public.plain AS SELECT id FROM f.public.n");
    const grants = [
      "GRANT USAGE ON DATABASE f TO SHARE",
      "GRANT USAGE ON SCHEMA f.public TO SHARE",
      "GRANT SELECT ON VIEW f.public.plain TO SHARE",
    ];
    for (const g of grants.slice(0, 2)) await r.run(s, `${g} S_DEFAULT; ${g} S_OPEN`);
    expect((await r.fails(s, `${grants[2]} S_DEFAULT`)).code).toBe("003136");
    await r.run(s, `${grants[2]} S_OPEN`);
  });

  it("IS_NULLABLE follows NOT NULL; view columns carry their own comments, not the base table's", async () => {
    await r.run(s, "create table f.public.c (a number not null comment 'id', b varchar comment 'PII')");
    await r.run(s, "create view f.public.v as select a, b from f.public.c");
    await r.run(s, "create view f.public.w (ident comment 'the id', label) as select a, b from f.public.c");
    const cols = await r.one(
      s,
      "SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE, COMMENT FROM f.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME IN ('C', 'V', 'W') ORDER BY TABLE_NAME, ORDINAL_POSITION",
    );
    expect(cols.rows).toEqual([
      ["C", "A", "NO", "id"],
      ["C", "B", "YES", "PII"],
      ["V", "A", "NO", null],
      ["V", "B", "YES", null],
      ["W", "IDENT", "NO", "the id"],
      ["W", "LABEL", "YES", null],
    ]);
    await r.run(s, "insert into f.public.c values (7, 'q')");
    expect(rowsOf(await r.one(s, "select ident, label from f.public.w"))).toEqual([{ IDENT: 7n, LABEL: "q" }]);
    expect((await r.fails(s, "create view f.public.bad (only_one) as select a, b from f.public.c")).code).toBe(
      "002029",
    );
  });
});
