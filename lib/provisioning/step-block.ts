// Compiles consecutive plan steps on one provider account into ONE Snowflake Scripting block, so they cost one
// request instead of one (or, batched, 1 + one result GET per statement) per step. The block runs the steps'
// statements in order, stops at the first failure (its EXCEPTION handler catches it) and answers one ARRAY with an
// OBJECT per step that ran: its key, ok, the SQLROWCOUNT of its last statement, and for the failed one SQLCODE,
// SQLERRM and SQLSTATE. The executor records those per step exactly as it recorded separate requests.
//
// Documentation relied on (emulator/contract/scripting.contract.ts tests each):
// - a block sent as EXECUTE IMMEDIATE $$…$$ is one statement; its RETURN value comes back in one row:
//   https://docs.snowflake.com/en/sql-reference/sql/execute-immediate, https://docs.snowflake.com/en/developer-guide/snowflake-scripting/blocks
// - EXCEPTION WHEN OTHER with SQLCODE/SQLERRM/SQLSTATE: https://docs.snowflake.com/en/developer-guide/snowflake-scripting/exceptions
// - SQLROWCOUNT: https://docs.snowflake.com/en/developer-guide/snowflake-scripting/dml-status
//
// Values: whether the driver's `?` binds reach a top-level block's USING clause is not documented (EXECUTE
// IMMEDIATE documents USING with Snowflake Scripting variables), so the product does not depend on it: every bind
// goes in as a literal through the one quoting helper (inlineBinds → sqlStringLiteral's escaping). Steps whose
// value must never be written into SQL text (the one-time proof code: query history would keep it) are not
// compiled into blocks; the executor sends them alone, with the driver's bind.
import { z } from "zod";
import { inlineBinds, sqlStringLiteral, SqlBuildError, type Statement } from "@/lib/snowflake/sql-identifiers";
import type { PlanStep } from "./plan-types";

export type BlockStep = Pick<PlanStep, "key" | "statements">;

/** Whether a step may go into a block (everything but a step that takes a run-time secret as a bind). */
export const blockable = (step: Pick<PlanStep, "secretBind">): boolean => !step.secretBind;

/** The statement texts as they run inside the block (binds as literals): what the emulator's faults aim at. */
export function blockStatementTexts(step: BlockStep): string[] {
  return step.statements.map((s) => inlineBinds(s).sql);
}

export function compileStepBlock(steps: BlockStep[]): Statement {
  if (steps.length === 0) throw new SqlBuildError("a step block needs at least one step");
  // Lean on purpose: every Scripting expression is work for Snowflake's (and the emulator's) engine, so the only
  // one per step is the append of its outcome. SQLROWCOUNT there is its last statement's (an assignment is not a
  // SQL statement). A failure's step is the one after the last appended outcome: the handler needs no step key.
  const body: string[] = [];
  for (const step of steps) {
    for (const text of blockStatementTexts(step)) body.push(`  ${text};`);
    body.push(
      `  outcomes := ARRAY_APPEND(outcomes, OBJECT_CONSTRUCT('step', ${sqlStringLiteral(step.key)}, 'ok', TRUE, 'rows', SQLROWCOUNT));`,
    );
  }
  const text = [
    "EXECUTE IMMEDIATE $$",
    "DECLARE",
    "  outcomes ARRAY DEFAULT ARRAY_CONSTRUCT();",
    "BEGIN",
    ...body,
    "  RETURN outcomes;",
    "EXCEPTION",
    "  WHEN OTHER THEN",
    "    RETURN ARRAY_APPEND(outcomes, OBJECT_CONSTRUCT('ok', FALSE, 'code', SQLCODE, 'message', SQLERRM, 'state', SQLSTATE));",
    "END;",
    "$$",
  ];
  // The block's own delimiter: nothing inside may close it early (inlineBinds refuses $$ in statements; this
  // also covers identifiers).
  if (text.slice(1, -1).some((line) => line.includes("$$")))
    throw new SqlBuildError("a statement of the block contains $$");
  return { sql: text.join("\n") };
}

const outcomeSchema = z.object({
  /** Present on every succeeded step; a failure is the step after the last succeeded one. */
  step: z.string().optional(),
  ok: z.boolean(),
  /** SQLROWCOUNT of the step's last statement when it was DML (OBJECT_CONSTRUCT leaves out NULL: DDL has none). */
  rows: z.number().optional(),
  code: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
  state: z.string().optional(),
});
export type StepOutcome = z.infer<typeof outcomeSchema>;

/** The block's answer (its one row's "anonymous block" cell: an ARRAY, parsed by the SDK or as JSON text). */
export function parseBlockOutcomes(rows: Record<string, unknown>[]): StepOutcome[] {
  const cell = rows[0]?.["anonymous block"];
  const value = typeof cell === "string" ? JSON.parse(cell) : cell;
  return z.array(outcomeSchema).parse(value);
}
