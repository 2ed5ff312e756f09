// Scalar SQL UDFs: CREATE [OR REPLACE] [SECURE] FUNCTION [IF NOT EXISTS] f(arg TYPE, …) RETURNS TYPE … AS '<expression>'
// and DROP FUNCTION [IF EXISTS] f(TYPE, …) (https://docs.snowflake.com/en/sql-reference/sql/create-function,
// …/drop-function). Calls are inlined by ../udf.ts. No overloading, no table functions, SQL only.
import { nowIso, type FunctionMeta } from "../catalog";
import type { ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { quoteIdent } from "../identifiers";
import { mapQueryError } from "../query-errors";
import { status, type Partial } from "../result";
import { rewriteQueryMapped } from "../select-rewriter";
import { parseSfType } from "../sf-types";
import { bodyWithPlaceholders } from "../udf";
import { ifNotExists, readSfType, targetSchema, type CreateFlags } from "./objects";

/** Compiles the body once against typed NULL arguments, so CREATE reports a broken body. */
async function validate(ctx: ExecCtx, fn: FunctionMeta, where: [string, string]) {
  const tokens = bodyWithPlaceholders(fn);
  const rewritten = rewriteQueryMapped(tokens, {
    ctx, names: { locator: ctx.me.account.locator, database: where[0], schema: where[1], checked: true }, command: "CREATE FUNCTION",
    depth: 1, sources: [], binds: null, writeTarget: false, topLevel: false, invokerShare: null,
  });
  // A FROM even without arguments, so an unknown name is DuckDB's "not found in FROM clause" (mapped to 000904).
  const args = fn.args.map((a, k) => `CAST(NULL AS ${parseSfType(a.sfType).duck}) AS ${quoteIdent(`__floe_udf_arg_${k}`)}`);
  const from = ` FROM (SELECT ${args.length ? args.join(", ") : "1 AS _floe_none"})`;
  try {
    await ctx.store.queryRaw(`SELECT CAST((${rewritten.sql}) AS ${parseSfType(fn.returns).duck})${from} LIMIT 0`);
  } catch (e) {
    throw await mapQueryError(e, ctx.store, rewritten, tokens);
  }
}

export async function createFunction(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Promise<Partial> {
  const ine = ifNotExists(c, flags);
  const t = targetSchema(ctx, c.qualifiedName(3), "CREATE FUNCTION");
  c.expectOp("(");
  const args: FunctionMeta["args"] = [];
  if (!c.isOp(")")) do args.push({ name: c.name(), sfType: readSfType(c) }); while (c.acceptOp(","));
  c.expectOp(")");
  c.acceptKw("COPY", "GRANTS");
  c.expectKw("RETURNS");
  if (c.isKw("TABLE")) throw errors.unsupported("CREATE FUNCTION … RETURNS TABLE");
  const returns = readSfType(c);
  let comment: string | null = null;
  while (!c.isKw("AS")) {
    if (c.acceptKw("LANGUAGE")) { if (!c.acceptKw("SQL")) throw errors.unsupported(`CREATE FUNCTION … LANGUAGE ${c.peek()?.value.toUpperCase() ?? ""}`); }
    else if (c.acceptKw("COMMENT")) { c.acceptOp("="); comment = c.string(); }
    else if (c.acceptKw("NOT", "NULL") || c.acceptKw("NULL") || c.acceptKw("CALLED", "ON", "NULL", "INPUT") || c.acceptKw("RETURNS", "NULL", "ON", "NULL", "INPUT")
      || c.acceptKw("STRICT") || c.acceptKw("VOLATILE") || c.acceptKw("IMMUTABLE") || c.acceptKw("MEMOIZABLE")) { /* accepted, not modelled */ }
    else throw c.fail();
  }
  c.expectKw("AS");
  const body = c.string(); // '…' or $$…$$
  c.expectEnd();
  const existing = t.schema.functions?.[t.name];
  if (existing) {
    if (ine) return status(`${t.name} already exists, statement succeeded.`);
    if (!flags.orReplace) throw errors.alreadyExists(t.display);
  }
  const fn: FunctionMeta = { name: t.name, args, returns, body, secure: flags.secure, comment, createdOn: nowIso(), owner: ctx.session.role };
  await validate(ctx, fn, [t.db.name, t.schema.name]);
  (t.schema.functions ??= {})[t.name] = fn;
  ctx.dirty = true;
  return status(`Function ${t.name} successfully created.`);
}

/** `(TYPE, …)` after a function's name in DROP / GRANT … ON FUNCTION / SHOW GRANTS ON FUNCTION (no overloading: read, not matched). */
export function readSignature(c: Cursor): string[] {
  const types: string[] = [];
  c.expectOp("(");
  if (!c.isOp(")")) do types.push(readSfType(c)); while (c.acceptOp(","));
  c.expectOp(")");
  return types;
}

export function dropFunction(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const parts = c.qualifiedName(3);
  readSignature(c);
  c.expectEnd();
  const t = targetSchema(ctx, parts, "DROP FUNCTION");
  if (!t.schema.functions?.[t.name]) {
    if (ifExists) return status(`Drop statement executed successfully (${t.name} already dropped).`);
    throw errors.doesNotExist("Function", t.display);
  }
  delete t.schema.functions[t.name];
  ctx.dirty = true;
  return status(`${t.name} successfully dropped.`);
}
