// Timestamp input in INSERT … VALUES: a string value (a literal or a bind) bound for a timestamp column is read
// by AUTO detection, which accepts RFC-2822 as well as ISO forms.
//
// Documentation followed:
// - Date & time input / output, "Supported formats for AUTO detection" (RFC-2822 'Thu, 21 Dec 2000 16:01:07 +0200'):
//   https://docs.snowflake.com/en/sql-reference/date-time-input-output
// - TIMESTAMP_LTZ / TIMESTAMP_NTZ (NTZ keeps the wall clock, LTZ the instant):
//   https://docs.snowflake.com/en/sql-reference/data-types-datetime
import { beforeAll, describe, expect, it } from "vitest";
import type { ContractContext } from "./support";
import type { TestConnection } from "./target";

export function timestampInputContract(ctx: ContractContext): void {
  describe("timestamp input in INSERT … VALUES", () => {
    let p: TestConnection;
    let db: string;

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_TSIN`;
      p = await t.provider.connect();
      await p.execute(`CREATE DATABASE ${db}`);
      return async () => {
        await p.execute(`DROP DATABASE IF EXISTS ${db}`);
        await p.close();
      };
    });

    it("an RFC-2822 string, literal or bound, is read into TIMESTAMP_LTZ and TIMESTAMP_NTZ columns", async () => {
      await p.execute(`CREATE TABLE ${db}.PUBLIC.T (L TIMESTAMP_LTZ, N TIMESTAMP_NTZ, NOTE VARCHAR)`);
      const text = "Thu, 21 Jan 2016 06:32:44 -0800";
      await p.execute(`INSERT INTO ${db}.PUBLIC.T (L, N, NOTE) VALUES (?, ?, ?)`, [text, text, text]);
      await p.execute(`INSERT INTO ${db}.PUBLIC.T VALUES ('${text}', '${text}', 'literal')`);
      const rows = await p.execute<{ L: Date; N: Date; NOTE: string }>(
        `SELECT L, N, NOTE FROM ${db}.PUBLIC.T ORDER BY NOTE`,
      );
      // The text column keeps the string as written; LTZ is the instant (14:32:44 UTC), NTZ the wall clock (the
      // driver gives an NTZ value as that wall clock in UTC). Binary collation sorts "Thu…" before "literal".
      expect(rows.map((r) => [r.L.getTime(), r.N.getTime(), r.NOTE])).toEqual([
        [Date.UTC(2016, 0, 21, 14, 32, 44), Date.UTC(2016, 0, 21, 6, 32, 44), text],
        [Date.UTC(2016, 0, 21, 14, 32, 44), Date.UTC(2016, 0, 21, 6, 32, 44), "literal"],
      ]);
    });
  });
}
