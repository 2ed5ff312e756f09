// Scripting expressions: `SELECT <expr>` through the engine with the variables rendered as typed literals (cast to a
// declared type when there is one); literals and plain variable references skip the round trip. A failure is an
// EXPRESSION_ERROR (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/exceptions).
import { identValue } from "../identifiers";
import { SnowflakeError } from "../types";
import type { Tokens } from "./ast";
import { ScriptException, type Where } from "./exceptions";
import { runStatement, type Frame } from "./frame";
import { render, valueOf } from "./render";
import type { Scope } from "./scope";
import { columnSfType, numberValue, sqlLiteral, textValue, type ScriptValue } from "./values";

/** Rethrows a Snowflake error as the Scripting exception of that kind, raised at `where`. */
export const wrapError =
  (type: "STATEMENT_ERROR" | "EXPRESSION_ERROR", where: Where) =>
  (e: unknown): never => {
    if (e instanceof SnowflakeError) throw ScriptException.fromError(type, e, where);
    throw e;
  };

/** `SELECT <expr>` (cast to the declared type) → a typed value. */
export async function evaluate(
  frame: Frame,
  scope: Scope,
  expr: Tokens,
  sfType: string | null = null,
): Promise<ScriptValue> {
  const quick = sfType === null ? quickValue(frame, scope, expr) : undefined;
  if (quick) return quick;
  try {
    const sql = render(frame, scope, expr, true);
    const r = await runStatement(frame, `SELECT ${sfType ? `CAST((${sql}) AS ${sfType})` : sql} AS V`, undefined, {
      expression: true,
    });
    return { sfType: sfType ?? columnSfType(r.columns[0]), value: r.rows[0]?.[0] ?? null };
  } catch (e) {
    return wrapError("EXPRESSION_ERROR", expr)(e);
  }
}

/** Literals and plain variable references need no round trip through DuckDB (loops stay cheap). */
function quickValue(frame: Frame, scope: Scope, expr: Tokens): ScriptValue | undefined {
  if (expr.tokens.length !== 1) return undefined;
  const t = expr.tokens[0];
  if (t.kind === "number" && /^\d{1,15}$/.test(t.value)) return numberValue(BigInt(t.value));
  if (t.kind === "string" && frame.text[t.start] === "'") return textValue(t.value);
  if (t.kind === "ident" && /^(TRUE|FALSE)$/i.test(t.value))
    return { sfType: "BOOLEAN", value: /^TRUE$/i.test(t.value) };
  if (t.kind === "ident" || t.kind === "qident") return valueOf(frame, scope, identValue(t));
  return undefined;
}

// CASE <operand> WHEN <v>: the branch is taken when operand = v (SQL equality, so NULL never matches).
export async function equal(frame: Frame, a: ScriptValue, b: ScriptValue): Promise<ScriptValue> {
  const r = await runStatement(frame, `SELECT ${sqlLiteral(a)} = ${sqlLiteral(b)} AS V`, undefined, {
    expression: true,
  });
  return { sfType: "BOOLEAN", value: r.rows[0]?.[0] ?? null };
}
