// The SQL forms Floe's identity layout (lake migration 7) and erasure job depend on, checked on every
// target so the product does not rest on an emulator guess.
//
// Documentation followed:
// - IS [ NOT ] DISTINCT FROM (null-safe equality): https://docs.snowflake.com/en/sql-reference/functions/is-distinct-from
// - DELETE (… WHERE <condition>, subqueries in the condition): https://docs.snowflake.com/en/sql-reference/sql/delete
// - CREATE VIEW … COPY GRANTS ("retains the access permissions from the original view"):
//   https://docs.snowflake.com/en/sql-reference/sql/create-view
// - VALUES in FROM (COLUMN1, COLUMN2 … names): https://docs.snowflake.com/en/sql-reference/constructs/values
import { beforeAll, describe, expect, it } from "vitest";
import { runAll, type ContractContext } from "./support";
import type { TestConnection } from "./target";

export function identityLayoutContract(ctx: ContractContext): void {
  describe("identity layout SQL", () => {
    let p: TestConnection;
    let db: string;

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_IDENTITY`;
      p = await t.provider.connect();
      await runAll(p, [
        `CREATE DATABASE ${db}`,
        `CREATE TABLE ${db}.PUBLIC.IDENTITIES (K VARCHAR, EMAIL VARCHAR)`,
        `CREATE TABLE ${db}.PUBLIC.TOMBSTONES (K VARCHAR)`,
        `CREATE TABLE ${db}.PUBLIC.EVENTS (ID VARCHAR, K VARCHAR)`,
        `INSERT INTO ${db}.PUBLIC.IDENTITIES (K, EMAIL) VALUES ('a', 'a@x.example'), ('b', NULL), ('c', 'c@x.example')`,
        `INSERT INTO ${db}.PUBLIC.EVENTS (ID, K) VALUES ('e1', 'a'), ('e2', 'b')`,
      ]);
      return async () => {
        await p.execute(`DROP DATABASE IF EXISTS ${db}`);
        await p.close();
      };
    });

    it("IS NOT DISTINCT FROM treats two NULLs as equal and NULL vs a value as different", async () => {
      const rows = await p.execute<{ K: string }>(
        `SELECT K FROM ${db}.PUBLIC.IDENTITIES WHERE EMAIL IS NOT DISTINCT FROM NULL ORDER BY K`,
      );
      expect(rows).toEqual([{ K: "b" }]);
    });

    it("INSERT … SELECT FROM VALUES names its columns COLUMN1…; DELETE … WHERE EXISTS correlates by the target table's name", async () => {
      await p.execute(
        `INSERT INTO ${db}.PUBLIC.TOMBSTONES (K) SELECT v.COLUMN1 FROM VALUES (?), (?) v WHERE NOT EXISTS (SELECT 1 FROM ${db}.PUBLIC.TOMBSTONES x WHERE x.K = v.COLUMN1)`,
        ["a", "c"],
      );
      await p.execute(
        `DELETE FROM ${db}.PUBLIC.IDENTITIES WHERE EXISTS (SELECT 1 FROM ${db}.PUBLIC.TOMBSTONES x WHERE x.K = IDENTITIES.K)`,
      );
      expect(await p.execute(`SELECT K FROM ${db}.PUBLIC.IDENTITIES ORDER BY K`)).toEqual([{ K: "b" }]);
    });

    it("CREATE OR REPLACE SECURE VIEW … COPY GRANTS over a LEFT JOIN keeps the view's grants", async () => {
      await runAll(p, [
        `CREATE ROLE IF NOT EXISTS ${db}_READER`,
        `CREATE SECURE VIEW ${db}.PUBLIC.V AS SELECT ID, K FROM ${db}.PUBLIC.EVENTS`,
        `GRANT SELECT ON VIEW ${db}.PUBLIC.V TO ROLE ${db}_READER`,
        `CREATE OR REPLACE SECURE VIEW ${db}.PUBLIC.V COPY GRANTS AS SELECT e.ID AS ID, e.K AS K, i.EMAIL AS EMAIL FROM ${db}.PUBLIC.EVENTS e LEFT JOIN (SELECT K, MAX(EMAIL) AS EMAIL FROM ${db}.PUBLIC.IDENTITIES GROUP BY K) i ON i.K = e.K`,
      ]);
      const grants = await p.execute<{ privilege: string; grantee_name: string }>(`SHOW GRANTS ON VIEW ${db}.PUBLIC.V`);
      expect(grants.some((g) => g.privilege === "SELECT" && g.grantee_name === `${db}_READER`)).toBe(true);
      expect(await p.execute(`SELECT ID, EMAIL FROM ${db}.PUBLIC.V ORDER BY ID`)).toEqual([
        { ID: "e1", EMAIL: null },
        { ID: "e2", EMAIL: null },
      ]);
      await p.execute(`DROP ROLE IF EXISTS ${db}_READER`);
    });
  });
}
