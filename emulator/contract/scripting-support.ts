// Shared by the Snowflake Scripting and the stored-procedure contracts: a provider connection on a scratch
// database with a small EVENTS table, a block runner, and a check of how many requests a piece of work sent.
import { expect } from "vitest";
import { runAll, type ContractContext } from "./support";
import type { TestConnection } from "./target";

type Block = { "anonymous block": unknown };

/** A semi-structured cell: the SDK parses VARIANT/OBJECT/ARRAY; a text cell holding JSON is parsed here. */
export const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

/** Connects as the provider to a new database `<prefix>_<suffix>` whose APP schema holds EVENTS (3 rows). */
export async function openScriptingDatabase(
  ctx: ContractContext,
  suffix: string,
): Promise<{ p: TestConnection; db: string }> {
  const t = ctx.target();
  const db = `${t.prefix}_${suffix}`;
  const p = await t.provider.connect();
  await runAll(p, [
    `CREATE DATABASE ${db}`,
    `CREATE SCHEMA ${db}.APP`,
    `USE SCHEMA ${db}.APP`,
    "CREATE TABLE EVENTS (ID NUMBER(38,0), KIND VARCHAR(20))",
    "INSERT INTO EVENTS VALUES (1, 'open'), (2, 'click'), (3, 'click')",
  ]);
  return { p, db };
}

export function scriptingHelpers(ctx: ContractContext, connection: () => TestConnection) {
  const emulator = () => ctx.target().emulator?.current();
  return {
    emulator,
    /** Runs `work`; on the emulator also checks it sent exactly `queries` query requests and no result fetches. */
    async requests<T>(queries: number, work: () => Promise<T>): Promise<T> {
      const emu = emulator();
      emu?.concurrency.reset();
      const out = await work();
      if (emu) expect(emu.concurrency.snapshot().requests).toMatchObject({ query: queries, result: 0 });
      return out;
    },
    /** Runs an anonymous block: one row, one column named "anonymous block", its value returned. */
    async block(sql: string, binds?: (string | number)[]): Promise<unknown> {
      const rows = await connection().execute<Block>(sql, binds);
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0])).toEqual(["anonymous block"]);
      return rows[0]["anonymous block"];
    },
  };
}
