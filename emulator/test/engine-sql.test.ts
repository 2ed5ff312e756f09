import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { splitStatements } from "../engine/split-statements";
import type { EmulatorEngine } from "../engine/index";
import { runner, session, tempEngine, text } from "./engine-helpers";

let engine: EmulatorEngine;
let r: ReturnType<typeof runner>;
const us = () => session("FD10001");

beforeAll(async () => {
  engine = (await tempEngine()).engine;
  r = runner(engine);
});
beforeEach(async () => {
  await engine.reset();
});
afterAll(async () => {
  await engine.close();
});

describe("statement splitting", () => {
  it("ignores semicolons inside strings, quoted identifiers and comments", () => {
    const parts = splitStatements("SELECT 'a;b'; -- c;d\nSELECT \"x;y\" /* ; */ FROM t;; SELECT $$p;q$$");
    expect(parts.map((p) => p.text)).toEqual([
      "SELECT 'a;b'",
      '-- c;d\nSELECT "x;y" /* ; */ FROM t'.replace("-- c;d\n", ""),
      "SELECT $$p;q$$",
    ]);
    expect(engine.countStatements("select 1; select 2;")).toBe(2);
  });
});

describe("session context and identifiers", () => {
  it("answers CURRENT_* with the session's account values and Snowflake column names", async () => {
    const res = await r.one(
      us(),
      "select current_account(), CURRENT_REGION(), CURRENT_ORGANIZATION_NAME(), CURRENT_ACCOUNT_NAME(), CURRENT_ROLE()",
    );
    expect(res.columns.map((c) => c.name)).toEqual([
      "CURRENT_ACCOUNT()",
      "CURRENT_REGION()",
      "CURRENT_ORGANIZATION_NAME()",
      "CURRENT_ACCOUNT_NAME()",
      "CURRENT_ROLE()",
    ]);
    expect(res.rows[0]).toEqual(["FD10001", "AWS_US_EAST_1", "FLOEDATA", "LAKE_US", "ACCOUNTADMIN"]);
  });

  it("folds unquoted identifiers to upper case and keeps quoted case", async () => {
    const s = us();
    await r.run(
      s,
      "create database demo; create schema app; create table events (id number, Note varchar(20) not null)",
    );
    expect([s.database, s.schema]).toEqual(["DEMO", "APP"]);
    await r.run(s, "insert into Events (ID, note) values (1, 'a')");
    const res = await r.one(s, 'select "ID", note from "DEMO"."APP"."EVENTS"');
    expect(res.columns.map((c) => c.name)).toEqual(["ID", "NOTE"]);
    const err = await r.fails(s, 'select * from "events"');
    expect(err.code).toBe("002003");
    expect(err.message).toBe("SQL compilation error:\nObject 'DEMO.APP.\"events\"' does not exist or not authorized.");
  });

  it("USE changes the session and unqualified names need a current database", async () => {
    const s = us();
    const err = await r.fails(s, "select * from t");
    expect(err.code).toBe("090105");
    const res = await r.one(s, "use schema ENGAGEMENT_LAKE_US.RAW");
    expect(res.finalDatabase).toBe("ENGAGEMENT_LAKE_US");
    expect(res.finalSchema).toBe("RAW");
    expect((await r.one(s, "select count(*) as n from changelogs_campaign")).rows[0][0]).toBe(3n);
  });

  it("describes result columns with Snowflake metadata", async () => {
    const s = us();
    await r.run(
      s,
      "create database m; create table t (a number(10,2) not null, b varchar(20), c float, d boolean, e timestamp_ltz(9), f array, g date)",
    );
    await r.run(s, "insert into t values (1.5, 'x', 2.5, true, '2024-05-01 10:00:00+00', '[1,2]', '2024-05-01')");
    const res = await r.one(s, "select * from t");
    expect(
      res.columns.map((c) => [c.name, c.type, c.precision ?? null, c.scale ?? null, c.length ?? null, c.nullable]),
    ).toEqual([
      ["A", "fixed", 10, 2, null, false],
      ["B", "text", null, null, 20, true],
      ["C", "real", null, null, null, true],
      ["D", "boolean", null, null, null, true],
      ["E", "timestamp_ltz", null, 9, null, true],
      ["F", "array", null, null, null, true],
      ["G", "date", null, null, null, true],
    ]);
    expect(res.columns[0]).toMatchObject({ database: "M", schema: "PUBLIC", table: "T" });
    expect(res.rows[0]).toEqual([
      "1.50",
      "x",
      2.5,
      true,
      new Date("2024-05-01T10:00:00Z"),
      [1, 2],
      new Date("2024-05-01T00:00:00Z"),
    ]);
    const info = await r.one(
      s,
      "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE FROM M.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
      [text("T")],
    );
    expect(info.rows.slice(0, 2)).toEqual([
      ["A", "NUMBER", "NO", null, 10n, 2n],
      ["B", "TEXT", "YES", 20n, null, null],
    ]);
  });

  it("binds ? and :N, array binds, DELETE with binds and sub-queries", async () => {
    const s = us();
    await r.run(s, "create database b; create table t (id number, name varchar)");
    const ins = await r.one(s, "insert into t (id, name) values (?, ?)", [
      { type: "FIXED", value: ["1", "2", "3"] },
      { type: "TEXT", value: ["a", "b", "c'; drop table t; --"] },
    ]);
    expect(ins.columns[0].name).toBe("number of rows inserted");
    expect(ins.rows[0][0]).toBe(3n);
    expect((await r.one(s, "select name from t where id = :1", [{ type: "FIXED", value: "3" }])).rows).toEqual([
      ["c'; drop table t; --"],
    ]);
    const del = await r.one(s, "delete from t where id in (select id from t where name = ?)", [text("a")]);
    expect(del.rows[0][0]).toBe(1n);
    const agg = await r.one(s, "select iff(count(*) > 1, 'many', 'few') as k, count(*) from t group by all");
    expect(agg.rows).toEqual([["many", 2n]]);
  });

  it("refuses unsupported statements and reports syntax errors with Snowflake's shape", async () => {
    expect((await r.fails(us(), "CREATE WAREHOUSE w")).message).toMatch(/not supported by the Floe Snowflake emulator/);
    const err = await r.fails(us(), "CREATE SHARE");
    expect(err.code).toBe("001003");
    expect(err.message).toMatch(/^SQL compilation error:\nsyntax error line 1 at position \d+ unexpected '<EOF>'\.$/);
  });

  it("lists databases, schemas, tables and views", async () => {
    const s = us();
    const dbs = await r.one(s, "show databases like 'engagement%'");
    expect(dbs.rows.map((row) => row[1])).toEqual(["ENGAGEMENT_LAKE_US"]);
    const views = await r.one(s, "show views like '%_SHARED_ALL' in schema ENGAGEMENT_LAKE_US.SHARED");
    expect(views.rows).toHaveLength(15);
    const isSecure = views.columns.findIndex((c) => c.name === "is_secure");
    expect(views.rows.every((row) => row[isSecure] === "true")).toBe(true);
    const tables = await r.one(
      s,
      "SELECT TABLE_NAME, TABLE_TYPE FROM ENGAGEMENT_LAKE_US.INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'SHARING' ORDER BY TABLE_NAME",
    );
    expect(tables.rows).toEqual([
      ["ACCOUNT_PROOFS", "BASE TABLE"],
      ["ENTITLEMENTS", "BASE TABLE"],
    ]);
  });

  it("creates accounts only for ORGADMIN and lists regions", async () => {
    expect(
      (await r.fails(us(), "CREATE ACCOUNT X ADMIN_NAME = A ADMIN_PASSWORD = 'p' EMAIL = 'a@b.c' EDITION = ENTERPRISE"))
        .code,
    ).toBe("003001");
    const org = session("FD10001", "ADMIN", "ORGADMIN");
    await r.run(
      org,
      "CREATE ACCOUNT EXTRA ADMIN_NAME = BOSS ADMIN_PASSWORD = 'pw' EMAIL = 'a@b.c' EDITION = ENTERPRISE REGION = AWS_EU_WEST_1",
    );
    const accounts = await r.one(org, "SHOW ACCOUNTS LIKE 'EXTRA'");
    expect(accounts.rows[0][3]).toBe("AWS_EU_WEST_1");
    expect(await engine.loginWithPassword("floedata-extra", "boss", "pw")).toMatchObject({
      user: "BOSS",
      defaultRole: "ACCOUNTADMIN",
    });
    const regions = await r.one(us(), "SHOW REGIONS");
    expect(regions.rows.find((row) => row[1] === "AWS_US_WEST_2")).toEqual([
      "PUBLIC",
      "AWS_US_WEST_2",
      "aws",
      "us-west-2",
      "US West (Oregon)",
    ]);
  });
});
