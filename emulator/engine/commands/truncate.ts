// TRUNCATE [TABLE] [IF EXISTS] <name>: removes every row of a table (truncate-table,
// https://docs.snowflake.com/en/sql-reference/sql/truncate-table). Run as the engine's DELETE of the same table,
// so the read-only rules of shared and replica databases and the missing-table error are DELETE's; IF EXISTS
// turns a missing table into success. The answer is the status row of DDL ("Statement executed successfully.").
import type { ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { significant, tokenize } from "../tokenizer";
import { SnowflakeError } from "../types";
import { success, type Partial } from "../result";
import { runDml } from "./query";

export async function truncateTable(ctx: ExecCtx, c: Cursor): Promise<Partial> {
  c.acceptKw("TABLE");
  const ifExists = c.acceptKw("IF", "EXISTS");
  const start = c.pos;
  c.qualifiedName(3);
  c.expectEnd();
  const name = c.tokens
    .slice(start)
    .map((t) => (t.kind === "qident" ? `"${t.value.replace(/"/g, '""')}"` : t.value))
    .join("");
  const binds = ctx.binds;
  ctx.binds = undefined; // TRUNCATE has no placeholders: run the DELETE once
  try {
    await runDml(ctx, "DELETE", significant(tokenize(`DELETE FROM ${name}`)));
  } catch (e) {
    if (!(ifExists && e instanceof SnowflakeError && e.code === "002003")) throw e;
  } finally {
    ctx.binds = binds;
  }
  return success();
}
