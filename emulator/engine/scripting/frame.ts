// What one running block (anonymous, or a procedure's body) carries besides its variables: the engine context the
// embedded statements run in, the script text (to cut statements back out), positional binds, owner's-rights mode
// and the DML status variables.
import type { ExecCtx } from "../context";
import { dispatch } from "../dispatch";
import type { Partial } from "../result";
import { splitStatements } from "../split-statements";
import { significant, tokenize } from "../tokenizer";
import { SnowflakeError, type Bind } from "../types";
import type { ScriptValue } from "./values";

export type Frame = {
  ctx: ExecCtx;
  text: string;
  /** `:1`, `:2`, `?` inside the block: EXECUTE IMMEDIATE … USING values, or the request's binds. */
  binds: ScriptValue[];
  /** The next `?` of the block (positional binds count on through the whole block). */
  positional: number;
  /** EXECUTE AS OWNER (also for anything called from one): no session changes allowed. */
  ownerRights: boolean;
  /** SQLROWCOUNT of the last statement: a count after DML, null after anything else (bundle 2025_01, dml-status). */
  rowCount: bigint | null;
  depth: number;
};

// Owner's-rights procedures cannot change the caller's session (stored-procedures-rights: no ALTER SESSION, no
// session variables). Code and text unverified.
function refuseSessionChange(sql: string) {
  const words = significant(tokenize(sql))
    .slice(0, 2)
    .map((t) => t.value.toUpperCase());
  const what =
    words[0] === "ALTER" && words[1] === "SESSION"
      ? "ALTER_SESSION"
      : words[0] === "SET" || words[0] === "UNSET"
        ? words[0]
        : null;
  if (what)
    throw new SnowflakeError(
      "090236",
      "0A000",
      `Stored procedure execution error: Unsupported statement type '${what}' in an owner's rights stored procedure.`,
    );
}

/** Runs one SQL statement through the engine's normal statement path (privileges, catalog saves as for any statement). */
export async function runStatement(
  frame: Frame,
  sql: string,
  binds?: Bind[],
  /** The engine's own `SELECT <expr>` for an expression: not a statement of the script, so no statement hook. */
  options: { expression?: boolean } = {},
): Promise<Partial> {
  if (frame.ownerRights) refuseSessionChange(sql);
  const [stmt, ...more] = splitStatements(sql);
  if (!stmt) throw new SnowflakeError("000900", "42000", "SQL compilation error:\nEmpty SQL statement.");
  if (more.length)
    throw new SnowflakeError(
      "000008",
      "0A000",
      "Actual statement count 2 did not match the desired statement count 1.",
    );
  const ctx = frame.ctx;
  if (!options.expression) await ctx.hooks?.beforeScriptStatement?.(sql.trim());
  const saved = ctx.binds;
  ctx.binds = binds;
  try {
    await ctx.store.useTimeZone(ctx.session.parameters?.TIMEZONE ?? "UTC");
    return await dispatch(ctx, stmt);
  } finally {
    ctx.binds = saved;
  }
}
