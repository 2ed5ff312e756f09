// SQL stored procedures (Snowflake Scripting bodies):
// CREATE [OR REPLACE] [SECURE] PROCEDURE [IF NOT EXISTS] p(arg TYPE [DEFAULT expr], …) RETURNS <type> | TABLE(…)
//   [LANGUAGE SQL] [NULL handling] [VOLATILE|IMMUTABLE] [COMMENT = '…'] [EXECUTE AS OWNER|CALLER] AS '<body>' | $$<body>$$
//   (https://docs.snowflake.com/en/sql-reference/sql/create-procedure),
// CALL p(…) (…/sql/call), SHOW PROCEDURES (…/sql/show-procedures), DESC PROCEDURE (…/sql/desc-procedure),
// DROP PROCEDURE p(TYPE, …) (…/sql/drop-procedure), GRANT|REVOKE USAGE ON PROCEDURE p(TYPE, …) TO|FROM ROLE r.
// Owner's rights (the default) run the body with the owner's role and in the procedure's database and schema,
// and refuse session changes; caller's rights run as the caller
// (https://docs.snowflake.com/en/developer-guide/stored-procedure/stored-procedures-rights).
import { nowIso, type ProcedureMeta, type SchemaMeta } from "../catalog";
import type { ExecCtx } from "../context";
import { Cursor } from "../cursor";
import { errors } from "../errors";
import { likeToRegExp, qualified, quoteIdent } from "../identifiers";
import { completeName } from "../resolve";
import { column, status, table, TYPE_IDS, type Partial } from "../result";
import { ScriptException } from "../scripting/exceptions";
import { inScripting, topFrame } from "../scripting/execute-immediate";
import { parseScript } from "../scripting/parse-block";
import { runScript } from "../scripting/run-block";
import { Scope } from "../scripting/scope";
import { sqlLiteral } from "../scripting/values";
import { parseSfType } from "../sf-types";
import type { SplitStatement } from "../split-statements";
import { significant, tokenize, type Token } from "../tokenizer";
import { SnowflakeError } from "../types";
import { ifNotExists, readSfType, targetSchema, type CreateFlags } from "./objects";
import { runSelect, sessionNames } from "./query";

const display = (sfType: string) => {
  const b = parseSfType(sfType).base;
  return b === "TEXT" ? "VARCHAR" : b;
};
const signature = (p: ProcedureMeta) => `${p.name}(${p.args.map((a) => display(a.sfType)).join(", ")})`;
const minArgs = (p: ProcedureMeta) => p.args.filter((a) => a.default === null).length;

/** Unverified text: Snowflake reports an unknown procedure (or one the role may not use) this way for CALL. */
const unknownProcedure = (name: string) =>
  new SnowflakeError("002141", "42601", `SQL compilation error:\nUnknown user-defined function ${name}.`);

function argumentText(c: Cursor): string {
  const start = c.peek();
  let depth = 0;
  while (!c.atEnd() && !(depth === 0 && (c.isOp(",") || c.isOp(")")))) {
    if (c.isOp("(")) depth++;
    if (c.isOp(")")) depth--;
    c.next();
  }
  const end = c.tokens[c.pos - 1];
  if (!start || !end || end.end <= start.start) throw c.fail();
  return c.text.slice(start.start - c.tokens[0].start, end.end - c.tokens[0].start);
}

export function createProcedure(ctx: ExecCtx, c: Cursor, flags: CreateFlags): Partial {
  const ine = ifNotExists(c, flags);
  const t = targetSchema(ctx, c.qualifiedName(3), "CREATE PROCEDURE");
  c.expectOp("(");
  const args: ProcedureMeta["args"] = [];
  if (!c.isOp(")"))
    do {
      const name = c.name();
      const sfType = readSfType(c);
      args.push({ name, sfType, default: c.acceptKw("DEFAULT") ? argumentText(c) : null });
    } while (c.acceptOp(","));
  c.expectOp(")");
  const copyGrants = c.acceptKw("COPY", "GRANTS");
  c.expectKw("RETURNS");
  let returns: string;
  let returnsTable: ProcedureMeta["returnsTable"] = null;
  if (c.acceptKw("TABLE")) {
    c.expectOp("(");
    returnsTable = [];
    if (!c.isOp(")"))
      do returnsTable.push({ name: c.name(), sfType: readSfType(c) });
      while (c.acceptOp(","));
    c.expectOp(")");
    returns = `TABLE (${returnsTable.map((col) => `${col.name} ${col.sfType}`).join(", ")})`;
  } else returns = readSfType(c);
  c.acceptKw("NOT", "NULL");
  let comment: string | null = null;
  let executeAs: ProcedureMeta["executeAs"] = "OWNER";
  while (!c.isKw("AS")) {
    if (c.acceptKw("LANGUAGE")) {
      if (!c.acceptKw("SQL"))
        throw errors.unsupported(`CREATE PROCEDURE … LANGUAGE ${c.peek()?.value.toUpperCase() ?? ""}`);
    } else if (c.acceptKw("COMMENT")) {
      c.acceptOp("=");
      comment = c.string();
    } else if (c.acceptKw("EXECUTE", "AS")) {
      if (c.acceptKw("OWNER")) executeAs = "OWNER";
      else if (c.acceptKw("CALLER")) executeAs = "CALLER";
      else if (c.acceptKw("RESTRICTED", "CALLER")) throw errors.unsupported("EXECUTE AS RESTRICTED CALLER");
      else throw c.fail();
    } else if (
      c.acceptKw("CALLED", "ON", "NULL", "INPUT") ||
      c.acceptKw("RETURNS", "NULL", "ON", "NULL", "INPUT") ||
      c.acceptKw("STRICT") ||
      c.acceptKw("VOLATILE") ||
      c.acceptKw("IMMUTABLE")
    ) {
      /* accepted, not modelled */
    } else throw c.fail();
  }
  c.expectKw("AS");
  const body = c.string(); // '…' or $$…$$
  c.expectEnd();
  parseScript(body); // a syntax error in the body fails CREATE, as in Snowflake
  const overloads = (t.schema.procedures ??= {})[t.name] ?? [];
  const same = overloads.findIndex((p) => p.args.length === args.length);
  if (same >= 0) {
    if (ine) return status(`${t.name} already exists, statement succeeded.`);
    if (!flags.orReplace) throw errors.alreadyExists(`${t.display}(${args.map((a) => display(a.sfType)).join(", ")})`);
  }
  const proc: ProcedureMeta = {
    name: t.name,
    args,
    returns,
    returnsTable,
    body,
    secure: flags.secure,
    executeAs,
    ownerRole: ctx.session.role,
    // OR REPLACE makes a new procedure: its USAGE grants go unless COPY GRANTS (create-procedure).
    usageRoles: copyGrants && same >= 0 ? overloads[same].usageRoles : [],
    comment,
    createdOn: nowIso(),
  };
  t.schema.procedures![t.name] = same >= 0 ? overloads.map((p, k) => (k === same ? proc : p)) : [...overloads, proc];
  ctx.dirty = true;
  return status(`Function ${t.name} successfully created.`);
}

/** `p(TYPE, …)` as DROP/DESC/GRANT name it: the schema, the overload list and the matching overload index. */
function namedOverload(ctx: ExecCtx, c: Cursor, command: string) {
  const parts = c.qualifiedName(3);
  c.expectOp("(");
  const types: string[] = [];
  if (!c.isOp(")"))
    do types.push(readSfType(c));
    while (c.acceptOp(","));
  c.expectOp(")");
  const [db, schemaName, name] = completeName(sessionNames(ctx), parts, command);
  const schema: SchemaMeta | undefined = ctx.me.databases[db]?.schemas[schemaName];
  const list = schema?.procedures?.[name] ?? [];
  const index = list.findIndex(
    (p) =>
      p.args.length === types.length &&
      p.args.every((a, k) => parseSfType(a.sfType).base === parseSfType(types[k]).base),
  );
  const display = `${qualified(db, schemaName, name)}(${types.map((x) => (parseSfType(x).base === "TEXT" ? "VARCHAR" : parseSfType(x).base)).join(", ")})`;
  return { schema, list, index, name, display };
}

export function dropProcedure(ctx: ExecCtx, c: Cursor): Partial {
  const ifExists = c.acceptKw("IF", "EXISTS");
  const found = namedOverload(ctx, c, "DROP PROCEDURE");
  c.expectEnd();
  if (found.index < 0) {
    if (ifExists) return status(`Drop statement executed successfully (${found.name} already dropped).`);
    throw errors.doesNotExist("Procedure", found.display);
  }
  found.list.splice(found.index, 1);
  if (found.list.length === 0) delete found.schema!.procedures![found.name];
  ctx.dirty = true;
  return status(`${found.name} successfully dropped.`);
}

export function grantOnProcedure(ctx: ExecCtx, c: Cursor, privileges: string[], revoke: boolean): Partial {
  c.expectKw("PROCEDURE");
  const found = namedOverload(ctx, c, "GRANT");
  c.expectKw(revoke ? "FROM" : "TO");
  if (c.isKw("SHARE") || c.isKw("DATABASE"))
    throw errors.unsupported(
      `${revoke ? "REVOKE" : "GRANT"} … ON PROCEDURE … ${revoke ? "FROM" : "TO"} ${c.peek()!.value.toUpperCase()}`,
    );
  c.expectKw("ROLE");
  const role = c.name();
  c.acceptKw("WITH", "GRANT", "OPTION");
  c.expectEnd();
  if (privileges.some((p) => p !== "USAGE" && p !== "OWNERSHIP"))
    throw errors.invalid(`Invalid privilege ${privileges.join(", ")} for a procedure.`);
  if (found.index < 0) throw errors.doesNotExist("Procedure", found.display);
  if (
    !["PUBLIC", "ACCOUNTADMIN", "SYSADMIN", "ORGADMIN", "SECURITYADMIN", "USERADMIN"].includes(role) &&
    !ctx.me.roles.includes(role)
  )
    throw errors.doesNotExist("Role", role);
  const p = found.list[found.index];
  if (ctx.session.role !== p.ownerRole && ctx.session.role !== "ACCOUNTADMIN")
    throw errors.insufficientPrivileges("procedure", found.display);
  p.usageRoles = revoke ? p.usageRoles.filter((r) => r !== role) : [...new Set([...p.usageRoles, role])];
  ctx.dirty = true;
  return status("Statement executed successfully.");
}

const mayUse = (ctx: ExecCtx, p: ProcedureMeta) =>
  [p.ownerRole, "ACCOUNTADMIN"].includes(ctx.session.role) ||
  p.usageRoles.includes(ctx.session.role) ||
  p.usageRoles.includes("PUBLIC");

export function showProcedures(ctx: ExecCtx, c: Cursor): Partial {
  const like = c.acceptKw("LIKE") ? likeToRegExp(c.string()) : null;
  let dbs = Object.values(ctx.me.databases);
  let schemaName: string | null = null;
  if (c.acceptKw("IN")) {
    if (c.acceptKw("ACCOUNT")) {
      /* every database */
    } else if (c.acceptKw("DATABASE")) {
      const d = c.isOp(";") || c.atEnd() ? ctx.session.database : c.name();
      dbs = dbs.filter((x) => x.name === d);
    } else {
      c.acceptKw("SCHEMA");
      const parts = c.qualifiedName(2);
      const d = parts.length === 2 ? parts[0] : ctx.session.database;
      schemaName = parts[parts.length - 1];
      dbs = dbs.filter((x) => x.name === d);
    }
  } else if (ctx.session.database) dbs = dbs.filter((x) => x.name === ctx.session.database);
  c.expectEnd();
  const rows = [];
  for (const db of dbs)
    for (const s of Object.values(db.schemas)) {
      if (schemaName && s.name !== schemaName) continue;
      for (const list of Object.values(s.procedures ?? {}))
        for (const p of list) {
          if ((like && !like.test(p.name)) || !mayUse(ctx, p)) continue;
          const returns = p.returnsTable
            ? `TABLE (${p.returnsTable.map((col) => `${col.name} ${display(col.sfType)}`).join(", ")})`
            : display(p.returns);
          rows.push([
            p.createdOn,
            p.name,
            s.name,
            "N",
            "N",
            "N",
            String(minArgs(p)),
            String(p.args.length),
            `${signature(p)} RETURN ${returns}`,
            p.comment ?? "user-defined procedure",
            db.name,
            p.returnsTable ? "Y" : "N",
            "N",
            p.secure ? "Y" : "N",
            null,
            null,
          ]);
        }
    }
  return table(
    [
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
    ],
    rows,
  );
}

export function describeProcedure(ctx: ExecCtx, c: Cursor): Partial {
  const found = namedOverload(ctx, c, "DESCRIBE PROCEDURE");
  c.expectEnd();
  const p = found.list[found.index];
  if (!p || !mayUse(ctx, p)) throw errors.doesNotExist("Procedure", found.display);
  const owner = [p.ownerRole, "ACCOUNTADMIN"].includes(ctx.session.role);
  const rows = [
    ["signature", `(${p.args.map((a) => `${a.name} ${display(a.sfType)}`).join(", ")})`],
    ["returns", p.returns],
    ["language", "SQL"],
    ["null handling", "CALLED ON NULL INPUT"],
    ["volatility", "VOLATILE"],
    ["body", p.secure && !owner ? null : p.body],
    ["execute as", p.executeAs],
  ];
  return table(["property", "value"], rows, TYPE_IDS.DESCRIBE);
}

/** Splits `( a, f(b, c), d )` at tokens[open] into the argument texts. */
function callArguments(text: string, tokens: Token[], open: number): { args: string[]; close: number } {
  const args: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let k = open + 1; k < tokens.length; k++) {
    const t = tokens[k];
    const op = t.kind === "op" ? t.value : "";
    if (op === "(") depth++;
    if (op === ")" && depth-- === 0) {
      if (k > from) args.push(text.slice(tokens[from].start, tokens[k - 1].end));
      return { args, close: k };
    }
    if (op === "," && depth === 0) {
      args.push(text.slice(tokens[from].start, tokens[k - 1].end));
      from = k + 1;
    }
  }
  throw errors.syntax(tokens[open].line, tokens[open].column - 1, "(");
}

export async function callProcedure(ctx: ExecCtx, stmt: SplitStatement): Promise<Partial> {
  const tokens = significant(tokenize(stmt.text));
  const c = new Cursor(tokens, stmt.text);
  c.expectKw("CALL");
  const parts = c.qualifiedName(3);
  if (!c.isOp("(")) throw c.fail();
  const { args, close } = callArguments(stmt.text, tokens, c.pos);
  c.pos = close + 1;
  c.expectEnd();
  const [dbName, schemaName, name] = completeName(sessionNames(ctx), parts, "CALL");
  const list = ctx.me.databases[dbName]?.schemas[schemaName]?.procedures?.[name] ?? [];
  const proc = list.find((p) => args.length >= minArgs(p) && args.length <= p.args.length);
  if (!proc || !mayUse(ctx, proc)) throw unknownProcedure(qualified(dbName, schemaName, name));

  // Arguments: the caller's expressions (with the request's binds) cast to the declared types, in one query.
  const items = proc.args.map((a, k) => `CAST((${args[k] ?? a.default}) AS ${a.sfType}) AS ${quoteIdent(a.name)}`);
  const values = items.length ? await runSelect(ctx, significant(tokenize(`SELECT ${items.join(", ")}`))) : null;
  const scope = new Scope();
  proc.args.forEach((a, k) =>
    scope.declare(a.name, { kind: "value", sfType: a.sfType, value: { sfType: a.sfType, value: values!.rows[0][k] } }),
  );

  const frame = topFrame(ctx, proc.body, []);
  const owner = proc.executeAs === "OWNER";
  if (owner) frame.ownerRights = true;
  const session = ctx.session;
  const saved = { role: session.role, database: session.database, schema: session.schema };
  if (owner) Object.assign(session, { role: proc.ownerRole, database: dbName, schema: schemaName });
  try {
    const flow = await inScripting(ctx, frame, () => runScript(frame, scope)).catch((e: unknown) => {
      throw e instanceof ScriptException ? e.toUncaught() : e;
    });
    if (proc.returnsTable) {
      const r =
        flow?.kind === "return" && flow.table
          ? flow.table
          : { columns: [], rows: [], statementTypeId: TYPE_IDS.SELECT };
      const columns = r.columns.map((col, k) =>
        proc.returnsTable![k] ? { ...col, name: proc.returnsTable![k].name } : col,
      );
      return { ...r, columns, statementTypeId: TYPE_IDS.SELECT };
    }
    // The RETURN value takes the declared RETURNS type (a value that does not convert fails the CALL).
    const v = flow?.kind === "return" ? flow.value : null;
    let value = v?.value ?? null;
    if (v && value !== null && v.sfType !== proc.returns) {
      const cast = await runSelect(ctx, significant(tokenize(`SELECT CAST(${sqlLiteral(v)} AS ${proc.returns}) AS V`)));
      value = cast.rows[0][0];
    }
    return { columns: [column(proc.name, proc.returns)], rows: [[value]], statementTypeId: TYPE_IDS.SELECT };
  } finally {
    if (owner) Object.assign(session, saved);
  }
}
