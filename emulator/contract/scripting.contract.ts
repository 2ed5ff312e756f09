// Snowflake Scripting through snowflake-sdk: anonymous blocks (EXECUTE IMMEDIATE $$…$$ and BEGIN … END sent as is),
// variables, branches, loops, cursors, RESULTSETs, exceptions, DML status variables and `:var` in embedded statements.
// A block is one statement on the wire: one query request, its answer inline. SQL stored procedures:
// procedures.contract.ts.
//
// Documentation followed (each test names the pages it relies on):
// - Blocks: https://docs.snowflake.com/en/developer-guide/snowflake-scripting/blocks
// - EXECUTE IMMEDIATE: https://docs.snowflake.com/en/sql-reference/sql/execute-immediate
// - Variables (DECLARE, LET, :=, `:name` in SQL, IDENTIFIER(:name)): https://docs.snowflake.com/en/developer-guide/snowflake-scripting/variables
// - Branches (IF, CASE): https://docs.snowflake.com/en/developer-guide/snowflake-scripting/branch
// - Loops (FOR, WHILE, REPEAT, LOOP, BREAK, CONTINUE): https://docs.snowflake.com/en/developer-guide/snowflake-scripting/loops
// - Cursors: https://docs.snowflake.com/en/developer-guide/snowflake-scripting/cursors
// - RESULTSETs, RETURN TABLE(…): https://docs.snowflake.com/en/developer-guide/snowflake-scripting/resultsets
// - Exceptions (STATEMENT_ERROR, EXPRESSION_ERROR, OTHER, SQLCODE/SQLERRM/SQLSTATE): https://docs.snowflake.com/en/developer-guide/snowflake-scripting/exceptions
// - RAISE: https://docs.snowflake.com/en/sql-reference/snowflake-scripting/raise
// - SQLROWCOUNT, SQLFOUND, SQLNOTFOUND: https://docs.snowflake.com/en/developer-guide/snowflake-scripting/dml-status
//   and bundle 2025_01 (NULL after a non-DML statement): https://docs.snowflake.com/en/release-notes/bcr-bundles/2025_01/bcr-1850
import { beforeAll, describe, expect, it } from "vitest";
import { refusal, type ContractContext } from "./support";
import { json, openScriptingDatabase, scriptingHelpers } from "./scripting-support";
import type { TestConnection } from "./target";

export function scriptingContract(ctx: ContractContext): void {
  describe("Snowflake Scripting", () => {
    let p: TestConnection;
    let db: string;
    const { requests, block } = scriptingHelpers(ctx, () => p);

    beforeAll(async () => {
      ({ p, db } = await openScriptingDatabase(ctx, "SCRIPT"));
      return async () => {
        await p.close();
      };
    });

    // blocks ("Running an anonymous block": the value comes back in a column named "anonymous block");
    // execute-immediate usage notes ("A block is considered one statement").
    it("an anonymous block in EXECUTE IMMEDIATE $$…$$ is one query request; its RETURN value comes back inline", async () => {
      const value = await requests(1, () =>
        block(`EXECUTE IMMEDIATE $$
        DECLARE
          radius FLOAT;
          area FLOAT;
        BEGIN
          radius := 3;
          area := 2 * radius * radius;
          RETURN area;
        END;
      $$`),
      );
      expect(Number(value)).toBe(18);
    });

    // blocks: a block sent without EXECUTE IMMEDIATE (as Snowsight does) is also one statement.
    it("a BEGIN … END block sent as is, semicolons inside, is one statement", async () => {
      expect(await requests(1, () => block("BEGIN\n  LET a := 'bare';\n  RETURN a || ' block';\nEND;"))).toBe(
        "bare block",
      );
    });

    // variables (DECLARE with type and DEFAULT, LET, :=), branch (IF/ELSEIF/ELSE, CASE simple and searched).
    it("declares typed variables, assigns them and branches with IF/ELSEIF/ELSE and CASE", async () => {
      const sql = (n: number) => `EXECUTE IMMEDIATE $$
        DECLARE
          n INTEGER DEFAULT ${n};
          label VARCHAR;
        BEGIN
          LET doubled NUMBER(38,0) := n * 2;
          IF (doubled > 10) THEN label := 'big';
          ELSEIF (doubled > 2) THEN label := 'mid';
          ELSE label := 'small';
          END IF;
          CASE (label)
            WHEN 'big' THEN label := label || ':B';
            WHEN 'mid' THEN label := label || ':M';
            ELSE label := label || ':S';
          END CASE;
          CASE
            WHEN doubled = 0 THEN label := label || ':zero';
            ELSE label := label || ':' || doubled;
          END CASE;
          RETURN label;
        END;
      $$`;
      expect(await block(sql(9))).toBe("big:B:18");
      expect(await block(sql(2))).toBe("mid:M:4");
      expect(await block(sql(0))).toBe("small:S:zero");
    });

    // loops: FOR … IN [REVERSE] a TO b, WHILE, REPEAT … UNTIL, LOOP with BREAK, CONTINUE.
    it("runs FOR (also REVERSE), WHILE, REPEAT and LOOP with BREAK and CONTINUE", async () => {
      const value = await block(`EXECUTE IMMEDIATE $$
        DECLARE
          trail VARCHAR DEFAULT '';
          n INTEGER DEFAULT 0;
        BEGIN
          FOR i IN 1 TO 5 DO
            IF (i = 2) THEN CONTINUE; END IF;
            trail := trail || i;
          END FOR;
          FOR i IN REVERSE 1 TO 3 DO trail := trail || '-' || i; END FOR;
          WHILE (n < 3) DO n := n + 1; END WHILE;
          REPEAT n := n * 2; UNTIL (n > 20) END REPEAT;
          LOOP
            n := n + 1;
            IF (n >= 26) THEN BREAK; END IF;
          END LOOP;
          RETURN trail || '|' || n;
        END;
      $$`);
      expect(value).toBe("1345-3-2-1|26");
    });

    // cursors (DECLARE … CURSOR FOR, FOR rec IN cursor, OPEN … USING, FETCH … INTO, CLOSE), resultsets (RETURN TABLE).
    it("iterates a cursor, fetches from one opened with a bind, and returns a RESULTSET as the block's rows", async () => {
      expect(
        Number(
          await block(`EXECUTE IMMEDIATE $$
        DECLARE
          total INTEGER DEFAULT 0;
          c1 CURSOR FOR SELECT ID FROM EVENTS WHERE KIND = 'click';
        BEGIN
          FOR rec IN c1 DO total := total + rec.ID; END FOR;
          RETURN total;
        END;
      $$`),
        ),
      ).toBe(5);
      expect(
        await block(`EXECUTE IMMEDIATE $$
        DECLARE
          c2 CURSOR FOR SELECT KIND FROM EVENTS WHERE ID = ?;
          k VARCHAR;
        BEGIN
          OPEN c2 USING (1);
          FETCH c2 INTO k;
          CLOSE c2;
          RETURN k;
        END;
      $$`),
      ).toBe("open");
      const rows = await requests(1, () =>
        p.execute(`EXECUTE IMMEDIATE $$
        DECLARE
          res RESULTSET DEFAULT (SELECT ID, KIND FROM EVENTS ORDER BY ID);
        BEGIN
          RETURN TABLE(res);
        END;
      $$`),
      );
      expect(rows).toEqual([
        { ID: 1, KIND: "open" },
        { ID: 2, KIND: "click" },
        { ID: 3, KIND: "click" },
      ]);
    });

    // RETURN of OBJECT_CONSTRUCT / ARRAY_CONSTRUCT values (semi-structured).
    it("returns OBJECT_CONSTRUCT and ARRAY_CONSTRUCT values", async () => {
      expect(
        json(await block("EXECUTE IMMEDIATE $$ BEGIN RETURN OBJECT_CONSTRUCT('a', 1, 'b', 'two'); END; $$")),
      ).toEqual({ a: 1, b: "two" });
      expect(json(await block("EXECUTE IMMEDIATE $$ BEGIN RETURN ARRAY_CONSTRUCT(1, 2, 3); END; $$"))).toEqual([
        1, 2, 3,
      ]);
    });

    // variables ("Using a variable in a SQL statement": `:name`; IDENTIFIER(:name) for object names) and DDL/DML in a block;
    // dml-status (SQLROWCOUNT/SQLFOUND/SQLNOTFOUND, NULL after a non-DML statement: bcr-1850).
    it("binds variables into DDL and DML with :name and IDENTIFIER(:name), and reports SQLROWCOUNT, SQLFOUND, SQLNOTFOUND", async () => {
      const value = await block(`EXECUTE IMMEDIATE $$
        DECLARE
          tbl VARCHAR DEFAULT 'SCRIPT_T';
          kind VARCHAR DEFAULT 'view';
          inserted INTEGER;
          updated_found BOOLEAN;
          deleted_none BOOLEAN;
          n INTEGER;
        BEGIN
          CREATE TABLE IDENTIFIER(:tbl) (ID NUMBER(38,0), KIND VARCHAR(20));
          INSERT INTO IDENTIFIER(:tbl) SELECT ID, :kind FROM EVENTS;
          inserted := SQLROWCOUNT;
          UPDATE IDENTIFIER(:tbl) SET KIND = 'seen' WHERE ID > 1;
          updated_found := SQLFOUND;
          DELETE FROM IDENTIFIER(:tbl) WHERE ID > 100;
          deleted_none := SQLNOTFOUND;
          SELECT COUNT(*) INTO :n FROM IDENTIFIER(:tbl) WHERE KIND = :kind;
          RETURN OBJECT_CONSTRUCT('inserted', inserted, 'updated_found', updated_found, 'deleted_none', deleted_none,
            'views', n, 'after_select_is_null', SQLROWCOUNT IS NULL);
        END;
      $$`);
      expect(json(value)).toEqual({
        inserted: 3,
        updated_found: true,
        deleted_none: true,
        views: 1,
        after_select_is_null: true,
      });
      expect(await p.execute("SELECT ID, KIND FROM SCRIPT_T ORDER BY ID")).toEqual([
        { ID: 1, KIND: "view" },
        { ID: 2, KIND: "seen" },
        { ID: 3, KIND: "seen" },
      ]);
    });

    // exceptions: STATEMENT_ERROR with SQLCODE (the error number, 002003 → 2003), SQLERRM, SQLSTATE; a query on a
    // missing table is 002003 (42S02): https://docs.snowflake.com/en/release-notes/bcr-bundles/un-bundled/bcr-1858
    it("catches a failing statement as STATEMENT_ERROR with SQLCODE, SQLERRM and SQLSTATE", async () => {
      const value = json(
        await block(`EXECUTE IMMEDIATE $$
        BEGIN
          SELECT * FROM NO_SUCH_TABLE_ANYWHERE;
          RETURN 'not reached';
        EXCEPTION
          WHEN EXPRESSION_ERROR THEN RETURN 'wrong handler';
          WHEN STATEMENT_ERROR THEN
            RETURN OBJECT_CONSTRUCT('type', 'STATEMENT_ERROR', 'SQLCODE', SQLCODE, 'SQLERRM', SQLERRM, 'SQLSTATE', SQLSTATE);
        END;
      $$`),
      ) as Record<string, unknown>;
      expect(value).toMatchObject({ type: "STATEMENT_ERROR", SQLCODE: 2003, SQLSTATE: "42S02" });
      expect(value.SQLERRM).toMatch(/NO_SUCH_TABLE_ANYWHERE' does not exist or not authorized/);
    });

    // exceptions: EXPRESSION_ERROR ("an expression that evaluates to a VARCHAR … assigned to a FLOAT"), OTHER.
    it("catches a failing expression as EXPRESSION_ERROR, and anything with WHEN OTHER", async () => {
      expect(
        await block(`EXECUTE IMMEDIATE $$
        DECLARE f FLOAT;
        BEGIN
          f := 'not a number';
          RETURN 'not reached';
        EXCEPTION
          WHEN STATEMENT_ERROR THEN RETURN 'statement';
          WHEN EXPRESSION_ERROR THEN RETURN 'expression';
        END;
      $$`),
      ).toBe("expression");
      expect(
        await block(
          "EXECUTE IMMEDIATE $$ BEGIN DROP TABLE NO_SUCH_TABLE_ANYWHERE; EXCEPTION WHEN OTHER THEN RETURN 'other'; END; $$",
        ),
      ).toBe("other");
    });

    // exceptions + raise: a declared exception (-20000..-20999), caught with its code and message (SQLSTATE P0001);
    // uncaught it is "-20002 (P0001): Uncaught exception of type 'MY_EXCEPTION' on line L at position P : <message>",
    // the line and position those of the RAISE in the block's text; RAISE; re-raises in a handler.
    it("raises declared exceptions: caught with SQLCODE/SQLERRM/SQLSTATE, uncaught as the documented error, re-raised with RAISE;", async () => {
      const caught = json(
        await block(`EXECUTE IMMEDIATE $$
        DECLARE
          my_exception EXCEPTION (-20002, 'Raised MY_EXCEPTION.');
        BEGIN
          RAISE my_exception;
        EXCEPTION
          WHEN my_exception THEN
            RETURN OBJECT_CONSTRUCT('SQLCODE', SQLCODE, 'SQLERRM', SQLERRM, 'SQLSTATE', SQLSTATE);
        END;
      $$`),
      );
      expect(caught).toEqual({ SQLCODE: -20002, SQLERRM: "Raised MY_EXCEPTION.", SQLSTATE: "P0001" });

      const uncaught = await refusal(
        p.execute(
          "EXECUTE IMMEDIATE $$\nDECLARE\n  MY_EXCEPTION EXCEPTION (-20002, 'Raised MY_EXCEPTION.');\nBEGIN\n    RAISE MY_EXCEPTION;\nEND;\n$$",
        ),
      );
      expect(uncaught).toMatchObject({ code: "-20002", sqlState: "P0001" });
      expect(uncaught.message).toBe(
        "Uncaught exception of type 'MY_EXCEPTION' on line 5 at position 4 : Raised MY_EXCEPTION.",
      );

      const plain = await refusal(
        p.execute("EXECUTE IMMEDIATE $$\nDECLARE\n  E1 EXCEPTION;\nBEGIN\n  RAISE E1;\nEND;\n$$"),
      );
      expect(plain).toMatchObject({
        code: "-20000",
        sqlState: "P0001",
        message: "Uncaught exception of type 'E1' on line 5 at position 2",
      });

      const reraised = await refusal(
        p.execute(`EXECUTE IMMEDIATE $$
        DECLARE
          e2 EXCEPTION (-20010, 'second');
        BEGIN
          RAISE e2;
        EXCEPTION
          WHEN e2 THEN RAISE;
        END;
      $$`),
      );
      expect(reraised).toMatchObject({ code: "-20010", sqlState: "P0001" });
      expect(reraised.message).toMatch(/^Uncaught exception of type 'E2' on line \d+ at position \d+ : second$/);
    });

    // exceptions ("If there is no handler … the client … reports this as a Snowflake error"): an unhandled statement
    // error keeps the failing statement's error (SQLSTATE and text).
    it("an unhandled failing statement surfaces its own error", async () => {
      const err = await refusal(
        p.execute("EXECUTE IMMEDIATE $$\nBEGIN\n  SELECT * FROM NO_SUCH_TABLE_ANYWHERE;\nEND;\n$$"),
      );
      expect(err.sqlState).toBe("42S02");
      expect(err.message).toMatch(/Uncaught exception of type 'STATEMENT_ERROR'/);
      expect(err.message).toMatch(/NO_SUCH_TABLE_ANYWHERE' does not exist or not authorized/);
    });

    // execute-immediate: a string or a variable holding one statement, `?` bound from USING (the documented
    // "Executing a statement with bind variables" example builds the statement in a variable).
    it("EXECUTE IMMEDIATE runs a string or a variable with USING binds, at top level and inside a block", async () => {
      expect(await p.execute("EXECUTE IMMEDIATE 'SELECT COUNT(*) AS N FROM EVENTS'")).toEqual([{ N: 3 }]);
      const rows = await p.execute(`EXECUTE IMMEDIATE $$
        DECLARE
          lo INTEGER DEFAULT 1;
          hi INTEGER DEFAULT 3;
        BEGIN
          LET stmt VARCHAR := 'SELECT ID FROM EVENTS WHERE ID > ? AND ID <= ? ORDER BY ID';
          LET rs RESULTSET := (EXECUTE IMMEDIATE :stmt USING (lo, hi));
          RETURN TABLE(rs);
        END;
      $$`);
      expect(rows).toEqual([{ ID: 2 }, { ID: 3 }]);
    });

    // The provisioning pattern (issue 14): one round trip runs several DDL steps in order, the first failure is caught
    // and the block answers an ARRAY of per-step OBJECTs. Values come in through USING binds (execute-immediate).
    // Unverified: execute-immediate documents USING with Snowflake Scripting variables, and bind-variables
    // (https://docs.snowflake.com/en/sql-reference/bind-variables) the drivers' `?` for statements; neither says a
    // driver's `?` reaches a top-level block's USING. The product does not rely on it: its blocks carry values as
    // quoted literals (share-blocks.contract.ts, lib/provisioning/step-block.ts).
    it("runs DDL steps in one request, stops at the first failure and answers one OBJECT per step", async () => {
      const schema = `${db}.PROV`;
      const steps = (await requests(1, () =>
        block(
          `EXECUTE IMMEDIATE $$
        DECLARE
          steps ARRAY DEFAULT ARRAY_CONSTRUCT();
          step VARCHAR;
        BEGIN
          LET sch VARCHAR := :1;
          LET tbl VARCHAR := :2;
          step := 'CREATE SCHEMA ' || sch;
          CREATE SCHEMA IDENTIFIER(:sch);
          steps := ARRAY_APPEND(steps, OBJECT_CONSTRUCT('statement', step, 'ok', TRUE));
          step := 'CREATE TABLE ' || tbl;
          CREATE TABLE IDENTIFIER(:tbl) (ID NUMBER(38,0));
          steps := ARRAY_APPEND(steps, OBJECT_CONSTRUCT('statement', step, 'ok', TRUE));
          step := 'INSERT INTO ' || tbl;
          INSERT INTO IDENTIFIER(:tbl) VALUES (1), (2);
          steps := ARRAY_APPEND(steps, OBJECT_CONSTRUCT('statement', step, 'ok', TRUE, 'rowcount', SQLROWCOUNT));
          step := 'CREATE TABLE ' || tbl || ' (again)';
          CREATE TABLE IDENTIFIER(:tbl) (ID NUMBER(38,0));
          steps := ARRAY_APPEND(steps, OBJECT_CONSTRUCT('statement', step, 'ok', TRUE));
          step := 'never reached';
          RETURN steps;
        EXCEPTION
          WHEN OTHER THEN
            RETURN ARRAY_APPEND(steps, OBJECT_CONSTRUCT('statement', step, 'ok', FALSE, 'code', SQLCODE, 'message', SQLERRM, 'state', SQLSTATE));
        END;
      $$ USING (?, ?)`,
          [schema, `${schema}.ACCOUNTS`],
        ),
      )) as unknown;
      const list = json(steps) as Record<string, unknown>[];
      expect(list.map((s) => [s.statement, s.ok])).toEqual([
        [`CREATE SCHEMA ${schema}`, true],
        [`CREATE TABLE ${schema}.ACCOUNTS`, true],
        [`INSERT INTO ${schema}.ACCOUNTS`, true],
        [`CREATE TABLE ${schema}.ACCOUNTS (again)`, false],
      ]);
      expect(list[2].rowcount).toBe(2);
      expect(list[3]).toMatchObject({ code: 2002, state: "42710" });
      expect(list[3].message).toMatch(/ACCOUNTS' already exists/);
      // What ran before the failure stays done; CREATE SCHEMA in the block made PROV the session's schema, as it does outside one.
      expect(await p.execute(`SELECT COUNT(*) AS N FROM ${schema}.ACCOUNTS`)).toEqual([{ N: 2 }]);
      expect(await p.execute("SELECT CURRENT_SCHEMA() AS S")).toEqual([{ S: "PROV" }]);
      await p.execute(`USE SCHEMA ${db}.APP`);
    });
  });
}
