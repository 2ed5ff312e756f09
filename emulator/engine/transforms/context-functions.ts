// Context functions: CURRENT_ACCOUNT(), CURRENT_ROLE(), CURRENT_REGION(), INVOKER_SHARE() … become literals of the
// session's values (context.ts sessionValues), so a view expanded in its owner's naming context still answers with
// the caller's session (owner's rights). The current-moment functions (CURRENT_TIMESTAMP, CURRENT_DATE, SYSDATE, …,
// with or without parentheses) read the engine's clock (tests freeze and advance it), not DuckDB's now():
// CURRENT_TIMESTAMP, LOCALTIMESTAMP and GETDATE are TIMESTAMP_LTZ (the driver renders them in the session's
// TIMEZONE); SYSDATE is TIMESTAMP_NTZ in UTC; CURRENT_DATE is the session zone's date (DuckDB's TimeZone is the
// session's). current_timestamp, localtimestamp, sysdate pages of
// https://docs.snowflake.com/en/sql-reference/functions-date-time.
import { clockOf, sessionValues } from "../context";
import { firstToken, isGroup, isOp, mapLists, raw, type Node } from "../front/tree";
import { quoteString } from "../identifiers";
import { syntaxAt } from "../query-shape";
import type { RewriteEnv } from "../select-rewriter";
import type { Transform } from "./transform";

const MOMENT_FUNCS = new Set([
  "CURRENT_TIMESTAMP",
  "CURRENT_DATE",
  "CURRENT_TIME",
  "LOCALTIMESTAMP",
  "SYSDATE",
  "GETDATE",
]);

function currentMoment(env: RewriteEnv, upper: string): string {
  const ts = `CAST(${quoteString(clockOf(env.ctx).nowIso())} AS TIMESTAMPTZ)`;
  if (upper === "CURRENT_DATE") return `CAST(${ts} AS DATE)`;
  if (upper === "CURRENT_TIME") return `CAST(${ts} AS TIME)`;
  if (upper === "SYSDATE") return `(${ts} AT TIME ZONE 'UTC')`;
  return ts;
}

export const contextFunctions: Transform = {
  name: "context functions",
  apply(nodes, env) {
    const values: Record<string, string | null> = {
      ...sessionValues(env.ctx),
      INVOKER_SHARE: env.invokerShare ?? null,
    };
    return mapLists(nodes, (list) => {
      const out: Node[] = [];
      for (let k = 0; k < list.length; k++) {
        const n = list[k];
        const next = list[k + 1];
        const upper = n.kind === "ident" ? n.value.toUpperCase() : "";
        const call = isGroup(next);
        if (!upper || isOp(list[k - 1], ".") || isOp(next, ".")) {
          out.push(n);
          continue;
        }
        if (call && upper in values) {
          if (next.items.length) throw syntaxAt(firstToken(next.items[0]));
          const v = values[upper];
          out.push(raw(v === null ? "NULL" : quoteString(v), n as never));
          k++;
        } else if (MOMENT_FUNCS.has(upper) && (!call || next.items.length === 0)) {
          out.push(raw(currentMoment(env, upper), n as never));
          if (call) k++;
        } else out.push(n);
      }
      return out;
    });
  },
};
