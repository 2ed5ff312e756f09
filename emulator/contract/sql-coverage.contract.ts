// SQL forms Floe's tools and the driver's own tests use that the emulator once lacked: TRUNCATE, VALUES in FROM,
// TO_TIME, and the error for a placeholder without a value.
//
// Documentation followed:
// - TRUNCATE TABLE: https://docs.snowflake.com/en/sql-reference/sql/truncate-table
// - VALUES (in FROM; columns COLUMN1, COLUMN2, … unless the alias names them): https://docs.snowflake.com/en/sql-reference/constructs/values
// - TO_TIME / TIME: https://docs.snowflake.com/en/sql-reference/functions/to_time
// - CREATE TABLE … CLONE (an independent copy of the source's columns and rows): https://docs.snowflake.com/en/sql-reference/sql/create-clone,
//   https://docs.snowflake.com/en/user-guide/object-clone
// - INSERT (multi-table): ALL / FIRST, WHEN … THEN, ELSE, OVERWRITE; FIRST without WHEN is a syntax error:
//   https://docs.snowflake.com/en/sql-reference/sql/insert-multi-table
// - OBJECT_CONSTRUCT (pairs with a NULL value are omitted) and OBJECT_CONSTRUCT_KEEP_NULL (kept):
//   https://docs.snowflake.com/en/sql-reference/functions/object_construct,
//   https://docs.snowflake.com/en/sql-reference/functions/object_construct_keep_null
// - CREATE TABLE column DEFAULT ("Specifies whether a default value is automatically inserted in the column if a
//   value is not explicitly specified via an INSERT or CREATE TABLE AS SELECT statement"):
//   https://docs.snowflake.com/en/sql-reference/sql/create-table
// - RFC-2822 timestamps, among the "Supported formats for AUTO detection" ('Thu, 21 Dec 2000 04:01:07 PM +0200'):
//   https://docs.snowflake.com/en/sql-reference/date-time-input-output
// - Row modes (Node.js driver): https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-consume
// - Binding variables (Node.js driver): https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-execute#binding-statement-parameters
//   The refusal of an unset placeholder, "002049 (42601): SQL compilation error: error line L at position P
//   Bind variable ? not set.", is what Snowflake's drivers report; no documentation page states it.
import { beforeAll, describe, expect } from "vitest";
import { contractTest, refusal, runAll, type ContractContext } from "./support";
import type { TestConnection } from "./target";

export function sqlCoverageContract(ctx: ContractContext): void {
  describe("SQL coverage: TRUNCATE, FROM VALUES, TO_TIME, unset binds", () => {
    let p: TestConnection;
    let db: string;
    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_SQL`;
      p = await t.provider.connect();
      await runAll(p, [
        `CREATE DATABASE ${db}`,
        `CREATE SCHEMA ${db}.S`,
        `CREATE TABLE ${db}.S.T (ID NUMBER(38,0), NAME VARCHAR(20))`,
      ]);
      return async () => {
        await p.close();
      };
    });

    // truncate-table: "Removes all rows from a table but leaves the table intact"; IF EXISTS makes a missing table no error.
    contractTest(
      ctx,
      null,
      "TRUNCATE [TABLE] [IF EXISTS] empties the table and keeps it; a missing table is 002003 unless IF EXISTS",
      async () => {
        await p.execute(`INSERT INTO ${db}.S.T (ID, NAME) VALUES (1, 'a'), (2, 'b')`);
        await p.execute(`TRUNCATE TABLE ${db}.S.T`);
        expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.S.T`)).toEqual([{ N: 0 }]);
        await p.execute(`INSERT INTO ${db}.S.T (ID, NAME) VALUES (3, 'c')`);
        await p.execute(`TRUNCATE ${db}.S.T`);
        expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.S.T`)).toEqual([{ N: 0 }]);
        expect((await refusal(p.execute(`TRUNCATE TABLE ${db}.S.NOPE`))).code).toBe("002003");
        await p.execute(`TRUNCATE TABLE IF EXISTS ${db}.S.NOPE`);
      },
    );

    // create-clone: "Creates a copy of an existing object"; the clone is independent of its source afterwards
    // (object-clone). A missing source is 002003; an existing target without OR REPLACE 002002, IF NOT EXISTS succeeds.
    contractTest(
      ctx,
      null,
      "CREATE TABLE … CLONE copies columns and rows; the clone and its source change apart",
      async () => {
        await p.execute(`CREATE TABLE ${db}.S.SRC (ID NUMBER(38,0) NOT NULL, NAME VARCHAR(20))`);
        await p.execute(`INSERT INTO ${db}.S.SRC (ID, NAME) VALUES (1, 'a'), (2, 'b')`);
        await p.execute(`CREATE TABLE ${db}.S.COPY1 CLONE ${db}.S.SRC`);
        expect(await p.execute(`SELECT ID, NAME FROM ${db}.S.COPY1 ORDER BY ID`)).toEqual([
          { ID: 1, NAME: "a" },
          { ID: 2, NAME: "b" },
        ]);
        await p.execute(`INSERT INTO ${db}.S.COPY1 (ID, NAME) VALUES (3, 'c')`);
        await p.execute(`DELETE FROM ${db}.S.SRC WHERE ID = 1`);
        expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.S.COPY1`)).toEqual([{ N: 3 }]);
        expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.S.SRC`)).toEqual([{ N: 1 }]);
        const cols = await p.execute<{ COLUMN_NAME: string; IS_NULLABLE: string }>(
          `SELECT COLUMN_NAME, IS_NULLABLE FROM ${db}.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'COPY1' ORDER BY ORDINAL_POSITION`,
        );
        expect(cols).toEqual([
          { COLUMN_NAME: "ID", IS_NULLABLE: "NO" },
          { COLUMN_NAME: "NAME", IS_NULLABLE: "YES" },
        ]);
        expect((await refusal(p.execute(`CREATE TABLE ${db}.S.COPY2 CLONE ${db}.S.NOPE`))).code).toBe("002003");
        expect((await refusal(p.execute(`CREATE TABLE ${db}.S.COPY1 CLONE ${db}.S.SRC`))).code).toBe("002002");
        await p.execute(`CREATE TABLE IF NOT EXISTS ${db}.S.COPY1 CLONE ${db}.S.SRC`);
        await p.execute(`CREATE OR REPLACE TABLE ${db}.S.COPY1 CLONE ${db}.S.SRC`);
        expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.S.COPY1`)).toEqual([{ N: 1 }]);
      },
    );

    // insert-multi-table: unconditional ALL runs every INTO; conditional FIRST only the first TRUE WHEN (ELSE when none);
    // conditional ALL every TRUE WHEN; OVERWRITE empties the targets first; "If the FIRST keyword is specified in an
    // unconditional multi-table insert … Snowflake returns a syntax error".
    contractTest(
      ctx,
      null,
      "INSERT ALL / INSERT FIRST route each source row to the INTO clauses as documented",
      async () => {
        const src = "SELECT COLUMN1 AS ID, COLUMN2 AS NAME FROM VALUES (1, 'a'), (2, 'b'), (3, 'c')";
        await runAll(
          p,
          ["A", "B", "C"].map((t) => `CREATE TABLE ${db}.S.M${t} (ID NUMBER(38,0), NAME VARCHAR(20))`),
        );
        const ids = async (t: string) =>
          (await p.execute<{ ID: number }>(`SELECT ID FROM ${db}.S.M${t} ORDER BY ID`)).map((r) => r.ID);
        await p.execute(`INSERT ALL INTO ${db}.S.MA INTO ${db}.S.MB (ID, NAME) VALUES (ID, NAME) ${src}`);
        expect([await ids("A"), await ids("B")]).toEqual([
          [1, 2, 3],
          [1, 2, 3],
        ]);
        await p.execute(
          `INSERT OVERWRITE FIRST WHEN ID < 2 THEN INTO ${db}.S.MA WHEN ID < 3 THEN INTO ${db}.S.MB ` +
            `ELSE INTO ${db}.S.MC (ID) VALUES (ID) ${src}`,
        );
        expect([await ids("A"), await ids("B"), await ids("C")]).toEqual([[1], [2], [3]]);
        await p.execute(
          `INSERT OVERWRITE ALL WHEN ID < 2 THEN INTO ${db}.S.MA WHEN ID < 3 THEN INTO ${db}.S.MB INTO ${db}.S.MC ${src}`,
        );
        expect([await ids("A"), await ids("B"), await ids("C")]).toEqual([[1], [1, 2], [1, 2]]);
        expect((await refusal(p.execute(`INSERT FIRST INTO ${db}.S.MA ${src}`))).code).toBe("001003");
      },
    );

    // object_construct_keep_null's example: OBJECT_CONSTRUCT('key_1', 'one', 'key_2', NULL) is {"key_1": "one"};
    // the _KEEP_NULL form keeps "key_2": null. Per-step outcome objects of a scripting block rely on the former.
    contractTest(
      ctx,
      null,
      "OBJECT_CONSTRUCT omits pairs whose value is NULL; OBJECT_CONSTRUCT_KEEP_NULL keeps them",
      async () => {
        const [row] = await p.execute(
          "SELECT OBJECT_CONSTRUCT('key_1', 'one', 'key_2', NULL) AS WITHOUT_KEEP_NULL, " +
            "OBJECT_CONSTRUCT_KEEP_NULL('key_1', 'one', 'key_2', NULL) AS KEEP_NULL, " +
            "OBJECT_CONSTRUCT('step', 1, 'code', ?) AS BOUND",
          [null],
        );
        const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
        expect(parse(row.WITHOUT_KEEP_NULL)).toEqual({ key_1: "one" });
        expect(parse(row.KEEP_NULL)).toEqual({ key_1: "one", key_2: null });
        expect(parse(row.BOUND)).toEqual({ step: 1 });
      },
    );

    // values: "SELECT * FROM (VALUES …)" and "FROM VALUES …" name the columns COLUMN1, COLUMN2…; an alias may name them.
    contractTest(
      ctx,
      null,
      "SELECT … FROM VALUES names columns COLUMN1…, joins, filters, and takes an alias with column names",
      async () => {
        expect(await p.execute("SELECT * FROM VALUES (1, 'one'), (2, 'two') ORDER BY COLUMN1")).toEqual([
          { COLUMN1: 1, COLUMN2: "one" },
          { COLUMN1: 2, COLUMN2: "two" },
        ]);
        expect(await p.execute("SELECT COLUMN2 FROM VALUES (1, 'one'), (2, 'two') WHERE COLUMN1 = 2")).toEqual([
          { COLUMN2: "two" },
        ]);
        expect(await p.execute("SELECT v.N, v.S FROM VALUES (7, 'seven') AS v (N, S)")).toEqual([{ N: 7, S: "seven" }]);
        await p.execute(
          `INSERT INTO ${db}.S.T (ID, NAME) SELECT COLUMN1, COLUMN2 FROM VALUES (10, 'ten'), (11, 'eleven')`,
        );
        const joined = await p.execute(
          `SELECT t.NAME, v.COLUMN2 AS DE FROM ${db}.S.T t JOIN VALUES (10, 'zehn') v ON v.COLUMN1 = t.ID`,
        );
        expect(joined).toEqual([{ NAME: "ten", DE: "zehn" }]);
      },
    );

    // to_time: TO_TIME of a string and of a timestamp (the time part).
    contractTest(ctx, null, "TO_TIME reads 'HH24:MI:SS' strings and takes the time of a timestamp", async () => {
      const { rows } = await p.executeWithStatement<Record<string, string>>(
        "SELECT TO_TIME('13:30:05') AS A, TO_TIME('2024-01-02 03:04:05'::TIMESTAMP_NTZ) AS B",
        undefined,
        { fetchAsString: ["Date"] },
      );
      expect(rows).toEqual([{ A: "13:30:05", B: "03:04:05" }]);
    });

    // Node.js driver (nodejs-driver-consume, rowMode): Snowflake sends both columns named FOO; the driver's
    // "object_with_renamed_duplicated_columns" row mode renames the second FOO_2 on the client.
    contractTest(
      ctx,
      null,
      "duplicate output column names: both named FOO in the metadata, FOO and FOO_2 in renamed-duplicates rows",
      async () => {
        const plain = await p.executeWithStatement<Record<string, unknown>>("SELECT 1 AS FOO, 2 AS FOO", undefined, {
          rowMode: "array",
        });
        expect(plain.statement.getColumns()!.map((c) => c.getName())).toEqual(["FOO", "FOO"]);
        expect(plain.rows).toEqual([[1, 2]]);
        const renamed = await p.executeWithStatement<Record<string, unknown>>("SELECT 1 AS FOO, 2 AS FOO", undefined, {
          rowMode: "object_with_renamed_duplicated_columns",
        });
        expect(renamed.rows).toEqual([{ FOO: 1, FOO_2: 2 }]);
      },
    );

    contractTest(
      ctx,
      null,
      "a placeholder without a value is refused with 002049 / 42601 'Bind variable ? not set.' at its position",
      async () => {
        const err = await refusal(p.execute("SELECT ? AS A, ? AS B", [1]));
        expect(err).toMatchObject({ code: "002049", sqlState: "42601" });
        expect(err.message).toBe("SQL compilation error: error line 1 at position 15\nBind variable ? not set.");
      },
    );

    // create-table, DEFAULT: an INSERT that omits the column, or says DEFAULT, gets the default; a clone keeps it.
    contractTest(ctx, null, "CREATE TABLE column DEFAULT fills omitted columns and DEFAULT in VALUES", async () => {
      await p.execute(
        `CREATE TABLE ${db}.S.WITH_DEFAULTS (ID NUMBER(38,0), STATUS VARCHAR(10) DEFAULT 'new', N NUMBER(38,0) DEFAULT -1)`,
      );
      await p.execute(`INSERT INTO ${db}.S.WITH_DEFAULTS (ID) VALUES (1)`);
      await p.execute(`INSERT INTO ${db}.S.WITH_DEFAULTS (ID, STATUS, N) VALUES (2, DEFAULT, 5)`);
      await p.execute(`CREATE TABLE ${db}.S.DEFAULTS_COPY CLONE ${db}.S.WITH_DEFAULTS`);
      await p.execute(`INSERT INTO ${db}.S.DEFAULTS_COPY (ID) VALUES (3)`);
      expect(await p.execute(`SELECT ID, STATUS, N FROM ${db}.S.WITH_DEFAULTS ORDER BY ID`)).toEqual([
        { ID: 1, STATUS: "new", N: -1 },
        { ID: 2, STATUS: "new", N: 5 },
      ]);
      expect(await p.execute(`SELECT ID, STATUS, N FROM ${db}.S.DEFAULTS_COPY WHERE ID = 3`)).toEqual([
        { ID: 3, STATUS: "new", N: -1 },
      ]);
    });

    // date-time-input-output: AUTO detection reads RFC-2822 text, with a 12-hour clock and AM/PM or a 24-hour clock.
    contractTest(ctx, null, "RFC-2822 timestamp strings are read by casts and TO_TIMESTAMP_*", async () => {
      const [row] = await p.execute<{ A: Date; B: Date; C: Date }>(
        `SELECT 'Thu, 21 Dec 2000 04:01:07 PM +0200'::TIMESTAMP_LTZ AS A, TO_TIMESTAMP_LTZ('Thu, 21 Dec 2000 16:01:07 +0200') AS B,
                TO_TIMESTAMP_TZ(COLUMN1) AS C FROM VALUES ('Thu, 21 Dec 2000 04:01:07 AM -0130')`,
      );
      expect([row.A, row.B, row.C].map((d) => new Date(d as unknown as string).toISOString())).toEqual([
        "2000-12-21T14:01:07.000Z",
        "2000-12-21T14:01:07.000Z",
        "2000-12-21T05:31:07.000Z",
      ]);
    });
  });
}
