// Snowflake Scripting at the engine level: what the contract suite (emulator/contract/scripting.contract.ts) does not
// reach through the driver — how the splitter counts a block sent without $$, labelled BREAK/CONTINUE, scoping,
// request binds inside a block, procedure argument defaults, owner's rights inherited by nested calls, and refusals.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorEngine } from "../engine/index";
import { runner, session, tempEngine, text } from "./engine-helpers";

let engine: EmulatorEngine;
let dir: string;
let r: ReturnType<typeof runner>;
const s = session("FD10001");
const value = async (sql: string, binds?: Parameters<typeof r.one>[2]) => (await r.one(s, sql, binds)).rows[0][0];

beforeAll(async () => {
  ({ engine, dir } = await tempEngine({ lakeRowScale: 0.001 }));
  r = runner(engine);
  await r.run(s, "create database scr; create schema scr.app; use schema scr.app; create table t (id number)");
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("statement splitting", () => {
  it("keeps a BEGIN … END block without $$ as one statement (CASE … END and END IF inside), but not BEGIN TRANSACTION", () => {
    const block = "DECLARE x INTEGER DEFAULT 1; BEGIN IF (x = 1) THEN RETURN CASE WHEN x = 1 THEN 'a' END; END IF; END";
    expect(engine.countStatements(`${block}; SELECT 2`)).toBe(2);
    expect(
      engine.countStatements("BEGIN FOR i IN 1 TO 2 DO LET y := i; END FOR; LOOP BREAK; END LOOP; END; SELECT 1"),
    ).toBe(2);
    expect(engine.countStatements("BEGIN TRANSACTION; SELECT 1")).toBe(2);
    expect(engine.countStatements("BEGIN; SELECT 1")).toBe(2);
  });

  it("runs a block and a query sent together as two results", async () => {
    const [a, b] = await r.run(s, "BEGIN LET v := 'a'; RETURN v; END; SELECT 2 AS N");
    expect(a.columns.map((c) => c.name)).toEqual(["anonymous block"]);
    expect(a.rows).toEqual([["a"]]);
    expect(b.rows).toEqual([[2]]);
  });
});

describe("control flow and scope", () => {
  it("BREAK and CONTINUE with a label act on the named outer loop", async () => {
    expect(
      await value(`EXECUTE IMMEDIATE $$
      DECLARE trail VARCHAR DEFAULT '';
      BEGIN
        FOR i IN 1 TO 3 DO
          FOR j IN 1 TO 3 DO
            IF (j = 2) THEN CONTINUE outer_loop; END IF;
            IF (i = 3) THEN BREAK outer_loop; END IF;
            trail := trail || i || j || ' ';
          END FOR inner_loop;
        END FOR outer_loop;
        RETURN trail;
      END $$`),
    ).toBe("11 21 ");
  });

  it("a nested block's LET shadows an outer variable only inside that block", async () => {
    expect(
      await value(`EXECUTE IMMEDIATE $$
      DECLARE x VARCHAR DEFAULT 'outer';
      BEGIN
        BEGIN
          LET x := 'inner';
        END;
        RETURN x;
      END $$`),
    ).toBe("outer");
  });

  it("a RESULTSET declared without a query takes one by assignment, and a cursor can read it", async () => {
    expect(
      Number(
        await value(`EXECUTE IMMEDIATE $$
      DECLARE
        res RESULTSET;
        total INTEGER DEFAULT 0;
      BEGIN
        INSERT INTO t VALUES (4), (5);
        res := (SELECT id FROM t WHERE id >= 4);
        LET c1 CURSOR FOR res;
        FOR rec IN c1 DO total := total + rec.ID; END FOR;
        DELETE FROM t WHERE id >= 4;
        RETURN total;
      END $$`),
      ),
    ).toBe(9);
  });

  it("a declared type converts assigned values (NUMBER(10,2) keeps two decimals)", async () => {
    expect(await value("EXECUTE IMMEDIATE $$ DECLARE n NUMBER(10,2); BEGIN n := 7 / 2; RETURN n; END $$")).toBe("3.50");
  });

  it("`:1` inside a block sent with binds and no USING reads the request's binds (emulator extension, unverified)", async () => {
    expect(await value("EXECUTE IMMEDIATE $$ BEGIN RETURN :1 || '-' || :2; END $$", [text("a"), text("b")])).toBe(
      "a-b",
    );
  });

  it("refuses an exception number outside -20000..-20999 and an undeclared variable", async () => {
    expect(
      await r.fails(s, "EXECUTE IMMEDIATE $$ DECLARE e EXCEPTION (-1, 'x'); BEGIN RETURN 1; END $$"),
    ).toMatchObject({ code: "002029" });
    const err = await r.fails(s, "EXECUTE IMMEDIATE $$ BEGIN INSERT INTO t VALUES (:nope); END $$");
    expect(err.message).toMatch(/undeclared variable 'NOPE'/);
  });
});

describe("procedures", () => {
  it("fills a missing argument from its DEFAULT; a body with a syntax error fails CREATE and creates nothing", async () => {
    await r.run(
      s,
      "CREATE PROCEDURE plus(a NUMBER, b NUMBER DEFAULT 5) RETURNS NUMBER LANGUAGE SQL AS $$ BEGIN RETURN a + b; END $$",
    );
    expect(await value("CALL plus(1)")).toBe(6);
    expect(await value("CALL plus(1, 1)")).toBe(2);
    expect(
      await r.fails(s, "CREATE PROCEDURE broken() RETURNS NUMBER LANGUAGE SQL AS $$ BEGIN RETURN 1 END $$"),
    ).toMatchObject({ code: "001003" });
    expect((await r.one(s, "SHOW PROCEDURES LIKE 'BROKEN'")).rows).toEqual([]);
  });

  it("a caller's-rights procedure called from an owner's-rights one runs with owner's restrictions", async () => {
    await r.run(
      s,
      [
        "CREATE PROCEDURE tag_as_caller() RETURNS VARCHAR LANGUAGE SQL EXECUTE AS CALLER AS $$ BEGIN ALTER SESSION SET QUERY_TAG = 'x'; RETURN 'ok'; END $$",
        "CREATE PROCEDURE owner_calls() RETURNS VARCHAR LANGUAGE SQL EXECUTE AS OWNER AS $$ BEGIN CALL tag_as_caller(); RETURN 'ok'; END $$",
      ].join(";\n"),
    );
    expect(await value("CALL tag_as_caller()")).toBe("ok");
    const err = await r.fails(s, "CALL owner_calls()");
    expect(err.message).toMatch(/Uncaught exception of type 'STATEMENT_ERROR'.*ALTER_SESSION/s);
  });

  it("an uncaught exception inside a called procedure is a STATEMENT_ERROR for the caller, with the exception's number", async () => {
    await r.run(
      s,
      "CREATE PROCEDURE thrower() RETURNS VARCHAR LANGUAGE SQL AS $$ DECLARE my_exception EXCEPTION (-20005, 'boom'); BEGIN RAISE my_exception; END $$",
    );
    expect(
      await value(`EXECUTE IMMEDIATE $$
      BEGIN
        CALL thrower();
      EXCEPTION
        WHEN STATEMENT_ERROR THEN RETURN SQLCODE || ' ' || SQLSTATE;
      END $$`),
    ).toBe("-20005 P0001");
  });

  it("CREATE OR REPLACE drops the procedure's USAGE grants unless COPY GRANTS", async () => {
    const roles = () =>
      engine.catalogSnapshot().accounts.FD10001.databases.SCR.schemas.APP.procedures!.GRANTED[0].usageRoles;
    await r.run(
      s,
      "CREATE PROCEDURE granted() RETURNS VARCHAR AS $$ BEGIN RETURN 'x'; END $$; GRANT USAGE ON PROCEDURE granted() TO ROLE PUBLIC",
    );
    expect(roles()).toEqual(["PUBLIC"]);
    await r.run(s, "CREATE OR REPLACE PROCEDURE granted() COPY GRANTS RETURNS VARCHAR AS $$ BEGIN RETURN 'y'; END $$");
    expect(roles()).toEqual(["PUBLIC"]);
    await r.run(s, "CREATE OR REPLACE PROCEDURE granted() RETURNS VARCHAR AS $$ BEGIN RETURN 'z'; END $$");
    expect(roles()).toEqual([]);
  });

  it("keeps procedures in the catalog, per schema and overload", async () => {
    await r.run(
      s,
      "CREATE PROCEDURE pick() RETURNS VARCHAR AS $$ BEGIN RETURN 'none'; END $$; CREATE PROCEDURE pick(a VARCHAR) RETURNS VARCHAR AS $$ BEGIN RETURN a; END $$",
    );
    const procs = engine.catalogSnapshot().accounts.FD10001.databases.SCR.schemas.APP.procedures!;
    expect(procs.PICK.map((p) => p.args.length)).toEqual([0, 1]);
    expect(procs.PICK[0]).toMatchObject({
      executeAs: "OWNER",
      ownerRole: "ACCOUNTADMIN",
      returns: "VARCHAR(16777216)",
    });
    await r.run(s, "DROP PROCEDURE pick(VARCHAR)");
    expect(engine.catalogSnapshot().accounts.FD10001.databases.SCR.schemas.APP.procedures!.PICK).toHaveLength(1);
  });
});
