// Login, types, binds, errors, multi-statement requests and identifier folding, through snowflake-sdk only.
import { beforeAll, describe, expect, it } from "vitest";
import { generateRsaKeyPair } from "../testing/start-test-emulator";
import { contractTest, identity, refusal, type ContractContext } from "./support";
import type { TestConnection } from "./target";

type Col = {
  getName(): string;
  getType(): string;
  getPrecision(): number | null;
  getScale(): number | null;
  isNullable(): boolean;
};

export function protocolContract(ctx: ContractContext): void {
  describe("login", () => {
    it("password login opens a session in the consumer's account as its user", async () => {
      const { consumer } = ctx.target();
      const conn = await consumer.connect();
      try {
        const [row] = await conn.execute<{ U: string }>("SELECT CURRENT_USER() AS U");
        expect(row.U).toBe(consumer.user.toUpperCase());
        const me = await identity(conn);
        expect(me.locator).toMatch(/^[A-Z0-9]+$/);
        if (consumer.identifier) expect(me.identifier).toBe(consumer.identifier);
      } finally {
        await conn.close();
      }
    });

    it.skipIf(ctx.spec.providerAuth !== "keypair")(
      "key-pair login (SNOWFLAKE_JWT) with the provider's registered key",
      async () => {
        const { provider } = ctx.target();
        expect(provider.auth).toBe("keypair");
        const conn = await provider.connect();
        try {
          const [row] = await conn.execute<{ U: string }>("SELECT CURRENT_USER() AS U");
          expect(row.U).toBe(provider.user.toUpperCase());
          if (provider.identifier) expect((await identity(conn)).identifier).toBe(provider.identifier);
        } finally {
          await conn.close();
        }
      },
    );

    it("a wrong password is refused with 390100, no retry", async () => {
      const err = await refusal(ctx.target().consumer.connect({ password: `wrong-${Date.now()}` }));
      expect(err.code).toBe("390100");
      expect(err.message).toBe("Incorrect username or password was specified.");
    });

    it.skipIf(ctx.spec.providerAuth !== "keypair")(
      "a JWT signed by an unregistered key is refused with 390144",
      async () => {
        const err = await refusal(ctx.target().provider.connect({ privateKeyPem: generateRsaKeyPair().privateKeyPem }));
        expect(err.code).toBe("390144");
        expect(err.message).toMatch(/JWT token is invalid/);
      },
    );
  });

  describe("statements", () => {
    let conn: TestConnection;
    let db: string;
    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_PROTO`;
      conn = await t.provider.connect();
      await conn.execute(`CREATE DATABASE ${db}`);
      await conn.execute(`CREATE SCHEMA ${db}.S`);
      return () => conn.close();
    });

    it("types round-trip with Snowflake's column metadata", async () => {
      await conn.execute(
        `CREATE TABLE ${db}.S.TYPES (ID NUMBER(38,0) NOT NULL, AMOUNT NUMBER(10,2), RATIO FLOAT, LABEL VARCHAR(100), ` +
          "FLAG BOOLEAN, ON_DAY DATE, AT_LTZ TIMESTAMP_LTZ, AT_NTZ TIMESTAMP_NTZ, TAGS ARRAY, DOC VARIANT)",
      );
      // VALUES cannot hold PARSE_JSON in Snowflake: INSERT … SELECT.
      await conn.execute(
        `INSERT INTO ${db}.S.TYPES SELECT 1, 12345678.91, 0.125, 'héllo "q" ''s''', TRUE, '2024-02-29'::DATE, ` +
          "'2024-03-01T12:34:56.789+00:00'::TIMESTAMP_LTZ, '2024-03-01 12:34:56.789'::TIMESTAMP_NTZ, " +
          `PARSE_JSON('[1, "two", null]'), PARSE_JSON('{"k": {"n": [1, 2]}, "s": "x"}')`,
      );
      await conn.execute(`INSERT INTO ${db}.S.TYPES (ID) VALUES (2)`);
      const { rows, statement } = await conn.executeWithStatement<Record<string, unknown>>(
        `SELECT * FROM ${db}.S.TYPES ORDER BY ID`,
      );

      const columns = (statement.getColumns() as unknown as Col[]).map((c) => ({
        name: c.getName(),
        type: c.getType(),
        precision: c.getPrecision(),
        scale: c.getScale(),
        nullable: c.isNullable(),
      }));
      expect(columns.map((c) => [c.name, c.type])).toEqual([
        ["ID", "fixed"],
        ["AMOUNT", "fixed"],
        ["RATIO", "real"],
        ["LABEL", "text"],
        ["FLAG", "boolean"],
        ["ON_DAY", "date"],
        ["AT_LTZ", "timestamp_ltz"],
        ["AT_NTZ", "timestamp_ntz"],
        ["TAGS", "array"],
        ["DOC", "variant"],
      ]);
      expect(columns[0]).toMatchObject({ precision: 38, scale: 0, nullable: false });
      expect(columns[1]).toMatchObject({ precision: 10, scale: 2, nullable: true });
      expect(columns[6].scale).toBe(9);
      expect(columns[7].scale).toBe(9);

      const [full, empty] = rows;
      expect(full).toMatchObject({ ID: 1, AMOUNT: 12345678.91, RATIO: 0.125, LABEL: `héllo "q" 's'`, FLAG: true });
      expect(full.TAGS).toEqual([1, "two", null]);
      expect(full.DOC).toEqual({ k: { n: [1, 2] }, s: "x" });
      expect(full.ON_DAY).toBeInstanceOf(Date);
      expect((full.ON_DAY as Date).getTime()).toBe(Date.UTC(2024, 1, 29));
      expect((full.AT_LTZ as Date).getTime()).toBe(Date.UTC(2024, 2, 1, 12, 34, 56, 789));
      // NTZ has no zone: the SDK reads its wall clock as UTC.
      expect((full.AT_NTZ as Date).getTime()).toBe(Date.UTC(2024, 2, 1, 12, 34, 56, 789));
      expect(empty).toEqual({
        ID: 2,
        AMOUNT: null,
        RATIO: null,
        LABEL: null,
        FLAG: null,
        ON_DAY: null,
        AT_LTZ: null,
        AT_NTZ: null,
        TAGS: null,
        DOC: null,
      });
    });

    it("binds: ? and :N, TEXT/FIXED/REAL/BOOLEAN/null, array binds insert one row each", async () => {
      await conn.execute(`CREATE TABLE ${db}.S.BINDS (ID NUMBER(38,0), LABEL VARCHAR(50), RATIO FLOAT, FLAG BOOLEAN)`);
      const { statement } = await conn.executeWithStatement(
        `INSERT INTO ${db}.S.BINDS (ID, LABEL, RATIO, FLAG) VALUES (?, ?, ?, ?)`,
        [
          [1, "a", 1.5, true],
          [2, null, null, null],
          [3, "it's; -- not sql", -0.25, false],
        ],
      );
      expect(statement.getNumUpdatedRows()).toBe(3);
      await conn.execute(`INSERT INTO ${db}.S.BINDS (ID, LABEL, RATIO, FLAG) VALUES (:1, :2, :3, :4)`, [
        4,
        "colon",
        2.5,
        true,
      ]);

      expect(
        await conn.execute(`SELECT ID, LABEL, RATIO, FLAG FROM ${db}.S.BINDS WHERE LABEL = :1 OR ID = :2 ORDER BY ID`, [
          "it's; -- not sql",
          2,
        ]),
      ).toEqual([
        { ID: 2, LABEL: null, RATIO: null, FLAG: null },
        { ID: 3, LABEL: "it's; -- not sql", RATIO: -0.25, FLAG: false },
      ]);
      expect(
        await conn.execute(`SELECT COUNT(*) AS N FROM ${db}.S.BINDS WHERE FLAG = ? AND RATIO > ?`, [true, 1.25]),
      ).toEqual([{ N: 2 }]);
      expect(await conn.execute("SELECT ? AS T, ? AS N, ? AS R, ? AS B, ? AS Z", ["x", 42, 1.5, true, null])).toEqual([
        { T: "x", N: 42, R: 1.5, B: true, Z: null },
      ]);
    });

    it("a missing object is 002003 'does not exist or not authorized'", async () => {
      const err = await refusal(conn.execute(`SELECT * FROM ${db}.S.NOPE`));
      expect(err.code).toBe("002003");
      expect(err.message).toBe(`SQL compilation error:\nObject '${db}.S.NOPE' does not exist or not authorized.`);
      const share = await refusal(conn.execute(`DROP SHARE ${db}_NO_SUCH_SHARE`));
      expect(share).toMatchObject({
        code: "002003",
        sqlState: "02000",
        message: `SQL compilation error:\nShare '${db}_NO_SUCH_SHARE' does not exist or not authorized.`,
      });
    });

    // docs.snowflake.com (release note on redacted errors of secure objects) shows a query on a missing table
    // failing with "002003 (42S02): SQL compilation error: Object 'DB.SC.MYTABLE' does not exist or not authorized".
    contractTest(ctx, "missing-object-sqlstate", "a query on a missing table has SQLSTATE 42S02", async () => {
      const err = await refusal(conn.execute(`SELECT * FROM ${db}.S.NOPE`));
      expect(err.sqlState).toBe("42S02");
    });

    it("an existing object is 002002 'already exists'", async () => {
      await conn.execute(`CREATE TABLE ${db}.S.TWICE (X NUMBER)`);
      const err = await refusal(conn.execute(`CREATE TABLE ${db}.S.TWICE (X NUMBER)`));
      expect(err.code).toBe("002002");
      expect(err.sqlState).toBe("42710");
      expect(err.message).toMatch(/^SQL compilation error:\nObject '(.+\.)?TWICE' already exists\.$/);
      expect(await conn.execute(`CREATE TABLE IF NOT EXISTS ${db}.S.TWICE (X NUMBER)`)).toHaveLength(1);
    });

    it("a syntax error is 001003 with Snowflake's line/position message", async () => {
      const err = await refusal(conn.execute("CREATE TABLE ("));
      expect(err).toMatchObject({
        code: "001003",
        sqlState: "42000",
        message: "SQL compilation error:\nsyntax error line 1 at position 13 unexpected '('.",
      });
    });

    contractTest(ctx, "select-syntax-error", "a syntax error inside a SELECT is 001003 as well", async () => {
      const err = await refusal(conn.execute("SELECT ~"));
      expect(err).toMatchObject({
        code: "001003",
        sqlState: "42000",
        message: "SQL compilation error:\nsyntax error line 1 at position 8 unexpected '<EOF>'.",
      });
    });

    it.skipIf(ctx.spec.kind !== "emulator")(
      "an unsupported statement fails clearly, never silently succeeds (emulator)",
      async () => {
        const err = await refusal(conn.execute(`CREATE STAGE ${db}.S.STG`));
        expect(err.code).toBe("001003");
        expect(err.message).toMatch(/not supported by the Floe Snowflake emulator/);
        const undrop = await refusal(conn.execute(`UNDROP TABLE ${db}.S.TWICE`));
        expect(undrop.message).toMatch(/UNDROP is not supported by the Floe Snowflake emulator/);
      },
    );

    it("multi-statement: one request, one result per statement; without MULTI_STATEMENT_COUNT it is 000008", async () => {
      const results = await conn.executeMulti(
        `CREATE TABLE ${db}.S.MULTI (X NUMBER); INSERT INTO ${db}.S.MULTI (X) VALUES (1), (2); SELECT SUM(X) AS S FROM ${db}.S.MULTI`,
      );
      expect(results).toEqual([
        [{ status: "Table MULTI successfully created." }],
        [{ "number of rows inserted": 2 }],
        [{ S: 3 }],
      ]);
      const err = await refusal(conn.execute(`SELECT 1 AS A; SELECT 2 AS B`));
      expect(err.code).toBe("000008");
      expect(err.message).toMatch(/Actual statement count 2 did not match the desired statement count 1/);
    });

    it("identifiers: unquoted fold to upper case, quoted keep their case", async () => {
      await conn.execute(`CREATE TABLE ${db}.S.lower_t (col_a NUMBER)`);
      await conn.execute(`CREATE TABLE ${db}.S."MixedCase" ("colB" NUMBER)`);
      await conn.execute(`INSERT INTO ${db}.S.Lower_T (COL_A) VALUES (1)`);
      await conn.execute(`INSERT INTO ${db}.S."MixedCase" ("colB") VALUES (2)`);
      expect(await conn.execute(`SELECT col_a, "COL_A" AS "Again", col_a AS unquoted FROM ${db}.S."LOWER_T"`)).toEqual([
        { COL_A: 1, Again: 1, UNQUOTED: 1 },
      ]);
      expect(await conn.execute(`SELECT "colB" FROM ${db}.s."MixedCase"`)).toEqual([{ colB: 2 }]);
      const names = (await conn.execute<{ name: string }>(`SHOW TABLES IN SCHEMA ${db}.S`)).map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(["LOWER_T", "MixedCase"]));
      const table = await refusal(conn.execute(`SELECT * FROM ${db}.S.MixedCase`));
      expect(table.code).toBe("002003");
      expect(table.message).toMatch(/'.*MIXEDCASE' does not exist or not authorized/);
    });

    // An unquoted column name folds to upper case too, so it cannot reach a quoted lower/mixed-case column.
    contractTest(
      ctx,
      "quoted-column-case",
      "an unquoted column does not match a quoted mixed-case column",
      async () => {
        await conn.execute(`CREATE TABLE IF NOT EXISTS ${db}.S."MixedCol" ("colB" NUMBER)`);
        const err = await refusal(conn.execute(`SELECT colB FROM ${db}.S."MixedCol"`));
        expect(err.code).toBe("000904");
        expect(err.message).toMatch(/invalid identifier 'COLB'/);
      },
    );

    // Snowflake's docs (e.g. "SELECT schemaId FROM …" in the data-classification pages) show
    // "000904 (42000): SQL compilation error: error line 1 at position 7\ninvalid identifier 'SCHEMAID'".
    contractTest(ctx, "invalid-identifier", "an unknown column is 000904 'invalid identifier'", async () => {
      await conn.execute(`CREATE TABLE IF NOT EXISTS ${db}.S.COLS (X NUMBER)`);
      const err = await refusal(conn.execute(`SELECT NOPE_COL FROM ${db}.S.COLS`));
      expect(err).toMatchObject({
        code: "000904",
        sqlState: "42000",
        message: "SQL compilation error: error line 1 at position 7\ninvalid identifier 'NOPE_COL'",
      });
    });

    contractTest(
      ctx,
      "construct-functions",
      "ARRAY_CONSTRUCT and OBJECT_CONSTRUCT build semi-structured values",
      async () => {
        expect(await conn.execute("SELECT ARRAY_CONSTRUCT(1, 'two') AS A, OBJECT_CONSTRUCT('k', 1) AS O")).toEqual([
          { A: [1, "two"], O: { k: 1 } },
        ]);
      },
    );

    contractTest(ctx, "to-timestamp-string", "TO_TIMESTAMP_LTZ parses a timestamp string with an offset", async () => {
      const [row] = await conn.execute<{ T: Date }>("SELECT TO_TIMESTAMP_LTZ('2024-03-01T14:34:56.789+02:00') AS T");
      expect(row.T.getTime()).toBe(Date.UTC(2024, 2, 1, 12, 34, 56, 789));
    });

    contractTest(ctx, "distinct-from-bind", "IS [NOT] DISTINCT FROM takes a bind (null-safe comparison)", async () => {
      await conn.execute(`CREATE TABLE IF NOT EXISTS ${db}.S.NULLSAFE (ID NUMBER, LABEL VARCHAR)`);
      await conn.execute(`INSERT INTO ${db}.S.NULLSAFE (ID, LABEL) VALUES (1, NULL), (2, 'x')`);
      expect(await conn.execute(`SELECT ID FROM ${db}.S.NULLSAFE WHERE LABEL IS NOT DISTINCT FROM ?`, [null])).toEqual([
        { ID: 1 },
      ]);
    });

    // TIMESTAMP_INPUT_FORMAT AUTO accepts 'YYYY-MM-DD HH24:MI:SS.FF TZH:TZM' (sql-reference/date-time-input-output).
    contractTest(
      ctx,
      "timestamp-offset-input",
      "a timestamp string with a space before its UTC offset is accepted",
      async () => {
        const [row] = await conn.execute<{ T: Date }>("SELECT '2024-03-01 14:34:56.789 +02:00'::TIMESTAMP_LTZ AS T");
        expect(row.T.getTime()).toBe(Date.UTC(2024, 2, 1, 12, 34, 56, 789));
      },
    );
  });
}
