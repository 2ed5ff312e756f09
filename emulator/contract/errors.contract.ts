// Errors in Snowflake's words only: whatever fails, the client gets a six-digit Snowflake code, a SQLSTATE and a
// message that never carries the emulator's insides (DuckDB's error classes, its catalog, the internal
// "<LOCATOR>$<DB>$<SCHEMA>" schema names).
//
// Documentation followed:
// - Error shape (code, sqlState, message) as the Node.js driver hands it over: https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-execute
// - Missing objects: "002003 (42S02): SQL compilation error: Object '…' does not exist or not authorized."
//   https://docs.snowflake.com/en/release-notes/bcr-bundles/un-bundled/bcr-1858
// - "Object '…' already exists." 002002 (42710): https://docs.snowflake.com/en/sql-reference/identifiers-syntax
// - Sharing a non-secure view: https://docs.snowflake.com/en/release-notes/bcr-bundles/2023_06/bcr-1220
import { beforeAll, describe, expect } from "vitest";
import { contractTest, identity, refusal, runAll, type ContractContext, type SnowflakeFailure } from "./support";
import type { TestConnection } from "./target";

/** Words and names that only the emulator's engine would say. */
const INSIDES =
  /Binder Error|Catalog Error|Conversion Error|Parser Error|Constraint Error|Invalid Input Error|Out of Range Error|duckdb|\bmain\.|\$[A-Z0-9_]+\$|json_object|json_array|TIMESTAMPTZ/i;

function expectSnowflakeShaped(err: SnowflakeFailure, locator: string): void {
  expect(err.code).toMatch(/^\d{6}$/);
  expect(err.sqlState).toMatch(/^[0-9A-Z]{5}$/);
  expect(err.message).not.toMatch(INSIDES);
  expect(err.message).not.toContain(`${locator}$`);
}

export function errorsContract(ctx: ContractContext): void {
  describe("errors never leak the engine", () => {
    let p: TestConnection;
    let db: string;
    let locator: string;
    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_ERR`;
      p = await t.provider.connect();
      locator = (await identity(p)).locator;
      await runAll(p, [
        `CREATE DATABASE ${db}`,
        `CREATE SCHEMA ${db}.S`,
        `CREATE TABLE ${db}.S.T (ID NUMBER(38,0) NOT NULL, NAME VARCHAR(20), DOC VARIANT)`,
        `INSERT INTO ${db}.S.T (ID, NAME) VALUES (1, 'one')`,
      ]);
      return async () => {
        await p.close();
      };
    });

    contractTest(
      ctx,
      null,
      "a batch of bad statements each answers a Snowflake code, SQLSTATE and a message without engine internals",
      async () => {
        const bad = [
          `SELECT 'abc'::NUMBER`,
          `SELECT NOPE_FUNCTION_X(1)`,
          `SELECT ID FROM ${db}.S.NOPE_TABLE`,
          `SELECT NOPE_COLUMN FROM ${db}.S.T`,
          `SELECT FROM WHERE`,
          `INSERT INTO ${db}.S.T (ID, NAME) VALUES (NULL, 'x')`,
          `SELECT ID + 'x' FROM ${db}.S.T`,
          `SELECT ABS('a', 'b')`,
          `CREATE TABLE ${db}.S.T (ID NUMBER)`,
          `SELECT * FROM ${db}.S.T t1 JOIN ${db}.S.T t2 USING (NOPE)`,
        ];
        for (const sql of bad) {
          const err = await refusal(p.execute(sql));
          try {
            expectSnowflakeShaped(err, locator);
          } catch (e) {
            throw new Error(`${sql} → ${err.code} ${err.message}: ${(e as Error).message}`);
          }
        }
      },
    );

    // bcr-1858 (query on a missing table: 002003 / 42S02) and identifiers-syntax (002002 / 42710).
    contractTest(
      ctx,
      null,
      "documented codes: missing table in a query 002003/42S02, existing table 002002/42710",
      async () => {
        expect(await refusal(p.execute(`SELECT ID FROM ${db}.S.NOPE_TABLE`))).toMatchObject({
          code: "002003",
          sqlState: "42S02",
        });
        expect(await refusal(p.execute(`CREATE TABLE ${db}.S.T (ID NUMBER)`))).toMatchObject({
          code: "002002",
          sqlState: "42710",
        });
      },
    );

    contractTest(
      ctx,
      null,
      "a value that is not a number and a NULL in a NOT NULL column name the problem, not the engine",
      async () => {
        const numeric = await refusal(p.execute("SELECT 'abc'::NUMBER"));
        expect(numeric.message).toMatch(/'abc'/);
        expect(numeric.message).toMatch(/not recognized/i);
        const notNull = await refusal(p.execute(`INSERT INTO ${db}.S.T (ID, NAME) VALUES (NULL, 'x')`));
        expect(notNull.message).toMatch(/NULL/);
        expect(notNull.message).toMatch(/non-nullable/i);
      },
    );
  });
}
