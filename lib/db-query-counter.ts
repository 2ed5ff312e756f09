import "server-only";
import fs from "node:fs";
import type pg from "pg";

// Counts the SQL statements this process sends to PostgreSQL through the Prisma client's pool (every
// `client.query`, transactions' BEGIN/COMMIT included), so "queries per page view" is a number read from
// the database wire rather than estimated from the code. Counting is one integer increment; with
// FLOE_BENCH_QUERY_COUNT_FILE set (bench/portal.ts) the running total is also written to that file
// synchronously before each statement is sent, so a client that has received a whole response can read
// the exact count of what that response cost. The db tests read `queryCount()` in-process.

let count = 0;

export function queryCount(): number {
  return count;
}

/** Wraps `query` of every connection the pool opens. */
export function countQueriesOf(pool: pg.Pool, countFile: string | undefined): pg.Pool {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      count += 1;
      if (countFile) fs.writeFileSync(countFile, String(count));
      return query(...args);
    };
  });
  return pool;
}
