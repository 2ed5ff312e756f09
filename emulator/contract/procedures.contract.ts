// SQL stored procedures through snowflake-sdk: CREATE PROCEDURE … LANGUAGE SQL with CALL / SHOW / DESC / DROP,
// RETURNS TABLE, overloads, and caller's and owner's rights. Blocks themselves: scripting.contract.ts.
//
// Documentation followed (each test names the pages it relies on):
// - CREATE PROCEDURE: https://docs.snowflake.com/en/sql-reference/sql/create-procedure
// - CALL: https://docs.snowflake.com/en/sql-reference/sql/call
// - SHOW PROCEDURES: https://docs.snowflake.com/en/sql-reference/sql/show-procedures
// - DESCRIBE PROCEDURE: https://docs.snowflake.com/en/sql-reference/sql/desc-procedure
// - DROP PROCEDURE: https://docs.snowflake.com/en/sql-reference/sql/drop-procedure
// - Caller's and owner's rights: https://docs.snowflake.com/en/developer-guide/stored-procedure/stored-procedures-rights
import { beforeAll, describe, expect, it } from "vitest";
import { refusal, runAll, using, type ContractContext } from "./support";
import { openScriptingDatabase, scriptingHelpers } from "./scripting-support";
import type { TestConnection } from "./target";

export function proceduresContract(ctx: ContractContext): void {
  describe("SQL stored procedures", () => {
    let p: TestConnection;
    let db: string;
    const { emulator, requests, block } = scriptingHelpers(ctx, () => p);

    beforeAll(async () => {
      ({ p, db } = await openScriptingDatabase(ctx, "PROC"));
      return async () => {
        await p.close();
      };
    });

    // create-procedure (LANGUAGE SQL, $$ and single-quoted bodies, arguments as `:arg` in SQL and bare in expressions),
    // call (the value in a column named after the procedure; binds).
    it("creates SQL procedures and CALLs them with binds; the value comes back in a column named after the procedure", async () => {
      await runAll(p, [
        `CREATE OR REPLACE PROCEDURE COUNT_KIND(K VARCHAR, BONUS NUMBER(38,0))
          RETURNS NUMBER(38,0)
          LANGUAGE SQL
          AS
          $$
          DECLARE n INTEGER;
          BEGIN
            SELECT COUNT(*) INTO :n FROM EVENTS WHERE KIND = :K;
            RETURN n + BONUS;
          END;
          $$`,
        "CREATE OR REPLACE PROCEDURE GREET(WHO VARCHAR) RETURNS VARCHAR LANGUAGE SQL AS 'BEGIN RETURN ''hello '' || WHO; END;'",
      ]);
      const rows = await requests(1, () => p.execute("CALL COUNT_KIND(?, ?)", ["click", 10]));
      expect(rows).toEqual([{ COUNT_KIND: 12 }]);
      expect(await p.execute("CALL GREET('there')")).toEqual([{ GREET: "hello there" }]);
      // A block can CALL a procedure and keep its value (call: CALL … INTO :var).
      expect(
        await block(
          "EXECUTE IMMEDIATE $$ DECLARE r VARCHAR; BEGIN CALL GREET('again') INTO :r; RETURN UPPER(r); END; $$",
        ),
      ).toBe("HELLO AGAIN");
    });

    // create-procedure (RETURNS TABLE), resultsets (RETURN TABLE(res)); overloading by argument count.
    it("returns a table from RETURNS TABLE(...), and overloads a name by argument count", async () => {
      await runAll(p, [
        `CREATE OR REPLACE PROCEDURE EVENTS_OF(K VARCHAR) RETURNS TABLE (ID NUMBER(38,0), KIND VARCHAR) LANGUAGE SQL AS $$
          DECLARE res RESULTSET DEFAULT (SELECT ID, KIND FROM EVENTS WHERE KIND = :K ORDER BY ID);
          BEGIN RETURN TABLE(res); END; $$`,
        "CREATE OR REPLACE PROCEDURE PICK() RETURNS VARCHAR LANGUAGE SQL AS $$ BEGIN RETURN 'none'; END; $$",
        "CREATE OR REPLACE PROCEDURE PICK(A VARCHAR) RETURNS VARCHAR LANGUAGE SQL AS $$ BEGIN RETURN 'one:' || A; END; $$",
      ]);
      expect(await p.execute("CALL EVENTS_OF('click')")).toEqual([
        { ID: 2, KIND: "click" },
        { ID: 3, KIND: "click" },
      ]);
      expect(await p.execute("CALL PICK()")).toEqual([{ PICK: "none" }]);
      expect(await p.execute("CALL PICK('x')")).toEqual([{ PICK: "one:x" }]);
    });

    // show-procedures (arguments "NAME(TYPES) RETURN TYPE"), desc-procedure, drop-procedure (by signature).
    it("lists procedures with SHOW PROCEDURES, describes one, and drops it by its signature", async () => {
      await p.execute(
        "CREATE OR REPLACE PROCEDURE TO_DROP(A NUMBER, B VARCHAR) RETURNS VARCHAR LANGUAGE SQL EXECUTE AS CALLER AS $$ BEGIN RETURN B || A; END; $$",
      );
      const shown = await p.execute<Record<string, string>>(`SHOW PROCEDURES LIKE 'TO_DROP' IN SCHEMA ${db}.APP`);
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatchObject({
        name: "TO_DROP",
        schema_name: "APP",
        catalog_name: db,
        is_builtin: "N",
        arguments: "TO_DROP(NUMBER, VARCHAR) RETURN VARCHAR",
      });
      const described = Object.fromEntries(
        (await p.execute<{ property: string; value: string }>("DESCRIBE PROCEDURE TO_DROP(NUMBER, VARCHAR)")).map(
          (r) => [r.property, r.value],
        ),
      );
      expect(described).toMatchObject({ signature: "(A NUMBER, B VARCHAR)", language: "SQL", "execute as": "CALLER" });
      expect(described.body).toContain("RETURN B || A;");
      await p.execute("DROP PROCEDURE TO_DROP(NUMBER, VARCHAR)");
      expect(await p.execute(`SHOW PROCEDURES LIKE 'TO_DROP' IN SCHEMA ${db}.APP`)).toEqual([]);
      await refusal(p.execute("CALL TO_DROP(1, 'x')"));
    });

    // stored-procedures-rights: owner's rights (the default) run with the owner's privileges, caller's rights with
    // the caller's; owner's-rights procedures cannot change the session (ALTER SESSION).
    it("owner's rights run with the owner's privileges and refuse ALTER SESSION; caller's rights run as the caller", async () => {
      await runAll(p, [
        "CREATE OR REPLACE PROCEDURE MAKE_AS_OWNER() RETURNS VARCHAR LANGUAGE SQL EXECUTE AS OWNER AS $$ BEGIN CREATE OR REPLACE TABLE BY_OWNER (ID NUMBER); RETURN 'made'; END; $$",
        "CREATE OR REPLACE PROCEDURE MAKE_AS_CALLER() RETURNS VARCHAR LANGUAGE SQL EXECUTE AS CALLER AS $$ BEGIN CREATE OR REPLACE TABLE BY_CALLER (ID NUMBER); RETURN 'made'; END; $$",
        "CREATE OR REPLACE PROCEDURE SESSION_AS_OWNER() RETURNS VARCHAR LANGUAGE SQL EXECUTE AS OWNER AS $$ BEGIN ALTER SESSION SET QUERY_TAG = 'x'; RETURN 'changed'; END; $$",
        "CREATE OR REPLACE PROCEDURE SESSION_AS_CALLER() RETURNS VARCHAR LANGUAGE SQL EXECUTE AS CALLER AS $$ BEGIN ALTER SESSION SET QUERY_TAG = 'x'; RETURN 'changed'; END; $$",
        "GRANT USAGE ON PROCEDURE MAKE_AS_OWNER() TO ROLE PUBLIC",
        "GRANT USAGE ON PROCEDURE MAKE_AS_CALLER() TO ROLE PUBLIC",
      ]);
      // On Snowflake PUBLIC also needs USAGE on the database and schema to name the procedures; the emulator's coarse
      // model lets PUBLIC resolve names without those grants (emulator/README.md "Privileges").
      if (ctx.spec.kind === "snowflake")
        await runAll(p, [
          `GRANT USAGE ON DATABASE ${db} TO ROLE PUBLIC`,
          `GRANT USAGE ON SCHEMA ${db}.APP TO ROLE PUBLIC`,
        ]);
      await using(ctx.target().provider, async (pub) => {
        await pub.execute("USE ROLE PUBLIC");
        await pub.execute(`USE SCHEMA ${db}.APP`);
        expect(await pub.execute("CALL MAKE_AS_OWNER()")).toEqual([{ MAKE_AS_OWNER: "made" }]);
        const denied = await refusal(pub.execute("CALL MAKE_AS_CALLER()"));
        expect(denied.message).toMatch(/Insufficient privileges/);
        expect(await pub.execute("SELECT CURRENT_ROLE() AS R")).toEqual([{ R: "PUBLIC" }]); // the caller's role is back
      });
      expect(await p.execute(`SHOW TABLES LIKE 'BY_OWNER' IN SCHEMA ${db}.APP`)).toHaveLength(1);
      await refusal(p.execute("CALL SESSION_AS_OWNER()"));
      expect(await p.execute("CALL SESSION_AS_CALLER()")).toEqual([{ SESSION_AS_CALLER: "changed" }]);
    });

    describe.skipIf(ctx.spec.kind !== "emulator")("emulator only", () => {
      it("a block is one entry in the query log, however many statements run inside it", async () => {
        const emu = emulator()!;
        await block(
          "EXECUTE IMMEDIATE $$ BEGIN INSERT INTO EVENTS VALUES (90, 'LOG_PROBE'); DELETE FROM EVENTS WHERE KIND = 'LOG_PROBE'; RETURN SQLROWCOUNT; END; $$",
        );
        const logged = emu.queryLog.list().filter((e) => e.sqlText.includes("LOG_PROBE"));
        expect(logged.map((e) => [e.outcome, e.sqlText.trimStart().slice(0, 17)])).toEqual([
          ["success", "EXECUTE IMMEDIATE"],
        ]);
      });

      it("procedures are kept in the catalog across a restart", async () => {
        const t = ctx.target();
        await p.execute(
          "CREATE OR REPLACE PROCEDURE KEEP_ME(X NUMBER) RETURNS NUMBER LANGUAGE SQL AS $$ BEGIN RETURN X + 1; END; $$",
        );
        await p.close();
        await t.emulator!.restart();
        p = await t.provider.connect();
        expect(await p.execute(`CALL ${db}.APP.KEEP_ME(41)`)).toEqual([{ KEEP_ME: 42 }]);
      });
    });
  });
}
