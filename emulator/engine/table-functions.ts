// Table functions in FROM: `TABLE([<db>.]INFORMATION_SCHEMA.<FN>(<args>))`. POLICY_REFERENCES (its own parser,
// policy-references.ts), TASK_HISTORY (task-history.ts) and REPLICATION_GROUP_REFRESH_HISTORY
// (refresh-history.ts). Any other `TABLE(…)` stays "not supported".
import { errors } from "./errors";
import { identValue } from "./identifiers";
import { policyReferencesCall } from "./policy-references";
import { refreshHistorySql } from "./refresh-history";
import type { RewriteEnv } from "./select-rewriter";
import { taskHistorySql } from "./task-history";
import type { Token } from "./tokenizer";

type Rewrite = (tokens: Token[], env: RewriteEnv) => string;

const isOp = (t: Token | undefined, v: string) => !!t && t.kind === "op" && t.value === v;
const isName = (t: Token | undefined) => !!t && (t.kind === "ident" || t.kind === "qident");

/** An argument: its name (named `NAME => expr`, upper case) or null (positional), its tokens and its SQL. */
export type FnArg = { name: string | null; tokens: Token[]; sql: string };

/** At tokens[i] = TABLE: the replacement SQL, the index after the closing parenthesis and the function's name. */
export function tableFunctionCall(
  env: RewriteEnv,
  tokens: Token[],
  i: number,
  rewrite: Rewrite,
): { sql: string; next: number; name: string } | null {
  let k = i + 2; // after TABLE (
  const fn: string[] = [];
  while (isName(tokens[k])) {
    fn.push(identValue(tokens[k]));
    if (!isOp(tokens[k + 1], ".")) {
      k++;
      break;
    }
    k += 2;
  }
  const name = fn[fn.length - 1];
  if (!name || (fn.length > 1 && fn[fn.length - 2] !== "INFORMATION_SCHEMA") || !isOp(tokens[k], "(")) return null;
  if (name === "POLICY_REFERENCES") {
    const call = policyReferencesCall(env.ctx, env.names, tokens, i);
    return call && { ...call, name };
  }
  if (name !== "TASK_HISTORY" && name !== "REPLICATION_GROUP_REFRESH_HISTORY") return null;
  const database = fn.length === 3 ? fn[0] : env.names.database;
  if (!database) throw errors.noCurrentDatabase(name);
  const { args, close } = readArgs(tokens, k, env, rewrite);
  if (!isOp(tokens[close + 1], ")")) throw errors.invalid(`${name}: expected ')'.`);
  const sql = name === "TASK_HISTORY" ? taskHistorySql(env, database, args) : refreshHistorySql(env, database, args);
  return { sql: `(${sql})`, next: close + 2, name };
}

function readArgs(tokens: Token[], open: number, env: RewriteEnv, rewrite: Rewrite): { args: FnArg[]; close: number } {
  const args: FnArg[] = [];
  let k = open + 1;
  while (tokens[k] && !isOp(tokens[k], ")")) {
    let name: string | null = null;
    if (isName(tokens[k]) && isOp(tokens[k + 1], "=>")) {
      name = identValue(tokens[k]);
      k += 2;
    }
    const start = k;
    let depth = 0;
    while (tokens[k] && !(depth === 0 && (isOp(tokens[k], ",") || isOp(tokens[k], ")")))) {
      if (isOp(tokens[k], "(")) depth++;
      else if (isOp(tokens[k], ")")) depth--;
      k++;
    }
    const part = tokens.slice(start, k);
    if (part.length === 0) throw errors.invalid("Table function argument expected.");
    const sql = rewrite(part, { ...env, depth: env.depth + 1, sources: [], topLevel: false, writeTarget: false });
    args.push({ name, tokens: part, sql });
    if (isOp(tokens[k], ",")) k++;
  }
  if (!tokens[k]) throw errors.invalid("Table function: expected ')'.");
  return { args, close: k };
}

/** A string-literal argument's value (TASK_NAME => 'T'), or undefined when absent. */
export function stringArg(args: FnArg[], name: string | null, fn: string): string | undefined {
  const a = name === null ? args.find((x) => x.name === null) : args.find((x) => x.name === name);
  if (!a) return undefined;
  if (a.tokens.length !== 1 || a.tokens[0].kind !== "string")
    throw errors.invalid(`${fn}: ${name ?? "the argument"} must be a string literal.`);
  return a.tokens[0].value;
}
