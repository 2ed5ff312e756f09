// Fault rules aimed at a statement also fire when that statement runs inside a Snowflake Scripting block (an
// anonymous block or a procedure): a `query` rule whose sqlPattern matches the embedded statement's text, as the
// block renders it (variables already replaced by literals), fails that statement with the rule's error, so the
// block's EXCEPTION handler sees it as it would see Snowflake's own (STATEMENT_ERROR with SQLCODE/SQLERRM/SQLSTATE).
// Only the script's own statements: the engine's internal SELECT of an expression (the block's $$ text among them)
// never meets a rule. Latency rules delay the statement; transport rules (HTTP errors, dropped connections) only apply to requests.
// Test machinery, not Snowflake behaviour (emulator/README.md "Fault injection").
import { setTimeout as delay } from "node:timers/promises";
import { SnowflakeError, type ExecHooks } from "../engine/types";
import type { QueryRequest } from "./run-statement";
import type { ServerState } from "./state";

export function scriptFaultHooks(state: ServerState, q: QueryRequest): ExecHooks {
  const ctx = q.session.context;
  return {
    async beforeScriptStatement(sqlText) {
      const rule = state.faults.take({
        target: "query",
        sqlText,
        accounts: [ctx.accountLocator, q.session.loginAccount],
        kinds: ["snowflake_error", "latency"],
      });
      if (rule?.kind === "latency") await delay(rule.ms);
      if (rule?.kind === "snowflake_error") throw new SnowflakeError(rule.code, rule.sqlState ?? "", rule.message);
    },
  };
}
