// Calls of SQL UDFs in queries: `[db.][schema.]f(arg, …)` naming a function created with CREATE FUNCTION is
// inlined as `CAST((<body>) AS <return type>)`, the body rewritten in the function's own naming context (the
// owner's) with its arguments replaced by the caller's rewritten argument expressions. Inside the body
// INVOKER_SHARE() is NULL: "the context of the INVOKER_SHARE function is the UDF owner, not the share"
// (https://docs.snowflake.com/en/sql-reference/functions/invoker_share).
import type { FunctionMeta } from "./catalog";
import { errors } from "./errors";
import { identValue, qualified, quoteIdent } from "./identifiers";
import { parseSfType } from "./sf-types";
import { significant, tokenize, type Token } from "./tokenizer";
import type { RewriteEnv } from "./select-rewriter";

type Rewrite = (tokens: Token[], env: RewriteEnv) => string;

const isOp = (t: Token | undefined, v: string) => !!t && t.kind === "op" && t.value === v;
const isName = (t: Token | undefined) => !!t && (t.kind === "ident" || t.kind === "qident");
const placeholder = (k: number) => `__floe_udf_arg_${k}`;

/** The function a dotted name at tokens[i] calls, when it is a UDF of the naming context's account. */
function lookup(tokens: Token[], i: number, env: RewriteEnv): { fn: FunctionMeta; where: [string, string]; open: number } | null {
  const parts: string[] = [];
  let j = i;
  for (;;) {
    parts.push(identValue(tokens[j]));
    if (isOp(tokens[j + 1], ".") && isName(tokens[j + 2])) j += 2;
    else { j++; break; }
  }
  if (!isOp(tokens[j], "(") || parts.length > 3) return null;
  const { database, schema, locator } = env.names;
  const full = parts.length === 3 ? parts : parts.length === 2 ? [database, ...parts] : [database, schema, parts[0]];
  if (!full[0] || !full[1]) return null;
  const db = env.ctx.catalog.accounts[locator]?.databases[full[0]];
  if (!db || db.kind === "IMPORTED") return null; // shared (secure) functions are not modelled
  const fn = db.schemas[full[1]]?.functions?.[full[2]!];
  return fn ? { fn, where: [full[0], full[1]!], open: j } : null;
}

/** Splits `( a, f(b, c), d )` starting at tokens[open] into its top-level argument token lists. */
function callArguments(tokens: Token[], open: number): { args: Token[][]; close: number } {
  const args: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (let k = open + 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (isOp(t, "(")) depth++;
    if (isOp(t, ")")) {
      if (depth === 0) {
        if (current.length || args.length) args.push(current);
        return { args, close: k };
      }
      depth--;
    }
    if (depth === 0 && isOp(t, ",")) { args.push(current); current = []; continue; }
    current.push(t);
  }
  throw errors.syntax(tokens[open].line, tokens[open].column - 1, "(");
}

/** The body's tokens with each argument name replaced by a placeholder identifier. */
export function bodyWithPlaceholders(fn: FunctionMeta): Token[] {
  const byArg = new Map(fn.args.map((a, k) => [a.name, k]));
  const tokens = significant(tokenize(fn.body));
  return tokens.map((t, k) => {
    const qualifiedPart = isOp(tokens[k - 1], ".");
    const qualifier = isOp(tokens[k + 1], ".") || isOp(tokens[k + 1], "(");
    const arg = isName(t) && !qualifiedPart && !qualifier ? byArg.get(identValue(t)) : undefined;
    return arg === undefined ? t : { ...t, kind: "qident" as const, value: placeholder(arg) };
  });
}

/** Substitutes the placeholders in a rewritten body. */
export const fillPlaceholders = (sql: string, args: string[]) =>
  args.reduce((out, arg, k) => out.split(quoteIdent(placeholder(k))).join(`(${arg})`), sql);

/** At tokens[i] (a name not after a `.`): the inlined UDF call and the index after its `)`, or null. */
export function udfCallAt(tokens: Token[], i: number, env: RewriteEnv, rewrite: Rewrite): { sql: string; next: number } | null {
  if (isOp(tokens[i - 1], ".")) return null;
  const found = lookup(tokens, i, env);
  if (!found) return null;
  const { fn, where, open } = found;
  const { args, close } = callArguments(tokens, open);
  if (args.length !== fn.args.length) {
    throw errors.invalid(`Invalid argument count for function '${qualified(where[0], where[1], fn.name)}': expected ${fn.args.length}, got ${args.length}.`);
  }
  const argSql = args.map((a) => rewrite(a, { ...env, topLevel: false, writeTarget: false }));
  const body = rewrite(bodyWithPlaceholders(fn), {
    ...env,
    names: { locator: env.names.locator, database: where[0], schema: where[1] },
    depth: env.depth + 1,
    sources: [],
    binds: null,
    writeTarget: false,
    topLevel: false,
    invokerShare: null,
  });
  return { sql: `CAST((${fillPlaceholders(body, argSql)}) AS ${parseSfType(fn.returns).duck})`, next: close + 1 };
}
