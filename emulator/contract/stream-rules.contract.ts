// Streams and tasks follow the rules every schema object follows: a missing schema is an error in SHOW, a
// stream's name is taken in the schema's one name space of tables, views and streams, and reading a stream
// needs privileges on the stream and on its source.
//
// Documentation followed:
// - SHOW STREAMS (IN SCHEMA): https://docs.snowflake.com/en/sql-reference/sql/show-streams
// - SHOW TASKS (IN SCHEMA): https://docs.snowflake.com/en/sql-reference/sql/show-tasks
// - "does not exist or not authorized" (002003): https://docs.snowflake.com/en/release-notes/bcr-bundles/un-bundled/bcr-1858
// - CREATE STREAM (the name "must be unique for the schema in which the stream is created"):
//   https://docs.snowflake.com/en/sql-reference/sql/create-stream
// - Introduction to streams, "Required access privileges" (querying a stream: USAGE on database and schema,
//   SELECT on the stream and on the source table or view): https://docs.snowflake.com/en/user-guide/streams-intro
// - GRANT … ON STREAM (SELECT): https://docs.snowflake.com/en/sql-reference/sql/grant-privilege
// - Error 002002 "Object '…' already exists." (documented in CREATE … IF NOT EXISTS examples):
//   https://docs.snowflake.com/en/sql-reference/sql/create-table
import { beforeAll, describe, expect, it } from "vitest";
import { asRole, whoAmI } from "./privileges.contract";
import { refusal, runAll, type ContractContext } from "./support";
import type { TestConnection } from "./target";

export function streamRulesContract(ctx: ContractContext): void {
  describe("stream and task rules: SHOW in a missing schema, one name space, read privileges", () => {
    let p: TestConnection;
    let db: string;
    let role: string;
    let admin: { user: string; role: string };

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_SRULES`;
      role = `${t.prefix}_STREAM_READER`;
      p = await t.provider.connect();
      admin = await whoAmI(p);
      await runAll(p, [
        `CREATE DATABASE ${db}`,
        `CREATE TABLE ${db}.PUBLIC.SRC (ID NUMBER(38,0))`,
        `CREATE STREAM ${db}.PUBLIC.S ON TABLE ${db}.PUBLIC.SRC`,
        `INSERT INTO ${db}.PUBLIC.SRC (ID) VALUES (1)`,
        `CREATE ROLE ${role}`,
        `GRANT ROLE ${role} TO USER ${admin.user}`,
      ]);
      return async () => {
        await p.execute(`DROP ROLE IF EXISTS ${role}`);
        await p.close();
      };
    });

    it("SHOW STREAMS / SHOW TASKS IN SCHEMA of a missing schema is 002003, not an empty list", async () => {
      for (const what of ["STREAMS", "TASKS"]) {
        const failure = await refusal(p.execute(`SHOW ${what} IN SCHEMA ${db}.NOPE`));
        expect(failure).toMatchObject({
          code: "002003",
          message: `SQL compilation error:\nSchema '${db}.NOPE' does not exist or not authorized.`,
        });
      }
      expect(await p.execute(`SHOW TASKS IN SCHEMA ${db}.PUBLIC`)).toEqual([]);
    });

    it("a stream's name is taken for tables and views of its schema, and a table's for streams (002002)", async () => {
      const taken = { code: "002002", message: `SQL compilation error:\nObject '${db}.PUBLIC.S' already exists.` };
      expect(await refusal(p.execute(`CREATE TABLE ${db}.PUBLIC.S (ID NUMBER)`))).toMatchObject(taken);
      expect(await refusal(p.execute(`CREATE OR REPLACE TABLE ${db}.PUBLIC.S (ID NUMBER)`))).toMatchObject(taken);
      expect(await refusal(p.execute(`CREATE VIEW ${db}.PUBLIC.S AS SELECT 1 AS X`))).toMatchObject(taken);
      expect((await refusal(p.execute(`CREATE STREAM ${db}.PUBLIC.SRC ON TABLE ${db}.PUBLIC.SRC`))).code).toBe(
        "002002",
      );
      // Nothing was replaced: the stream still answers its change rows.
      expect(await p.execute(`SELECT ID FROM ${db}.PUBLIC.S`)).toEqual([{ ID: 1 }]);
    });

    it("reading a stream needs SELECT on the stream and on its source table", async () => {
      const read = `SELECT ID FROM ${db}.PUBLIC.S`;
      await runAll(p, [
        `GRANT USAGE ON DATABASE ${db} TO ROLE ${role}`,
        `GRANT USAGE ON SCHEMA ${db}.PUBLIC TO ROLE ${role}`,
      ]);
      // No privilege on the stream: the role does not see it.
      expect((await asRole(p, role, admin.role, () => refusal(p.execute(read)))).code).toBe("002003");
      // SELECT on the stream but not on its table: an access control error.
      await p.execute(`GRANT SELECT ON STREAM ${db}.PUBLIC.S TO ROLE ${role}`);
      expect((await asRole(p, role, admin.role, () => refusal(p.execute(read)))).code).toBe("003001");
      await p.execute(`GRANT SELECT ON TABLE ${db}.PUBLIC.SRC TO ROLE ${role}`);
      expect(await asRole(p, role, admin.role, () => p.execute(read))).toEqual([{ ID: 1 }]);
    });
  });
}
