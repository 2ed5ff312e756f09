// SQL UDFs: scalar and tabular functions, secure functions shared with a consumer (callable, body never shown),
// USAGE grants on functions, CURRENT_ACCOUNT() inside a shared function, and GET_DDL with secure bodies hidden.
//
// Documentation followed:
// - CREATE FUNCTION (SQL, SECURE, RETURNS TABLE): https://docs.snowflake.com/en/sql-reference/sql/create-function
// - Tabular SQL UDFs, called as TABLE(f(…)) in FROM: https://docs.snowflake.com/developer-guide/udf/sql/udf-sql-tabular-functions.html
// - Secure UDFs (body visible only to the owning role in SHOW FUNCTIONS, DESCRIBE FUNCTION, INFORMATION_SCHEMA.FUNCTIONS):
//   https://docs.snowflake.com/en/developer-guide/secure-udf-procedure
// - GRANT <privileges> (USAGE ON FUNCTION … TO SHARE | ROLE): https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-share
// - SHOW USER FUNCTIONS: https://docs.snowflake.com/en/sql-reference/sql/show-user-functions
// - DESCRIBE FUNCTION: https://docs.snowflake.com/en/sql-reference/sql/desc-function
// - INFORMATION_SCHEMA.FUNCTIONS: https://docs.snowflake.com/en/sql-reference/info-schema/functions
// - GET_DDL: https://docs.snowflake.com/sql-reference/functions/get_ddl.html
// - CURRENT_ACCOUNT (the session's account): https://docs.snowflake.com/en/sql-reference/functions/current_account
import { beforeAll, describe, expect, it } from "vitest";
import {
  createScopedDatabase,
  entitle,
  identity,
  refusal,
  runAll,
  type ContractContext,
  type Identity,
} from "./support";
import type { TestConnection } from "./target";

/** Whatever a statement answers, rows or error, as text: to check a body never appears in it. */
async function answerText(work: Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await work);
  } catch (e) {
    return JSON.stringify({ code: (e as { code?: string }).code, message: (e as Error).message });
  }
}

export function udfsContract(ctx: ContractContext): void {
  describe("SQL UDFs", () => {
    let p: TestConnection;
    let c: TestConnection;
    let prefix: string;
    let db: string;
    let mount: string;
    let provider: Identity;
    let consumer: Identity;
    // A marker only the secure function's body contains.
    const SECRET = "FLOE_SECRET_MARKER";

    beforeAll(async () => {
      const t = ctx.target();
      prefix = t.prefix;
      db = `${prefix}_UDF`;
      mount = `${prefix}_UDF_MNT`;
      p = await t.provider.connect();
      c = await t.consumer.connect();
      provider = await identity(p);
      consumer = await identity(c);
      await createScopedDatabase(p, db);
      await entitle(p, db, consumer.locator, "alpha");
      await runAll(p, [
        `CREATE FUNCTION ${db}.SHARED.DOUBLE_IT(X NUMBER) RETURNS NUMBER AS 'X * 2'`,
        `CREATE FUNCTION ${db}.SHARED.EVENTS_OF(TENANT_NAME VARCHAR) RETURNS TABLE (ID NUMBER, AMOUNT NUMBER(10,2)) ` +
          `AS 'SELECT ID, AMOUNT FROM ${db}.PRIVATE.EVENTS WHERE TENANT = TENANT_NAME'`,
        // The consumer's rows through the entitlement table, keyed by the caller's CURRENT_ACCOUNT().
        `CREATE SECURE FUNCTION ${db}.SHARED.MY_EVENTS() RETURNS TABLE (TENANT VARCHAR, ID NUMBER) AS $$ ` +
          `SELECT e.TENANT, e.ID FROM ${db}.PRIVATE.EVENTS e JOIN ${db}.PRIVATE.ENTITLEMENTS n ON n.TENANT = e.TENANT ` +
          `WHERE n.ACCOUNT_LOCATOR = CURRENT_ACCOUNT() AND '${SECRET}' IS NOT NULL $$`,
        `CREATE SECURE FUNCTION ${db}.SHARED.WHO_AM_I() RETURNS VARCHAR AS 'CURRENT_ACCOUNT()'`,
        `CREATE SHARE ${prefix}_UDF_SHARE`,
        `GRANT USAGE ON DATABASE ${db} TO SHARE ${prefix}_UDF_SHARE`,
        `GRANT USAGE ON SCHEMA ${db}.SHARED TO SHARE ${prefix}_UDF_SHARE`,
        `GRANT USAGE ON FUNCTION ${db}.SHARED.MY_EVENTS() TO SHARE ${prefix}_UDF_SHARE`,
        `GRANT USAGE ON FUNCTION ${db}.SHARED.WHO_AM_I() TO SHARE ${prefix}_UDF_SHARE`,
        `GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_V TO SHARE ${prefix}_UDF_SHARE`,
        `ALTER SHARE ${prefix}_UDF_SHARE ADD ACCOUNTS = ${consumer.identifier}`,
      ]);
      await c.execute(`CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${prefix}_UDF_SHARE`);
      return async () => {
        await p.close();
        await c.close();
      };
    });

    it("a scalar SQL UDF is inlined with its argument; a table function is called as TABLE(f(…)) with binds", async () => {
      expect(Number((await p.execute<{ V: number }>(`SELECT ${db}.SHARED.DOUBLE_IT(21) AS V`))[0].V)).toBe(42);
      const rows = await p.execute<{ ID: number; AMOUNT: number }>(
        `SELECT ID, AMOUNT FROM TABLE(${db}.SHARED.EVENTS_OF(?)) ORDER BY ID`,
        ["gamma"],
      );
      expect(rows.map((r) => [Number(r.ID), Number(r.AMOUNT)])).toEqual([
        [4, 40.75],
        [5, 50],
      ]);
      const aliased = await p.execute<{ ID: number }>(
        `SELECT e.ID FROM TABLE(${db}.SHARED.EVENTS_OF('alpha')) AS e ORDER BY e.ID`,
      );
      expect(aliased.map((r) => Number(r.ID))).toEqual([1, 2]);
    });

    it("only secure functions can be shared", async () => {
      expect(
        (
          await refusal(
            p.execute(`GRANT USAGE ON FUNCTION ${db}.SHARED.DOUBLE_IT(NUMBER) TO SHARE ${prefix}_UDF_SHARE`),
          )
        ).code,
      ).toMatch(/^00\d{4}$/);
    });

    it("the consumer calls the shared secure functions: the table function returns its rows, CURRENT_ACCOUNT() inside is the consumer's", async () => {
      const rows = await c.execute<{ TENANT: string; ID: number }>(
        `SELECT TENANT, ID FROM TABLE(${mount}.SHARED.MY_EVENTS()) ORDER BY ID`,
      );
      expect(rows.map((r) => [r.TENANT, Number(r.ID)])).toEqual([
        ["alpha", 1],
        ["alpha", 2],
      ]);
      expect((await c.execute<{ A: string }>(`SELECT ${mount}.SHARED.WHO_AM_I() AS A`))[0].A).toBe(consumer.locator);
      // A function the share does not grant cannot be called.
      await refusal(c.execute(`SELECT ${mount}.SHARED.DOUBLE_IT(1)`));
    });

    it("the consumer never sees a shared secure function's body: SHOW USER FUNCTIONS, DESCRIBE FUNCTION, INFORMATION_SCHEMA.FUNCTIONS, GET_DDL", async () => {
      const shown = await c.execute<{ name: string; is_secure: string; is_table_function: string }>(
        `SHOW USER FUNCTIONS IN SCHEMA ${mount}.SHARED`,
      );
      expect(shown.map((f) => f.name).sort()).toEqual(["MY_EVENTS", "WHO_AM_I"]);
      expect(shown.find((f) => f.name === "MY_EVENTS")).toMatchObject({ is_secure: "Y", is_table_function: "Y" });
      const described = await c.execute<{ property: string; value: string }>(
        `DESCRIBE FUNCTION ${mount}.SHARED.MY_EVENTS()`,
      );
      expect(described.length).toBeGreaterThan(0);
      expect(JSON.stringify(described)).not.toContain(SECRET);
      const info = await c.execute<{ FUNCTION_NAME: string; FUNCTION_DEFINITION: string | null }>(
        `SELECT FUNCTION_NAME, FUNCTION_DEFINITION FROM ${mount}.INFORMATION_SCHEMA.FUNCTIONS WHERE FUNCTION_NAME = 'MY_EVENTS'`,
      );
      expect(info).toEqual([{ FUNCTION_NAME: "MY_EVENTS", FUNCTION_DEFINITION: null }]);
      expect(
        await answerText(c.execute(`SELECT GET_DDL('FUNCTION', '${mount}.SHARED.MY_EVENTS()') AS D`)),
      ).not.toContain(SECRET);
      expect(await answerText(c.execute(`SELECT GET_DDL('VIEW', '${mount}.SHARED.EVENTS_V') AS D`))).not.toContain(
        "ENTITLEMENTS",
      );
    });

    it("the owner sees the body (DESCRIBE FUNCTION, INFORMATION_SCHEMA.FUNCTIONS, GET_DDL of the function, the secure view and a table)", async () => {
      const described = await p.execute<{ property: string; value: string }>(
        `DESCRIBE FUNCTION ${db}.SHARED.MY_EVENTS()`,
      );
      expect(described.find((r) => r.property === "body")?.value).toContain(SECRET);
      const info = await p.execute<{ FUNCTION_DEFINITION: string; IS_SECURE: string }>(
        `SELECT FUNCTION_DEFINITION, IS_SECURE FROM ${db}.INFORMATION_SCHEMA.FUNCTIONS WHERE FUNCTION_NAME = 'MY_EVENTS'`,
      );
      expect(info[0].FUNCTION_DEFINITION).toContain(SECRET);
      expect(info[0].IS_SECURE).toBe("YES");
      const [fn] = await p.execute<{ D: string }>(`SELECT GET_DDL('FUNCTION', '${db}.SHARED.MY_EVENTS()') AS D`);
      expect(fn.D).toMatch(/^CREATE OR REPLACE SECURE FUNCTION/i);
      expect(fn.D).toContain(SECRET);
      const [view] = await p.execute<{ D: string }>(`SELECT GET_DDL('VIEW', '${db}.SHARED.EVENTS_V') AS D`);
      expect(view.D).toMatch(/SECURE VIEW/i);
      expect(view.D).toContain("ENTITLEMENTS");
      const [tbl] = await p.execute<{ D: string }>(`SELECT GET_DDL('TABLE', '${db}.PRIVATE.ENTITLEMENTS') AS D`);
      expect(tbl.D).toMatch(/^create or replace TABLE ENTITLEMENTS \(/i);
      expect(tbl.D).toContain("ACCOUNT_LOCATOR VARCHAR(64) NOT NULL");
    });

    it("a role needs USAGE on a function to call it; GRANT USAGE ON FUNCTION … TO ROLE gives it", async () => {
      const role = `${prefix}_UDF_CALLER`;
      const [me] = await p.execute<{ U: string; R: string }>("SELECT CURRENT_USER() AS U, CURRENT_ROLE() AS R");
      await runAll(p, [
        `CREATE ROLE ${role}`,
        `GRANT ROLE ${role} TO USER ${me.U}`,
        `GRANT USAGE ON DATABASE ${db} TO ROLE ${role}`,
        `GRANT USAGE ON SCHEMA ${db}.SHARED TO ROLE ${role}`,
      ]);
      const call = `SELECT ${db}.SHARED.DOUBLE_IT(5) AS V`;
      const asRole = async <T>(work: () => Promise<T>) => {
        await runAll(p, [`USE ROLE ${role}`, "USE SECONDARY ROLES NONE"]);
        try {
          return await work();
        } finally {
          await runAll(p, [`USE ROLE ${me.R}`, "USE SECONDARY ROLES ALL"]);
        }
      };
      try {
        await asRole(() => refusal(p.execute(call)));
        await p.execute(`GRANT USAGE ON FUNCTION ${db}.SHARED.DOUBLE_IT(NUMBER) TO ROLE ${role}`);
        expect(Number((await asRole(() => p.execute<{ V: number }>(call)))[0].V)).toBe(10);
      } finally {
        await p.execute(`DROP ROLE ${role}`);
      }
    });
  });
}
