// Calls of SQL UDFs in queries: `[db.][schema.]f(arg, …)` naming a function created with CREATE FUNCTION is
// inlined as `CAST((<body>) AS <return type>)`, and `TABLE([db.][schema.]f(arg, …))` in FROM naming a
// RETURNS TABLE function as a sub-query with the declared columns; the body is rewritten in the function's own
// naming context (the owner's — the provider's for a function reached through a share) with its arguments
// replaced by the caller's rewritten argument expressions. The caller needs USAGE on the function (or the share
// granting it); CURRENT_ACCOUNT() inside is the caller's session value. Inside the body INVOKER_SHARE() is NULL:
// "the context of the INVOKER_SHARE function is the UDF owner, not the share"
// (https://docs.snowflake.com/en/sql-reference/functions/invoker_share).
import type { ColumnSource } from "./resolve";
import type { FunctionMeta } from "./catalog";
import type { ExecCtx } from "./context";
import { errors } from "./errors";
import { identValue, qualified, quoteIdent } from "./identifiers";
import { databaseFor, type DbView, type NameCtx } from "./resolve";
import { parseSfType } from "./sf-types";
import { significant, tokenize, type Token } from "./tokenizer";
import type { RewriteEnv } from "./select-rewriter";

type Rewrite = (tokens: Token[], env: RewriteEnv) => string;

const isOp = (t: Token | undefined, v: string) => !!t && t.kind === "op" && t.value === v;
const isName = (t: Token | undefined) => !!t && (t.kind === "ident" || t.kind === "qident");
const placeholder = (k: number) => `__floe_udf_arg_${k}`;

type Found = { fn: FunctionMeta; where: [string, string]; body: NameCtx; open: number };

/**
 * The function a dotted name at tokens[i] calls, when it is a UDF the naming context may use: its own
 * account's (USAGE or ownership when the names are the session's), or one granted to the share a database was
 * mounted from. Anything else is left to DuckDB, whose unknown-function error the caller then gets.
 */
function lookup(tokens: Token[], i: number, env: RewriteEnv): Found | null {
  const parts: string[] = [];
  let j = i;
  for (;;) {
    parts.push(identValue(tokens[j]));
    if (isOp(tokens[j + 1], ".") && isName(tokens[j + 2])) j += 2;
    else {
      j++;
      break;
    }
  }
  if (!isOp(tokens[j], "(") || parts.length > 3) return null;
  const { database, schema, locator } = env.names;
  const full = parts.length === 3 ? parts : parts.length === 2 ? [database, ...parts] : [database, schema, parts[0]];
  if (!full[0] || !full[1]) return null;
  if (!env.ctx.catalog.accounts[locator]?.databases[full[0]]) return null;
  const found = findFunctionIn(env.ctx, env.names, full as string[]);
  return found ? { fn: found.fn, where: [full[0], full[1]!], body: found.body, open: j } : null;
}

/** A UDF [db, schema, name] as the naming context may use it, with the naming context its body runs in; null if missing or not granted. */
export function findFunctionIn(
  ctx: ExecCtx,
  names: NameCtx,
  full: string[],
): { fn: FunctionMeta; where: DbView; body: NameCtx } | null {
  let where: DbView;
  try {
    where = databaseFor(ctx, names, full[0]);
  } catch (e) {
    if ((e as { code?: string }).code === "002003") return null;
    throw e;
  }
  const home = where.db.schemas[full[1]];
  const fn = home?.functions?.[full[2]];
  if (!fn) return null;
  const allowed =
    !where.allows ||
    (where.allows("SCHEMA", [where.db.name, home.name], home.owner) &&
      where.allows("FUNCTION", [where.db.name, home.name, fn.name], fn.owner));
  if (!allowed) return null;
  return { fn, where, body: { locator: where.owner.account.locator, database: where.db.name, schema: home.name } };
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
    if (depth === 0 && isOp(t, ",")) {
      args.push(current);
      current = [];
      continue;
    }
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
export function udfCallAt(
  tokens: Token[],
  i: number,
  env: RewriteEnv,
  rewrite: Rewrite,
): { sql: string; next: number } | null {
  if (isOp(tokens[i - 1], ".")) return null;
  const found = lookup(tokens, i, env);
  if (!found || found.fn.returnsTable) return null;
  const { fn, close, body } = inline(tokens, found, env, rewrite);
  return { sql: `CAST((${body}) AS ${parseSfType(fn.returns).duck})`, next: close + 1 };
}

/**
 * At tokens[i] = TABLE followed by `(f(…))` naming a table function: the sub-query with its declared columns
 * (cast to their types), the index after the closing `)`, and the source its columns' metadata come from.
 */
export function udtfCallAt(
  tokens: Token[],
  i: number,
  env: RewriteEnv,
  rewrite: Rewrite,
): { sql: string; next: number; name: string; source: ColumnSource } | null {
  if (!isOp(tokens[i + 1], "(") || !isName(tokens[i + 2])) return null;
  const found = lookup(tokens, i + 2, env);
  if (!found) return null;
  if (!found.fn.returnsTable)
    throw errors.invalid(
      `Function '${qualified(found.where[0], found.where[1], found.fn.name)}' is not a table function; call it outside TABLE(…).`,
    );
  const { fn, close, body } = inline(tokens, found, env, rewrite);
  if (!isOp(tokens[close + 1], ")"))
    throw errors.syntax(
      tokens[close + 1]?.line ?? 1,
      (tokens[close + 1]?.column ?? 1) - 1,
      tokens[close + 1]?.value ?? "<EOF>",
    );
  const cols = fn.returnsTable!;
  const list = cols.map((c) => quoteIdent(c.name)).join(", ");
  const items = cols
    .map((c) => `CAST(${quoteIdent(c.name)} AS ${parseSfType(c.sfType).duck}) AS ${quoteIdent(c.name)}`)
    .join(", ");
  return {
    sql: `(SELECT ${items} FROM (${body}) AS _floe_udtf(${list}))`,
    next: close + 2,
    name: fn.name,
    source: {
      columns: cols.map((c) => ({ ...c, nullable: true, comment: null })),
      database: found.where[0],
      schema: found.where[1],
      table: fn.name,
    },
  };
}

/** The call's arguments rewritten in the caller's context and substituted into the body rewritten in the owner's. */
function inline(
  tokens: Token[],
  found: Found,
  env: RewriteEnv,
  rewrite: Rewrite,
): { fn: FunctionMeta; close: number; body: string } {
  const { fn, where, open } = found;
  const { args, close } = callArguments(tokens, open);
  if (args.length !== fn.args.length) {
    throw errors.invalid(
      `Invalid argument count for function '${qualified(where[0], where[1], fn.name)}': expected ${fn.args.length}, got ${args.length}.`,
    );
  }
  const argSql = args.map((a) => rewrite(a, { ...env, topLevel: false, writeTarget: false }));
  const body = rewrite(bodyWithPlaceholders(fn), {
    ...env,
    names: found.body,
    depth: env.depth + 1,
    sources: [],
    binds: null,
    writeTarget: false,
    topLevel: false,
    invokerShare: null,
  });
  return { fn, close, body: fillPlaceholders(body, argSql) };
}
