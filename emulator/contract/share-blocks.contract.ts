// Provisioning a share in one Snowflake Scripting block (lib/provisioning/step-block.ts, issue 14): the sharing
// statements the product runs — CREATE SHARE IF NOT EXISTS, GRANT USAGE / SELECT … TO SHARE, DELETE + INSERT of
// entitlement rows with values written as literals, ALTER SHARE … ADD ACCOUNTS — inside one EXECUTE IMMEDIATE $$…$$
// block, one request; the first failing statement is caught by EXCEPTION WHEN OTHER with SQLCODE/SQLERRM/SQLSTATE,
// what ran before it stays done, and the block answers one ARRAY of per-step OBJECTs.
//
// Documentation followed:
// - EXECUTE IMMEDIATE ("A block is considered one statement"; USING binds *Snowflake Scripting variables*):
//   https://docs.snowflake.com/en/sql-reference/sql/execute-immediate
// - Blocks (anonymous block, value in a column named "anonymous block"): https://docs.snowflake.com/en/developer-guide/snowflake-scripting/blocks
// - Exceptions (WHEN OTHER, SQLCODE, SQLERRM, SQLSTATE): https://docs.snowflake.com/en/developer-guide/snowflake-scripting/exceptions
// - SQLROWCOUNT after DML, NULL after other statements: https://docs.snowflake.com/en/developer-guide/snowflake-scripting/dml-status
// - OBJECT_CONSTRUCT leaves out NULL values: https://docs.snowflake.com/en/sql-reference/functions/object_construct
// - Sharing statements: https://docs.snowflake.com/en/sql-reference/sql/create-share,
//   https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-share, https://docs.snowflake.com/en/sql-reference/sql/alter-share
// Binds: the bind-variables page (https://docs.snowflake.com/en/sql-reference/bind-variables) documents the drivers'
// `?` for statements and `:name` / USING (variables) inside Snowflake Scripting; it does not say that a driver's `?`
// reaches a top-level block's USING clause, so the product does not depend on it and neither does this test: values
// go in as literals (quoted with the product's one helper, sql-identifiers' bindLiteral).
import { beforeAll, describe, expect, it } from "vitest";
import { accountsOf, createScopedDatabase, identity, refusal, showShare, using, type ContractContext } from "./support";
import type { TestConnection } from "./target";

/** A semi-structured cell: the SDK parses VARIANT/OBJECT/ARRAY; a text cell holding JSON is parsed here. */
const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

export function shareBlocksContract(ctx: ContractContext): void {
  describe("share provisioning in one Scripting block", () => {
    let p: TestConnection;
    let db: string;
    let prefix: string;
    let consumer: string;
    const emulator = () => ctx.target().emulator?.current();

    beforeAll(async () => {
      const t = ctx.target();
      prefix = t.prefix;
      db = `${prefix}_BLOCKS`;
      p = await t.provider.connect();
      consumer = (await using(t.consumer, identity)).identifier;
      await createScopedDatabase(p, db);
      await p.execute(`CREATE TABLE ${db}.PRIVATE.GRANTS_LOG (SHARE_NAME VARCHAR(255), TENANT VARCHAR(20))`);
      return () => p.close();
    });

    const block = (share: string, extra = "") => `EXECUTE IMMEDIATE $$
DECLARE
  outcomes ARRAY DEFAULT ARRAY_CONSTRUCT();
BEGIN
  CREATE SHARE IF NOT EXISTS "${share}" COMMENT = 'contract; one block';
  outcomes := ARRAY_APPEND(outcomes, OBJECT_CONSTRUCT('step', 'create-share', 'ok', TRUE, 'rows', SQLROWCOUNT));
  GRANT USAGE ON DATABASE "${db}" TO SHARE "${share}";
  GRANT USAGE ON SCHEMA "${db}"."SHARED" TO SHARE "${share}";
  GRANT SELECT ON VIEW "${db}"."SHARED"."EVENTS_V" TO SHARE "${share}";
  outcomes := ARRAY_APPEND(outcomes, OBJECT_CONSTRUCT('step', 'grants', 'ok', TRUE, 'rows', SQLROWCOUNT));
  DELETE FROM "${db}"."PRIVATE"."GRANTS_LOG" WHERE SHARE_NAME = '${share}';
  INSERT INTO "${db}"."PRIVATE"."GRANTS_LOG" (SHARE_NAME, TENANT) VALUES ('${share}', 'it''s'), ('${share}', 'beta');
  outcomes := ARRAY_APPEND(outcomes, OBJECT_CONSTRUCT('step', 'rows', 'ok', TRUE, 'rows', SQLROWCOUNT));
  ALTER SHARE "${share}" ADD ACCOUNTS = ${consumer};
  outcomes := ARRAY_APPEND(outcomes, OBJECT_CONSTRUCT('step', 'add-accounts', 'ok', TRUE, 'rows', SQLROWCOUNT));${extra}
  RETURN outcomes;
EXCEPTION
  WHEN OTHER THEN
    RETURN ARRAY_APPEND(outcomes, OBJECT_CONSTRUCT('ok', FALSE, 'code', SQLCODE, 'message', SQLERRM, 'state', SQLSTATE));
END;
$$`;

    // SQLROWCOUNT read in the assignment after a step's statements is the last statement's (dml-status: it reports
    // the last DML statement; an assignment is none).
    it("runs every sharing statement of a provisioning in one request; a re-run converges on the same share", async () => {
      const share = `${prefix}_BLOCK_OK`;
      const emu = emulator();
      emu?.concurrency.reset();
      const rows = await p.execute<Record<string, unknown>>(block(share));
      if (emu) expect(emu.concurrency.snapshot().requests).toMatchObject({ query: 1, result: 0 });
      expect(Object.keys(rows[0])).toEqual(["anonymous block"]);
      // DDL leaves SQLROWCOUNT NULL, which OBJECT_CONSTRUCT leaves out; the INSERT counts its rows.
      expect(json(rows[0]["anonymous block"])).toEqual([
        { step: "create-share", ok: true },
        { step: "grants", ok: true },
        { step: "rows", ok: true, rows: 2 },
        { step: "add-accounts", ok: true },
      ]);
      const again = await p.execute<Record<string, unknown>>(block(share));
      expect((json(again[0]["anonymous block"]) as { ok: boolean }[]).map((o) => o.ok)).toEqual([
        true,
        true,
        true,
        true,
      ]);
      expect(accountsOf(await showShare(p, share))).toEqual([consumer]);
      const grants = await p.execute<{ privilege: string; granted_on: string; name: string }>(
        `SHOW GRANTS TO SHARE ${share}`,
      );
      expect(grants.map((g) => `${g.privilege} ${g.granted_on} ${g.name}`).sort()).toEqual([
        `SELECT VIEW ${db}.SHARED.EVENTS_V`,
        `USAGE DATABASE ${db}`,
        `USAGE SCHEMA ${db}.SHARED`,
      ]);
      expect(
        await p.execute(`SELECT TENANT FROM ${db}.PRIVATE.GRANTS_LOG WHERE SHARE_NAME = '${share}' ORDER BY TENANT`),
      ).toEqual([{ TENANT: "beta" }, { TENANT: "it's" }]);
    });

    it("catches the first failing statement with its code, keeps what ran before and runs nothing after it", async () => {
      const share = `${prefix}_BLOCK_FAIL`;
      const failing = `
  GRANT SELECT ON VIEW "${db}"."SHARED"."NO_SUCH_VIEW" TO SHARE "${share}";
  outcomes := ARRAY_APPEND(outcomes, OBJECT_CONSTRUCT('step', 'missing-view', 'ok', TRUE));
  DROP SHARE "${share}";
  outcomes := ARRAY_APPEND(outcomes, OBJECT_CONSTRUCT('step', 'after', 'ok', TRUE));`;
      const rows = await p.execute<Record<string, unknown>>(block(share, failing));
      const outcomes = json(rows[0]["anonymous block"]) as Record<string, unknown>[];
      expect(outcomes.map((o) => [o.step, o.ok])).toEqual([
        ["create-share", true],
        ["grants", true],
        ["rows", true],
        ["add-accounts", true],
        [undefined, false],
      ]);
      // A missing object: 002003 (SQLCODE is the number); the SQLSTATE is the statement's own (02000 for a sharing
      // statement, 42S02 for a query: bcr-1858), carried as text.
      expect(outcomes[4]).toMatchObject({ code: 2003, state: expect.stringMatching(/^[0-9A-Z]{5}$/) });
      expect(outcomes[4].message).toMatch(/NO_SUCH_VIEW' does not exist or not authorized/);
      // The share made before the failure is there, the DROP after it never ran.
      expect(accountsOf(await showShare(p, share))).toEqual([consumer]);
      await p.execute(`DROP SHARE ${share}`);
      expect(await refusal(p.execute(`DROP SHARE ${share}`))).toMatchObject({ code: "002003" });
    });
  });
}
