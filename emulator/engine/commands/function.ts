// SQL UDFs: CREATE [OR REPLACE] [SECURE] FUNCTION [IF NOT EXISTS] f(arg TYPE, …) RETURNS TYPE | TABLE (col TYPE, …)
// … AS '<expression or query>', DROP FUNCTION [IF EXISTS] f(TYPE, …), SHOW [USER] FUNCTIONS, DESCRIBE FUNCTION
// (https://docs.snowflake.com/en/sql-reference/sql/create-function, …/drop-function, …/show-user-functions,
// …/desc-function, developer-guide/udf/sql/udf-sql-tabular-functions). A secure function's body is shown to its
// owner only (developer-guide/secure-udf-procedure). Calls are inlined by ../udf.ts. No overloading, SQL only.
import { nowIso, type FunctionMeta, type SchemaMeta } from "../catalog";
import { qualified } from "../identifiers";
import { bodyVisible, signatureOf, visibleFunctions } from "../function-visibility";
import { completeName, databaseFor, visibleSchemas, type DbView } from "../resolve";
import type { CellValue } from "../types";
import { sessionNames } from "./query";
import type { ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { quoteIdent } from "../identifiers";
import { mapQueryError } from "../query-errors";
import { status, table, TYPE_IDS, type Partial } from "../result";
import { rewriteQueryMapped } from "../select-rewriter";
import { parseSfType } from "../sf-types";
import { bodyWithPlaceholders, fillPlaceholders } from "../udf";
import { ifNotExists, readSfType, targetSchema, type CreateFlags } from "./objects";

/** Compiles the body once against typed NULL arguments, so CREATE reports a broken body. */
async function validate(ctx: ExecCtx, fn: FunctionMeta, where: [string, string]) {
  if (fn.returnsTable) return validateTable(ctx, fn, where);
  const tokens = bodyWithPlaceholders(fn);
  const rewritten = rewriteQueryMapped(tokens, {
    ctx,
    names: { locator: ctx.me.account.locator, database: where[0], schema: where[1], checked: true },
    command: "CREATE FUNCTION",
    depth: 1,
    sources: [],
    binds: null,
    writeTarget: false,
    topLevel: false,
    invokerShare: null,
  });
  // A FROM even without arguments, so an unknown name is DuckDB's "not found in FROM clause" (mapped to 000904).
  const args = fn.args.map(
    (a, k) => `CAST(NULL AS ${parseSfType(a.sfType).duck}) AS ${quoteIdent(`__floe_udf_arg_${k}`)}`,
  );
  const from = ` FROM (SELECT ${args.length ? args.join(", ") : "1 AS _floe_none"})`;
  try {
    await ctx.store.queryRaw(`SELECT CAST((${rewritten.sql}) AS ${parseSfType(fn.returns).duck})${from} LIMIT 0`);
  } catch (e) {
    throw await mapQueryError(e, ctx.store, rewritten, tokens);
  }
}

/** A table function's body is a query returning the declared number of columns (udf-sql-tabular-functions). */
async function validateTable(ctx: ExecCtx, fn: FunctionMeta, where: [string, string]) {
  const tokens = bodyWithPlaceholders(fn);
  const rewritten = rewriteQueryMapped(tokens, {
    ctx,
    names: { locator: ctx.me.account.locator, database: where[0], schema: where[1], checked: true },
    command: "CREATE FUNCTION",
    depth: 1,
    sources: [],
    binds: null,
    writeTarget: false,
    topLevel: false,
    invokerShare: null,
  });
  const sql = fillPlaceholders(
    rewritten.sql,
    fn.args.map((a) => `CAST(NULL AS ${parseSfType(a.sfType).duck})`),
  );
  let columns: number;
  try {
    columns = (await ctx.store.queryRaw(`SELECT * FROM (${sql}) LIMIT 0`)).columns.length;
  } catch (e) {
    throw await mapQueryError(e, ctx.store, rewritten, tokens);
  }
  // Unverified text: the documented rule is that the output must match RETURNS TABLE.
  if (columns !== fn.returnsTable!.length)
    throw errors.invalid(
      `Function '${fn.name}': the query returns ${columns} columns but RETURNS TABLE declares ${fn.returnsTable!.length}.`,
    );
}

export async function createFunction(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Promise<Partial> {
  const ine = ifNotExists(c, flags);
  const t = targetSchema(ctx, c.qualifiedName(3), "CREATE FUNCTION");
  c.expectOp("(");
  const args: FunctionMeta["args"] = [];
  if (!c.isOp(")"))
    do args.push({ name: c.name(), sfType: readSfType(c) });
    while (c.acceptOp(","));
  c.expectOp(")");
  c.acceptKw("COPY", "GRANTS");
  c.expectKw("RETURNS");
  let returnsTable: FunctionMeta["returnsTable"];
  if (c.acceptKw("TABLE")) {
    returnsTable = [];
    c.expectOp("(");
    do returnsTable.push({ name: c.name(), sfType: readSfType(c) });
    while (c.acceptOp(","));
    c.expectOp(")");
  }
  const returns = returnsTable
    ? `TABLE (${returnsTable.map((col) => `${col.name} ${col.sfType}`).join(", ")})`
    : readSfType(c);
  let comment: string | null = null;
  while (!c.isKw("AS")) {
    if (c.acceptKw("LANGUAGE")) {
      if (!c.acceptKw("SQL"))
        throw errors.unsupported(`CREATE FUNCTION … LANGUAGE ${c.peek()?.value.toUpperCase() ?? ""}`);
    } else if (c.acceptKw("COMMENT")) {
      c.acceptOp("=");
      comment = c.string();
    } else if (
      c.acceptKw("NOT", "NULL") ||
      c.acceptKw("NULL") ||
      c.acceptKw("CALLED", "ON", "NULL", "INPUT") ||
      c.acceptKw("RETURNS", "NULL", "ON", "NULL", "INPUT") ||
      c.acceptKw("STRICT") ||
      c.acceptKw("VOLATILE") ||
      c.acceptKw("IMMUTABLE") ||
      c.acceptKw("MEMOIZABLE")
    ) {
      /* accepted, not modelled */
    } else throw c.fail();
  }
  c.expectKw("AS");
  const body = c.string(); // '…' or $$…$$
  c.expectEnd();
  const existing = t.schema.functions?.[t.name];
  if (existing) {
    if (ine) return status(`${t.name} already exists, statement succeeded.`);
    if (!flags.orReplace) throw errors.alreadyExists(t.display);
  }
  const fn: FunctionMeta = {
    name: t.name,
    args,
    returns,
    body,
    secure: flags.secure,
    comment,
    createdOn: nowIso(),
    owner: ctx.session.role,
    ...(returnsTable ? { returnsTable } : {}),
  };
  await validate(ctx, fn, [t.db.name, t.schema.name]);
  (t.schema.functions ??= {})[t.name] = fn;
  ctx.dirty = true;
  return status(`Function ${t.name} successfully created.`);
}

/** `(TYPE, …)` after a function's name in DROP / GRANT … ON FUNCTION / SHOW GRANTS ON FUNCTION (no overloading: read, not matched). */
export function readSignature(c: Cursor): string[] {
  const types: string[] = [];
  c.expectOp("(");
  if (!c.isOp(")"))
    do types.push(readSfType(c));
    while (c.acceptOp(","));
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

/** SHOW [USER] FUNCTIONS rows (show-user-functions columns; UDFs only — built-ins are not listed). */
export function showFunctionRows(ctx: ExecCtx, where: DbView, schema: SchemaMeta, like: RegExp | null): CellValue[][] {
  return visibleFunctions(where, schema)
    .filter((f) => !like || like.test(f.name))
    .map((f) => {
      const args = `${f.name}(${f.args.map((a) => a.sfType).join(", ")}) RETURN ${f.returns}`;
      return [
        f.createdOn,
        f.name,
        schema.name,
        "N",
        "N",
        "N",
        String(f.args.length),
        String(f.args.length),
        args,
        f.comment ?? "user-defined function",
        where.localName,
        f.returnsTable ? "Y" : "N",
        "N",
        f.secure ? "Y" : "N",
        "",
        "",
        "N",
        "SQL",
        "N",
        "N",
      ];
    });
}

export const SHOW_FUNCTION_COLUMNS = [
  "created_on",
  "name",
  "schema_name",
  "is_builtin",
  "is_aggregate",
  "is_ansi",
  "min_num_arguments",
  "max_num_arguments",
  "arguments",
  "description",
  "catalog_name",
  "is_table_function",
  "valid_for_clustering",
  "is_secure",
  "secrets",
  "external_access_integrations",
  "is_external_function",
  "language",
  "is_memoizable",
  "is_data_metric",
];

/** DESC[RIBE] FUNCTION f(TYPE, …): property/value rows; the body only for callers who may read it. */
export function describeFunction(ctx: ExecCtx, c: Cursor): Partial {
  const parts = c.qualifiedName(3);
  readSignature(c);
  c.expectEnd();
  const found = findFunction(ctx, parts, "DESCRIBE FUNCTION");
  const { fn, where } = found;
  const rows: CellValue[][] = [
    ["signature", signatureOf(fn)],
    ["returns", fn.returns],
    ["language", "SQL"],
    ["null handling", "CALLED ON NULL INPUT"],
    ["volatility", "VOLATILE"],
  ];
  if (bodyVisible(ctx, where, fn)) rows.push(["body", fn.body]);
  return table(["property", "value"], rows, TYPE_IDS.DESCRIBE);
}

/** A function by 1-3 part name as the session sees it (002003 when missing or not visible). */
export function findFunction(
  ctx: ExecCtx,
  parts: string[],
  command: string,
): { fn: FunctionMeta; where: DbView; schema: SchemaMeta; display: string } {
  const full = completeName(sessionNames(ctx), parts, command);
  const display = qualified(...full);
  const missing = () => errors.doesNotExist("Function", display);
  let where: DbView;
  try {
    where = databaseFor(ctx, sessionNames(ctx), full[0]);
  } catch (e) {
    if ((e as { code?: string }).code === "002003") throw missing();
    throw e;
  }
  const schema = visibleSchemas(where).find((s) => s.name === full[1]);
  const fn = schema && visibleFunctions(where, schema).find((f) => f.name === full[2]);
  if (!schema || !fn) throw missing();
  return { fn, where, schema, display };
}
