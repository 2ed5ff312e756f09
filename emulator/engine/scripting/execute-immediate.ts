// The statements that start Snowflake Scripting from a request: EXECUTE IMMEDIATE '<text>' | $$<text>$$ | ?
// [USING (…)] (https://docs.snowflake.com/en/sql-reference/sql/execute-immediate) and an anonymous block sent as
// is (DECLARE … / BEGIN … END). The whole block is this one statement: one request, its RETURN value inline.
import type { ExecCtx } from "../context";
import type { Partial } from "../result";
import type { SplitStatement } from "../split-statements";
import { SnowflakeError } from "../types";
import { bindRows } from "../binds";
import { ScriptException } from "./exceptions";
import type { Frame } from "./frame";
import { parseScript } from "./parse-block";
import { evaluate } from "./evaluate";
import { runAnonymous, runText } from "./run-block";
import { Scope } from "./scope";
import { fromBind, type ScriptValue } from "./values";

const MAX_DEPTH = 100; // nesting of EXECUTE IMMEDIATE / CALL (Snowflake's own limit is not documented here: unverified)

export function topFrame(ctx: ExecCtx, text: string, binds: ScriptValue[]): Frame {
  const depth = (ctx.scripting?.depth ?? 0) + 1;
  if (depth > MAX_DEPTH)
    throw new SnowflakeError(
      "100183",
      "P0000",
      `Maximum nesting depth of ${MAX_DEPTH} exceeded in Snowflake Scripting.`,
    );
  return { ctx, text, binds, positional: 0, ownerRights: ctx.scripting?.ownerRights ?? false, rowCount: null, depth };
}

const requestBinds = (ctx: ExecCtx) => bindRows(ctx.binds)[0].map(fromBind);

/** Runs `fn` with ctx.scripting set for the frame (so a nested CALL knows its depth and rights). */
export async function inScripting<T>(ctx: ExecCtx, frame: Frame, fn: () => Promise<T>): Promise<T> {
  const saved = ctx.scripting;
  ctx.scripting = { ownerRights: frame.ownerRights, depth: frame.depth };
  try {
    return await fn();
  } finally {
    ctx.scripting = saved;
  }
}

export async function executeImmediateStatement(ctx: ExecCtx, stmt: SplitStatement): Promise<Partial> {
  const [s, extra] = parseScript(stmt.text);
  if (s?.kind !== "execute-immediate" || extra)
    throw new SnowflakeError("001003", "42000", "SQL compilation error:\nsyntax error in EXECUTE IMMEDIATE.");
  const frame = topFrame(ctx, stmt.text, requestBinds(ctx));
  return inScripting(ctx, frame, async () => {
    try {
      const scope = new Scope();
      const text = await evaluate(frame, scope, s.target);
      if (typeof text.value !== "string")
        throw new SnowflakeError("002029", "42601", "SQL compilation error:\nEXECUTE IMMEDIATE needs a string.");
      const using: ScriptValue[] = [];
      for (const u of s.using) using.push(await evaluate(frame, scope, u));
      return await runText(frame, text.value, s.using.length ? using : frame.binds);
    } catch (e) {
      throw e instanceof ScriptException ? (e.cause ?? e.toUncaught()) : e;
    }
  });
}

export function anonymousBlockStatement(ctx: ExecCtx, stmt: SplitStatement): Promise<Partial> {
  const frame = topFrame(ctx, stmt.text, requestBinds(ctx));
  return inScripting(ctx, frame, () => runAnonymous(frame));
}
