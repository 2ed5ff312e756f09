// Streams on tables: the change rows with their METADATA$ columns, the offset that only a committed DML
// statement moves, append-only streams, SYSTEM$STREAM_HAS_DATA, SHOW/DESCRIBE/DROP STREAM, and (emulator only,
// on its controllable clock) staleness once the source's retention has passed.
//
// Documentation followed:
// - CREATE STREAM: https://docs.snowflake.com/en/sql-reference/sql/create-stream
// - Introduction to streams (METADATA$ACTION / ISUPDATE / ROW_ID, offsets, DML transactions, append-only,
//   data retention and staleness): https://docs.snowflake.com/en/user-guide/streams-intro
// - Stream examples: https://docs.snowflake.com/en/user-guide/streams-examples
// - SYSTEM$STREAM_HAS_DATA: https://docs.snowflake.com/en/sql-reference/functions/system_stream_has_data
// - SHOW STREAMS (output columns, stale, stale_after, mode): https://docs.snowflake.com/en/sql-reference/sql/show-streams
// - DESCRIBE STREAM: https://docs.snowflake.com/en/sql-reference/sql/desc-stream
// - DROP STREAM: https://docs.snowflake.com/en/sql-reference/sql/drop-stream
// - Managing streams (avoiding staleness, MAX_DATA_EXTENSION_TIME_IN_DAYS): https://docs.snowflake.com/en/user-guide/streams-manage
import { beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "../admin-client";
import { refusal, runAll, type ContractContext } from "./support";
import type { TestConnection } from "./target";

type Change = {
  ID: number;
  NAME: string;
  METADATA$ACTION: string;
  METADATA$ISUPDATE: boolean;
  METADATA$ROW_ID: string;
};

export function streamsContract(ctx: ContractContext): void {
  describe("streams", () => {
    let p: TestConnection;
    let db: string;
    const changes = (stream: string) =>
      p.execute<Change>(
        `SELECT ID, NAME, METADATA$ACTION, METADATA$ISUPDATE, METADATA$ROW_ID FROM ${db}.PUBLIC.${stream} ORDER BY ID, METADATA$ACTION`,
      );
    const compact = (rows: Change[]) => rows.map((r) => [Number(r.ID), r.NAME, r.METADATA$ACTION, r.METADATA$ISUPDATE]);

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_STREAMS`;
      p = await t.provider.connect();
      await runAll(p, [
        `CREATE DATABASE ${db}`,
        `CREATE TABLE ${db}.PUBLIC.SRC (ID NUMBER(38,0) NOT NULL, NAME VARCHAR(50))`,
        `CREATE TABLE ${db}.PUBLIC.DST (ID NUMBER(38,0) NOT NULL, NAME VARCHAR(50), ACTION VARCHAR(10), IS_UPDATE BOOLEAN)`,
        `INSERT INTO ${db}.PUBLIC.SRC (ID, NAME) VALUES (1, 'before')`,
      ]);
      return async () => {
        await p.close();
      };
    });

    // streams-intro: a stream "records DML changes … the offset"; a new stream starts at the current version
    // (SHOW_INITIAL_ROWS = FALSE), so rows inserted before it are not change rows.
    it("CREATE STREAM starts empty; inserts appear as INSERT rows with METADATA$ columns; a SELECT does not consume", async () => {
      await p.execute(`CREATE STREAM ${db}.PUBLIC.S ON TABLE ${db}.PUBLIC.SRC`);
      expect(await changes("S")).toEqual([]);
      await p.execute(`INSERT INTO ${db}.PUBLIC.SRC (ID, NAME) VALUES (2, 'two'), (3, 'three')`);
      const first = await changes("S");
      expect(compact(first)).toEqual([
        [2, "two", "INSERT", false],
        [3, "three", "INSERT", false],
      ]);
      expect(first.every((r) => typeof r.METADATA$ROW_ID === "string" && r.METADATA$ROW_ID.length > 0)).toBe(true);
      // Querying a stream alone does not advance its offset (streams-intro, "Table versioning").
      expect(compact(await changes("S"))).toEqual(compact(first));
      expect(await p.execute(`SELECT SYSTEM$STREAM_HAS_DATA('${db}.PUBLIC.S') AS H`)).toEqual([{ H: true }]);
    });

    // streams-intro: "When the transaction commits, the stream offset advances"; a statement that fails rolls back.
    it("only a committed DML statement that reads the stream moves its offset", async () => {
      // DST.ID is NOT NULL: this statement reads the stream and fails, so the offset stays.
      expect(
        (
          await refusal(
            p.execute(
              `INSERT INTO ${db}.PUBLIC.DST SELECT NULL, NAME, METADATA$ACTION, METADATA$ISUPDATE FROM ${db}.PUBLIC.S`,
            ),
          )
        ).code,
      ).toMatch(/^\d{6}$/);
      expect(await changes("S")).toHaveLength(2);
      await p.execute(
        `INSERT INTO ${db}.PUBLIC.DST SELECT ID, NAME, METADATA$ACTION, METADATA$ISUPDATE FROM ${db}.PUBLIC.S`,
      );
      expect(await changes("S")).toEqual([]);
      expect(await p.execute(`SELECT SYSTEM$STREAM_HAS_DATA('${db}.PUBLIC.S') AS H`)).toEqual([{ H: false }]);
      expect(await p.execute(`SELECT ID, ACTION FROM ${db}.PUBLIC.DST ORDER BY ID`)).toEqual([
        { ID: 2, ACTION: "INSERT" },
        { ID: 3, ACTION: "INSERT" },
      ]);
    });

    // streams-intro: an update is "a pair of DELETE and INSERT records … with METADATA$ISUPDATE set to TRUE";
    // the stream returns the net change (a row inserted and deleted between offsets is not returned);
    // append-only streams "track row inserts only".
    it("updates are DELETE+INSERT pairs with ISUPDATE TRUE, deletes are DELETE rows, append-only keeps inserts", async () => {
      await p.execute(`CREATE STREAM ${db}.PUBLIC.S_APPEND ON TABLE ${db}.PUBLIC.SRC APPEND_ONLY = TRUE`);
      await runAll(p, [
        `UPDATE ${db}.PUBLIC.SRC SET NAME = 'changed' WHERE ID = 2`,
        `DELETE FROM ${db}.PUBLIC.SRC WHERE ID = 3`,
        `INSERT INTO ${db}.PUBLIC.SRC (ID, NAME) VALUES (4, 'four')`,
      ]);
      const rows = await changes("S");
      expect(compact(rows)).toEqual([
        [2, "two", "DELETE", true],
        [2, "changed", "INSERT", true],
        [3, "three", "DELETE", false],
        [4, "four", "INSERT", false],
      ]);
      // The DELETE and INSERT of an updated row carry the same row id.
      expect(rows[0].METADATA$ROW_ID).toBe(rows[1].METADATA$ROW_ID);
      expect(compact(await changes("S_APPEND"))).toEqual([[4, "four", "INSERT", false]]);
    });

    // show-streams: output columns; mode DEFAULT / APPEND_ONLY; type DELTA; stale false for a fresh stream.
    it("SHOW STREAMS, DESCRIBE STREAM, CREATE … IF NOT EXISTS / OR REPLACE and DROP STREAM", async () => {
      const shown = await p.execute<Record<string, unknown>>(`SHOW STREAMS LIKE 'S%' IN SCHEMA ${db}.PUBLIC`);
      expect(Object.keys(shown[0])).toEqual(
        expect.arrayContaining([
          "created_on",
          "name",
          "database_name",
          "schema_name",
          "owner",
          "comment",
          "table_name",
          "source_type",
          "base_tables",
          "type",
          "stale",
          "mode",
          "stale_after",
          "invalid_reason",
        ]),
      );
      const byName = Object.fromEntries(shown.map((r) => [r.name, r]));
      expect(byName.S).toMatchObject({
        database_name: db,
        schema_name: "PUBLIC",
        table_name: `${db}.PUBLIC.SRC`,
        source_type: "Table",
        type: "DELTA",
        mode: "DEFAULT",
      });
      expect(String(byName.S.stale).toLowerCase()).toBe("false");
      expect(byName.S.stale_after).toBeInstanceOf(Date);
      expect(byName.S_APPEND.mode).toBe("APPEND_ONLY");
      const desc = await p.execute<Record<string, unknown>>(`DESCRIBE STREAM ${db}.PUBLIC.S`);
      expect(desc[0]).toMatchObject({ name: "S", mode: "DEFAULT" });
      expect(await p.execute(`CREATE STREAM IF NOT EXISTS ${db}.PUBLIC.S ON TABLE ${db}.PUBLIC.SRC`)).toHaveLength(1);
      expect(await changes("S")).toHaveLength(4); // IF NOT EXISTS kept the old offset
      expect((await refusal(p.execute(`CREATE STREAM ${db}.PUBLIC.S ON TABLE ${db}.PUBLIC.SRC`))).code).toBe("002002");
      await p.execute(`CREATE OR REPLACE STREAM ${db}.PUBLIC.S ON TABLE ${db}.PUBLIC.SRC`);
      expect(await changes("S")).toEqual([]); // a new stream: a new offset
      await p.execute(`DROP STREAM ${db}.PUBLIC.S_APPEND`);
      expect((await refusal(p.execute(`SELECT * FROM ${db}.PUBLIC.S_APPEND`))).code).toBe("002003");
      expect(await p.execute(`DROP STREAM IF EXISTS ${db}.PUBLIC.S_APPEND`)).toHaveLength(1);
    });

    // streams-intro / streams-manage: a stream becomes stale when its offset falls outside the source's
    // retention period (DATA_RETENTION_TIME_IN_DAYS, extended up to MAX_DATA_EXTENSION_TIME_IN_DAYS for
    // unconsumed streams). Time can only be moved on the emulator, through its admin clock.
    describe.skipIf(ctx.spec.kind !== "emulator")("emulator clock", () => {
      it("a stream not consumed within its source's retention is stale: SHOW STREAMS says so and reading it fails", async () => {
        const emu = ctx.target().emulator!.current();
        const clock = createAdminClient(emu.url, emu.adminToken).clock;
        await runAll(p, [
          `CREATE TABLE ${db}.PUBLIC.SHORT (ID NUMBER) DATA_RETENTION_TIME_IN_DAYS = 1 MAX_DATA_EXTENSION_TIME_IN_DAYS = 0`,
          `CREATE STREAM ${db}.PUBLIC.S_SHORT ON TABLE ${db}.PUBLIC.SHORT`,
          `CREATE STREAM ${db}.PUBLIC.S_LONG ON TABLE ${db}.PUBLIC.SRC`,
        ]);
        const stale = async (name: string) =>
          String((await p.execute<{ stale: string }>(`SHOW STREAMS LIKE '${name}' IN SCHEMA ${db}.PUBLIC`))[0].stale);
        // Jumps (set), not advance: nothing here needs each scheduled job of the other tests replayed hour by hour.
        const start = (await clock.freeze()).epochMs;
        const hour = 3_600_000;
        try {
          await clock.set(start + 23 * hour);
          expect(await stale("S_SHORT")).toBe("false");
          expect(await p.execute(`SELECT COUNT(*) AS N FROM ${db}.PUBLIC.S_SHORT`)).toEqual([{ N: 0 }]);
          await clock.set(start + 25 * hour);
          expect(await stale("S_SHORT")).toBe("true");
          expect((await refusal(p.execute(`SELECT * FROM ${db}.PUBLIC.S_SHORT`))).message).toMatch(/stale/i);
          // SRC keeps the defaults (1 day, extended to 14 days for an unconsumed stream): still fresh.
          expect(await stale("S_LONG")).toBe("false");
        } finally {
          await clock.unfreeze();
        }
      });
    });
  });
}
