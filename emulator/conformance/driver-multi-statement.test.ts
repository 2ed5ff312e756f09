// Port of snowflake-connector-nodejs test/integration/testMultiStatement.js: MULTI_STATEMENT_COUNT=0 set
// for the session, then one request of several statements (with binds), each child result in turn.
import snowflake from "snowflake-sdk";
import { beforeAll, expect, it } from "vitest";
import { driverSuite } from "./driver-harness";

const suite = driverSuite("DRIVER_MULTI");
type Multi = snowflake.RowStatement & { hasNext(): boolean; NextResult(): void; getSqlText(): string };

beforeAll(async () => {
  await suite.conn().execute("alter session set MULTI_STATEMENT_COUNT=0");
});

it("testMultiStatement", async () => {
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    suite.conn().connection.execute({
      sqlText: "select ?; select ?,3; select ?,5,6",
      binds: [1, 2, 4],
      complete: (err, stmt) => {
        if (err) return reject(err);
        const multi = stmt as Multi;
        multi
          .streamRows()
          .on("error", reject)
          .on("data", (row: Record<string, unknown>) => {
            count += Object.values(row).length;
            if (multi.hasNext()) multi.NextResult();
            else resolve();
          });
      },
    });
  });
  expect(count).toBe(6);
});

it("test each statement in multi statement", async () => {
  const sqlText = "select 1; select 2,3; select 4,5,6";
  const seen: string[] = [];
  await new Promise<void>((resolve, reject) => {
    suite.conn().connection.execute({
      sqlText,
      complete: (err, stmt) => {
        if (err) return reject(err);
        const multi = stmt as Multi;
        seen.push(multi.getSqlText());
        if (multi.hasNext()) multi.NextResult();
        else resolve();
      },
    });
  });
  expect(seen).toEqual(sqlText.split(";"));
});
