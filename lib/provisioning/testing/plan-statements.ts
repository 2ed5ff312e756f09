// What a run sends to Snowflake, read off its plan the way the executor sends it: a step that goes into a
// Snowflake Scripting block (step-block.ts) runs each statement inside the block with its binds as literals, so a
// test can aim an emulator fault rule at exactly one step's statement there (emulator faults also match statements
// inside a block: emulator/server/script-faults.ts); a step sent alone (the proof code) keeps its text and binds.
import type { FaultRuleInput, QueryLogEntry } from "@/emulator/index";
import type { Plan, PlanStep, RevocationPlan } from "../plan-types";
import { blockable, blockStatementTexts } from "../step-block";
import { VERIFY_STEP_KEY, verifyStatements } from "../verify-share";

export type FaultMode = "transient" | "permanent";
/** One statement as the emulator sees it: the account locator and the request's SQL text. */
export type WireStatement = { locator: string; sql: string };

export const keyOf = (s: WireStatement) => `${s.locator}|${s.sql}`;

function wireTexts(step: PlanStep): string[] {
  return blockable(step) ? blockStatementTexts(step) : step.statements.map((s) => s.sql);
}

/** Every statement a run of this plan may send: the steps, their "already done?" checks, and verify. */
export function planStatements(plan: Plan | RevocationPlan, locators: Map<string, string>): WireStatement[] {
  const at = (accountId: string) => locators.get(accountId) ?? accountId;
  const out: WireStatement[] = [];
  for (const step of plan.steps) {
    for (const sql of wireTexts(step)) out.push({ locator: at(step.accountId), sql });
    out.push({ locator: at(step.accountId), sql: step.check.statement.sql });
  }
  if (plan.kind === "provision") {
    for (const s of verifyStatements(plan.shareName))
      out.push({ locator: at(plan.expectedShare.accountId), sql: s.sql });
  }
  return out;
}

/** The statement a fault on `stepKey` is aimed at: the INSERT of write-entitlements, DESC SHARE of verify, else the step's first. */
export function targetStatement(
  plan: Plan | RevocationPlan,
  stepKey: string,
  locators: Map<string, string>,
): WireStatement {
  const at = (accountId: string) => locators.get(accountId) ?? accountId;
  if (stepKey === VERIFY_STEP_KEY && plan.kind === "provision") {
    return { locator: at(plan.expectedShare.accountId), sql: verifyStatements(plan.shareName)[2].sql };
  }
  const step = plan.steps.find((s) => s.key === stepKey);
  if (!step) throw new Error(`plan has no step ${stepKey}`);
  const texts = wireTexts(step);
  return { locator: at(step.accountId), sql: stepKey === "write-entitlements" ? texts[texts.length - 1] : texts[0] };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Transient: Snowflake's "session no longer exists" (390111); permanent: an access-control error (003001). */
export function faultRule(target: WireStatement, mode: FaultMode): FaultRuleInput {
  const aim = { account: target.locator, sqlPattern: `^${escapeRegExp(target.sql)}$`, times: 1 };
  return mode === "transient"
    ? {
        ...aim,
        kind: "snowflake_error",
        code: "390111",
        sqlState: "08003",
        message: "Session no longer exists.  New login required to access the service.",
      }
    : {
        ...aim,
        kind: "snowflake_error",
        code: "003001",
        sqlState: "42501",
        message: "SQL access control error:\nInsufficient privileges to operate on share",
      };
}

/**
 * Log entries that ran `target` for this share: the statement sent alone (statements that bind the share name must
 * bind this one), or a block holding it as one of its statements (one log entry per block).
 */
export function runsOf(log: QueryLogEntry[], target: WireStatement, shareName: string): QueryLogEntry[] {
  return log.filter(
    (e) =>
      e.account.toUpperCase() === target.locator.toUpperCase() &&
      ((e.sqlText === target.sql && (!e.binds?.length || e.binds.some((b) => b.value === shareName))) ||
        (e.sqlText.startsWith("EXECUTE IMMEDIATE $$") &&
          e.sqlText.includes(`\n  ${target.sql};\n`) &&
          e.sqlText.includes(shareName))),
  );
}
