// Secure functions in a share as Floe's catalog functions use them (lib/lake/secure-function-objects.ts): the
// context functions inside a shared secure function are the consumer's (account, organisation, account name,
// region), a scalar SQL UDF whose body is a query expression is called through the share with constant
// arguments, CREATE OR REPLACE … COPY GRANTS keeps the share's USAGE, and REVOKE USAGE ON FUNCTION … FROM SHARE
// takes the function away from the consumer (the drift Floe repairs).
//
// Documentation followed:
// - CREATE FUNCTION (SECURE, COPY GRANTS, RETURNS TABLE): https://docs.snowflake.com/en/sql-reference/sql/create-function
// - Grants copied by CREATE OR REPLACE … COPY GRANTS apply to functions too:
//   https://docs.snowflake.com/en/release-notes/bcr-bundles/2026_08/bcr-2433
// - Scalar SQL UDFs: the body is an expression, which may be a query expression; called with a column it acts as a
//   correlated subquery (so the catalog calls it with constants):
//   https://docs.snowflake.com/en/developer-guide/udf/sql/udf-sql-troubleshooting
// - Secure UDFs shared with consumers: https://docs.snowflake.com/en/developer-guide/secure-udf-procedure
// - GRANT / REVOKE USAGE ON FUNCTION … TO | FROM SHARE: https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-share,
//   https://docs.snowflake.com/en/sql-reference/sql/revoke-privilege-share
// - Context functions: https://docs.snowflake.com/en/sql-reference/functions/current_account,
//   …/current_region, …/current_account_name, …/current_organization_name
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

export function sharedFunctionsContract(ctx: ContractContext): void {
  describe("secure functions in a share: consumer context, query bodies, COPY GRANTS, REVOKE", () => {
    let p: TestConnection;
    let c: TestConnection;
    let db: string;
    let mount: string;
    let share: string;
    let consumer: Identity;
    let provider: Identity;

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_SFN`;
      mount = `${t.prefix}_SFN_MNT`;
      share = `${t.prefix}_SFN_SHARE`;
      p = await t.provider.connect();
      c = await t.consumer.connect();
      provider = await identity(p);
      consumer = await identity(c);
      await createScopedDatabase(p, db);
      await entitle(p, db, consumer.locator, "gamma");
      await runAll(p, [
        // The caller's context as one string: what the catalog functions match ENTITLEMENTS against.
        `CREATE SECURE FUNCTION ${db}.SHARED.CALLER() RETURNS VARCHAR AS ` +
          `$$CURRENT_ACCOUNT() || '|' || CURRENT_ORGANIZATION_NAME() || '.' || CURRENT_ACCOUNT_NAME() || '|' || CURRENT_REGION()$$`,
        // A query-expression body: the entitled total of one tenant, for the calling account.
        `CREATE SECURE FUNCTION ${db}.SHARED.TOTAL_OF(FOR_TENANT VARCHAR) RETURNS NUMBER(12,2) AS $$` +
          `(SELECT SUM(e.AMOUNT) FROM ${db}.PRIVATE.EVENTS e WHERE e.TENANT = FOR_TENANT AND e.TENANT IN ` +
          `(SELECT n.TENANT FROM ${db}.PRIVATE.ENTITLEMENTS n WHERE n.ACCOUNT_LOCATOR = CURRENT_ACCOUNT()))$$`,
        `CREATE SHARE ${share}`,
        `GRANT USAGE ON DATABASE ${db} TO SHARE ${share}`,
        `GRANT USAGE ON SCHEMA ${db}.SHARED TO SHARE ${share}`,
        `GRANT USAGE ON FUNCTION ${db}.SHARED.CALLER() TO SHARE ${share}`,
        `GRANT USAGE ON FUNCTION ${db}.SHARED.TOTAL_OF(VARCHAR) TO SHARE ${share}`,
        `ALTER SHARE ${share} ADD ACCOUNTS = ${consumer.identifier}`,
      ]);
      await c.execute(`CREATE DATABASE ${mount} FROM SHARE ${provider.identifier}.${share}`);
      return async () => {
        await p.close();
        await c.close();
      };
    });

    const functionGrants = async () =>
      (await p.execute<{ privilege: string; granted_on: string; name: string }>(`SHOW GRANTS TO SHARE ${share}`))
        .filter((g) => g.granted_on === "FUNCTION")
        // Listed by name, possibly with its signature after it: compare the part before "(".
        .map((g) => `${g.privilege} ${g.name.replace(/"/g, "").replace(/\(.*$/, "")}`)
        .sort();

    it("inside a shared secure function the context functions are the consumer's, not the provider's", async () => {
      const [row] = await c.execute<{ V: string }>(`SELECT ${mount}.SHARED.CALLER() AS V`);
      expect(row.V).toBe(`${consumer.locator}|${consumer.identifier}|${consumer.region}`);
      const [own] = await p.execute<{ V: string }>(`SELECT ${db}.SHARED.CALLER() AS V`);
      expect(own.V).toBe(`${provider.locator}|${provider.identifier}|${provider.region}`);
    });

    it("a query-expression scalar UDF called with constants through the share returns the consumer's entitled total", async () => {
      const total = async (tenant: string) =>
        (await c.execute<{ T: number | null }>(`SELECT ${mount}.SHARED.TOTAL_OF(?) AS T`, [tenant]))[0].T;
      expect(Number(await total("gamma"))).toBe(90.75);
      expect(await total("alpha")).toBeNull(); // not entitled to this account
      // The provider is entitled to nothing: the same call on its own database finds no rows.
      expect((await p.execute<{ T: number | null }>(`SELECT ${db}.SHARED.TOTAL_OF('gamma') AS T`))[0].T).toBeNull();
    });

    it("CREATE OR REPLACE SECURE FUNCTION … COPY GRANTS keeps the share's USAGE; the consumer calls the new body", async () => {
      await p.execute(
        `CREATE OR REPLACE SECURE FUNCTION ${db}.SHARED.CALLER() COPY GRANTS RETURNS VARCHAR AS $$'v2:' || CURRENT_ACCOUNT()$$`,
      );
      expect(await functionGrants()).toEqual([`USAGE ${db}.SHARED.CALLER`, `USAGE ${db}.SHARED.TOTAL_OF`]);
      expect((await c.execute<{ V: string }>(`SELECT ${mount}.SHARED.CALLER() AS V`))[0].V).toBe(
        `v2:${consumer.locator}`,
      );
    });

    it("REVOKE USAGE ON FUNCTION … FROM SHARE: the grant is gone and the consumer can no longer call it; granting again restores it", async () => {
      await p.execute(`REVOKE USAGE ON FUNCTION ${db}.SHARED.TOTAL_OF(VARCHAR) FROM SHARE ${share}`);
      expect(await functionGrants()).toEqual([`USAGE ${db}.SHARED.CALLER`]);
      await refusal(c.execute(`SELECT ${mount}.SHARED.TOTAL_OF('gamma') AS T`));
      await p.execute(`GRANT USAGE ON FUNCTION ${db}.SHARED.TOTAL_OF(VARCHAR) TO SHARE ${share}`);
      expect(Number((await c.execute<{ T: number }>(`SELECT ${mount}.SHARED.TOTAL_OF('gamma') AS T`))[0].T)).toBe(
        90.75,
      );
    });
  });
}
