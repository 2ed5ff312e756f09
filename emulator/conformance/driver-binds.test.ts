// Port of snowflake-connector-nodejs test/integration/testBind.js: positional (`?`) and numbered (`:n`)
// binds, array binds (one insert per row), NULL, wrong binds, re-use, typed binds and malicious strings.
import { describe, expect, it } from "vitest";
import { driverSuite, queryAndVerify, SET_TIMEZONE_AND_TIMESTAMPS } from "./driver-harness";

const suite = driverSuite("DRIVER_BINDS");
const CREATE = "create or replace table testTbl(colA string, colB number)";
const INSERT_QMARK = "insert into testTbl values(?, ?)";
const INSERT_NUMBERED = "insert into testTbl values(:1, :2)";
const INSERT_VALUE = "insert into testTbl values('string', 3)";
const SELECT_ALL = "select * from testTbl order by 1";

async function failure(work: Promise<unknown>): Promise<string> {
  return work.then(
    () => "none",
    (e: { code?: string }) => String(e.code),
  );
}

describe("testBind.js", () => {
  it("testBindWithQmark", async () => {
    const c = suite.conn();
    await c.execute(CREATE);
    await c.execute(INSERT_QMARK, ["string", 3]);
    await queryAndVerify(c, SELECT_ALL, [{ COLA: "string", COLB: 3 }]);
  });

  it("testBindArrayWithQmark", async () => {
    const c = suite.conn();
    await c.execute(CREATE);
    await c.execute(INSERT_QMARK, [
      ["string3", 6],
      ["string2", 4],
      ["string1", 2],
    ]);
    await queryAndVerify(c, SELECT_ALL, [
      { COLA: "string1", COLB: 2 },
      { COLA: "string2", COLB: 4 },
      { COLA: "string3", COLB: 6 },
    ]);
  });

  it("testBindWithSemiColon", async () => {
    const c = suite.conn();
    await c.execute(CREATE);
    await c.execute(INSERT_NUMBERED, ["string", 3]);
    await queryAndVerify(c, SELECT_ALL, [{ COLA: "string", COLB: 3 }]);
  });

  it("testBindInPredicate", async () => {
    const c = suite.conn();
    await c.execute(CREATE);
    await c.execute(INSERT_VALUE);
    await queryAndVerify(
      c,
      "select * from testTbl where COLA = :2 and COLB = :1",
      [{ COLA: "string", COLB: 3 }],
      [3, "string"],
    );
  });

  it("testBindNull", async () => {
    const c = suite.conn();
    await c.execute(CREATE);
    await c.execute(INSERT_NUMBERED, [null, 3]);
    expect(await c.execute("select * from testTbl where colA is null")).toHaveLength(1);
  });

  it("testWrongBinds", async () => {
    const c = suite.conn();
    await c.execute(CREATE);
    // empty binds array, and no binds at all: 002049; a string bound to the NUMBER column: 100038.
    expect(await failure(c.execute(INSERT_NUMBERED, []))).toBe("002049");
    expect(await failure(c.execute(INSERT_NUMBERED, [3, "string"]))).toBe("100038");
    expect(await failure(c.execute(INSERT_NUMBERED))).toBe("002049");
    // these do not fail: extra binds, binds without placeholders, mixed `?` and `:n`, `:2` alone.
    expect(await failure(c.execute(INSERT_NUMBERED, ["string", 3, 3]))).toBe("none");
    expect(await failure(c.execute(INSERT_VALUE, ["string", 3]))).toBe("none");
    expect(await failure(c.execute("insert into testTbl values(?, :2)", ["string2", 4]))).toBe("none");
    expect(await failure(c.execute("insert into testTbl values(:2, 3)", [5, "string"]))).toBe("none");
  });

  it("testBindsSameSQLWithDifferentValue", async () => {
    const c = suite.conn();
    await c.execute(CREATE);
    for (const binds of [
      ["string2", 4],
      ["string3", 5],
      ["string4", 6],
    ])
      await c.execute(INSERT_QMARK, binds);
    await queryAndVerify(c, SELECT_ALL, [
      { COLA: "string2", COLB: 4 },
      { COLA: "string3", COLB: 5 },
      { COLA: "string4", COLB: 6 },
    ]);
  });

  it("testBindsVariableReuse", async () => {
    const c = suite.conn();
    await c.execute("create or replace table testTbl(colA string, colB string, colC string)");
    await c.execute("insert into testTbl values(:1, :1, :1)", ["string"]);
    await queryAndVerify(c, SELECT_ALL, [{ COLA: "string", COLB: "string", COLC: "string" }]);
  });

  it("testBindMaliciousString", async () => {
    const c = suite.conn();
    await c.execute(CREATE);
    await c.execute(INSERT_VALUE);
    await queryAndVerify(c, "select * from testTbl where colA = ?", [], ["a; drop table if exists testTbl"]);
    await queryAndVerify(c, "select * from testTbl where colA = ?", [], ["$*~?':1234567890!@#$%^&*()_="]);
  });
});

describe("testBind.js: testBindingWithDifferentDataType", () => {
  async function typed(dataType: string, bind: unknown, expected: unknown) {
    const c = suite.conn();
    await c.execute(SET_TIMEZONE_AND_TIMESTAMPS);
    await c.execute(`create or replace table testTbl(colA ${dataType});`);
    await c.execute("insert into testTbl values(?)", [bind as string]);
    await queryAndVerify(c, SELECT_ALL, [{ COLA: expected }]);
  }

  it("testBindingBooleanSimple", () => typed("boolean", true, true));
  it("testBindingDateSimple", () => typed("date", "2012-11-11", "2012-11-11"));
  it("testBindingTimeSimple", () => typed("time", "12:34:56.789789789", "12:34:56"));
  it("testBindingTimestampLTZSimple", () =>
    typed("timestamp_ltz", "Thu, 21 Jan 2016 06:32:44 -0800", "2016-01-21 06:32:44.000 -0800"));
  it("testBindingTimestampTZSimple", () =>
    typed("timestamp_tz", "Thu, 21 Jan 2016 06:32:44 -0800", "2016-01-21 06:32:44.000 -0800"));
  it("testBindingTimestampNTZSimple", () =>
    typed("timestamp_ntz", "Thu, 21 Jan 2016 06:32:44 -0800", "2016-01-21 06:32:44.000"));
});
