// Snowflake's error shapes for ordinary query mistakes: syntax errors (001003 with line/position), unknown
// and case-mismatched columns (000904), missing tables in queries (002003 / 42S02).
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorEngine } from "../engine/index";
import { runner, session, tempEngine, text } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
const s = session("FD10001");

beforeAll(async () => {
  ({ engine, dir } = await tempEngine());
  r = runner(engine);
  await r.run(
    s,
    'create database e; create table t (x number not null, "colB" varchar, Name varchar); create table "MixedCol" ("colB" number)',
  );
  await r.run(s, "insert into t values (1, 'b', 'n')");
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const syntax = (position: number, token: string, line = 1) => ({
  code: "001003",
  sqlState: "42000",
  message: `SQL compilation error:\nsyntax error line ${line} at position ${position} unexpected '${token}'.`,
});
const invalid = (position: number, name: string, line = 1) => ({
  code: "000904",
  sqlState: "42000",
  message: `SQL compilation error: error line ${line} at position ${position}\ninvalid identifier '${name}'`,
});

describe("syntax errors", () => {
  it.each([
    ["SELECT ~", 8, "<EOF>"],
    ["SELECT 1 +", 10, "<EOF>"],
    ["SELECT 1 FROM", 13, "<EOF>"],
    ["SELECT FROM WHERE", 7, "FROM"],
    ["select from t", 7, "from"],
    ["SELEC 1", 0, "SELEC"],
    ["SELECT x, FROM t", 10, "FROM"],
    ["SELECT x FROM t WHERE (x = 1", 28, "<EOF>"],
    ["SELECT 'a' 'b'", 11, "'b'"],
  ])("%s → position %i unexpected %s", async (sql, position, token) => {
    expect(await r.fails(s, sql)).toMatchObject(syntax(position, token));
  });

  it("reports the line and the position within it", async () => {
    expect(await r.fails(s, "SELECT x\nFROM t\nWHERE x = = 1")).toMatchObject(syntax(10, "=", 3));
  });

  it("keeps statements Snowflake has but the emulator lacks as 'not supported'", async () => {
    expect((await r.fails(s, "UNDROP TABLE t")).message).toMatch(/not supported by the Floe Snowflake emulator/);
  });
});

describe("identifiers", () => {
  it("an unknown column is 000904 at its position, qualified names included", async () => {
    expect(await r.fails(s, "SELECT NOPE_COL FROM t")).toMatchObject(invalid(7, "NOPE_COL"));
    expect(await r.fails(s, "SELECT x FROM t WHERE\n  t.nope = 1")).toMatchObject(invalid(2, "T.NOPE", 2));
    expect(await r.fails(s, "SELECT z.x FROM t")).toMatchObject(invalid(7, "Z.X"));
    expect(await r.fails(s, "INSERT INTO t (x, nope) VALUES (1, 2)")).toMatchObject(invalid(18, "NOPE"));
    expect(await r.fails(s, "UPDATE t SET nope = 1")).toMatchObject(invalid(13, "NOPE"));
  });

  it('quoted mixed-case columns resolve exactly: COLB and "COLB" do not reach "colB"', async () => {
    expect(await r.fails(s, 'SELECT colB FROM "MixedCol"')).toMatchObject(invalid(7, "COLB"));
    expect(await r.fails(s, 'SELECT "COLB" FROM e.public."MixedCol"')).toMatchObject(invalid(7, "COLB"));
    expect(await r.fails(s, 'SELECT m.colb FROM "MixedCol" m')).toMatchObject(invalid(7, "M.COLB"));
    expect(await r.fails(s, 'INSERT INTO "MixedCol" (COLB) VALUES (1)')).toMatchObject(invalid(24, "COLB"));
    expect(await r.fails(s, 'SELECT "name" FROM t')).toMatchObject(invalid(7, '"name"'));
  });

  it("exact names, aliases, CTEs and sub-queries still resolve", async () => {
    expect((await r.one(s, 'SELECT "colB", name, "NAME" AS "n", t."colB" AS c FROM t')).rows).toEqual([
      ["b", "n", "n", "b"],
    ]);
    expect(
      (await r.one(s, 'WITH w AS (SELECT "colB" AS "k" FROM t) SELECT "k" FROM w WHERE "k" = ?', [text("b")])).rows,
    ).toEqual([["b"]]);
    expect((await r.one(s, 'SELECT v."colB" FROM (SELECT "colB" FROM t) v ORDER BY v."colB"')).rows).toEqual([["b"]]);
    expect((await r.one(s, "SELECT x AS total FROM t ORDER BY total")).rows).toEqual([[1n]]);
    expect(
      (await r.one(s, "SELECT EXTRACT(YEAR FROM '2024-03-01'::DATE) AS y, TRIM('x' FROM 'xax') AS a")).rows,
    ).toEqual([[2024n, "a"]]);
  });

  it("an unknown function is 002140 'Unknown function'", async () => {
    expect(await r.fails(s, "SELECT NOPE_FN(1)")).toMatchObject({
      code: "002140",
      message: "SQL compilation error:\nUnknown function NOPE_FN",
    });
  });
});

describe("missing objects", () => {
  it("a query on a missing table is 002003 / 42S02; DDL on a missing object keeps 02000", async () => {
    const select = await r.fails(s, "SELECT * FROM e.public.nope");
    expect(select).toMatchObject({
      code: "002003",
      sqlState: "42S02",
      message: "SQL compilation error:\nObject 'E.PUBLIC.NOPE' does not exist or not authorized.",
    });
    expect((await r.fails(s, "INSERT INTO e.nosuch.t (x) VALUES (1)")).sqlState).toBe("42S02");
    expect(await r.fails(s, "DROP TABLE e.public.nope")).toMatchObject({ code: "002003", sqlState: "02000" });
  });
});
