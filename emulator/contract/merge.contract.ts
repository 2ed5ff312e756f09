// MERGE as Snowflake documents it: WHEN MATCHED [AND …] THEN UPDATE / DELETE, WHEN NOT MATCHED THEN INSERT, the
// answer's counts, a subquery as the source, and the duplicate-join rule.
//
// Documentation followed:
// - MERGE (syntax; the examples' answers "number of rows inserted | number of rows updated | number of rows
//   deleted"; "Duplicate join behavior": a target row joined to several source rows is nondeterministic for an
//   UPDATE, and the merge then fails while ERROR_ON_NONDETERMINISTIC_MERGE is TRUE; only DELETEs are deterministic):
//   https://docs.snowflake.com/en/sql-reference/sql/merge
// - ERROR_ON_NONDETERMINISTIC_MERGE (default TRUE): https://docs.snowflake.com/en/sql-reference/parameters
// The failure's code and text (100090 "Duplicate row detected during DML action") are what Snowflake reports to
// its users; no documentation page states them, so the test checks the message class only.
import { beforeAll, describe, expect, it } from "vitest";
import { refusal, runAll, type ContractContext } from "./support";
import type { TestConnection } from "./target";

export function mergeContract(ctx: ContractContext): void {
  describe("MERGE", () => {
    let p: TestConnection;
    let db: string;
    const rows = () => p.execute(`SELECT ID, V FROM ${db}.PUBLIC.T ORDER BY ID`);

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_MERGE`;
      p = await t.provider.connect();
      await runAll(p, [
        `CREATE DATABASE ${db}`,
        `CREATE TABLE ${db}.PUBLIC.T (ID NUMBER(38,0), V VARCHAR(10))`,
        `CREATE TABLE ${db}.PUBLIC.CHANGES (ID NUMBER(38,0), V VARCHAR(10), GONE BOOLEAN)`,
      ]);
      return async () => {
        await p.close();
      };
    });

    it("updates, deletes and inserts by the first clause that applies; the answer counts each kind", async () => {
      await runAll(p, [
        `INSERT INTO ${db}.PUBLIC.T (ID, V) VALUES (1, 'a'), (2, 'b'), (4, 'd')`,
        `INSERT INTO ${db}.PUBLIC.CHANGES (ID, V, GONE) VALUES (1, 'A', FALSE), (2, 'B', TRUE), (3, 'C', FALSE)`,
      ]);
      const answer = await p.execute(
        `MERGE INTO ${db}.PUBLIC.T t USING ${db}.PUBLIC.CHANGES c ON t.ID = c.ID
           WHEN MATCHED AND c.GONE THEN DELETE
           WHEN MATCHED THEN UPDATE SET V = c.V
           WHEN NOT MATCHED THEN INSERT (ID, V) VALUES (c.ID, c.V)`,
      );
      expect(answer).toEqual([
        { "number of rows inserted": 1, "number of rows updated": 1, "number of rows deleted": 1 },
      ]);
      expect(await rows()).toEqual([
        { ID: 1, V: "A" },
        { ID: 3, V: "C" },
        { ID: 4, V: "d" },
      ]);
    });

    it("takes a subquery as the source; the answer has a column per kind of clause written", async () => {
      const answer = await p.execute(
        `MERGE INTO ${db}.PUBLIC.T AS t USING (SELECT 9 AS ID, 'new' AS V) AS s ON t.ID = s.ID
           WHEN NOT MATCHED THEN INSERT VALUES (s.ID, s.V)`,
      );
      expect(answer).toEqual([{ "number of rows inserted": 1 }]);
      expect(await rows()).toContainEqual({ ID: 9, V: "new" });
    });

    it("a target row joined to two source rows fails an UPDATE (ERROR_ON_NONDETERMINISTIC_MERGE defaults to TRUE); a DELETE is deterministic", async () => {
      await p.execute(`INSERT INTO ${db}.PUBLIC.CHANGES (ID, V, GONE) VALUES (4, 'x', FALSE), (4, 'y', FALSE)`);
      const before = await rows();
      const failure = await refusal(
        p.execute(
          `MERGE INTO ${db}.PUBLIC.T t USING ${db}.PUBLIC.CHANGES c ON t.ID = c.ID WHEN MATCHED THEN UPDATE SET V = c.V`,
        ),
      );
      expect(failure.message).toMatch(/Duplicate row detected during DML action/);
      expect(await rows()).toEqual(before);
      const answer = await p.execute(
        `MERGE INTO ${db}.PUBLIC.T t USING (SELECT ID FROM ${db}.PUBLIC.CHANGES WHERE ID = 4) c ON t.ID = c.ID WHEN MATCHED THEN DELETE`,
      );
      expect(answer).toEqual([{ "number of rows deleted": 1 }]);
      expect((await rows()).map((r) => r.ID)).not.toContain(4);
    });

    it("WHEN MATCHED THEN INSERT is a syntax error (001003)", async () => {
      const failure = await refusal(
        p.execute(
          `MERGE INTO ${db}.PUBLIC.T t USING ${db}.PUBLIC.CHANGES c ON t.ID = c.ID WHEN MATCHED THEN INSERT VALUES (1, 'x')`,
        ),
      );
      expect(failure.code).toBe("001003");
    });
  });
}
