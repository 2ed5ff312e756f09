// The Snowflake Scripting interpreter: runs the tree of ./parse-block. Expressions are evaluated as
// `SELECT <expr>` through the engine with the variables rendered as typed literals; embedded statements run
// through the engine's normal one-statement path (./frame), so privileges, row access and catalog saves apply as
// for any statement. Control flow follows …/snowflake-scripting/branch, …/loops, …/cursors, …/resultsets,
// …/exceptions and …/dml-status on docs.snowflake.com/en/developer-guide.
import { identValue } from "../identifiers";
import { TYPE_IDS, type Partial } from "../result";
import { SnowflakeError } from "../types";
import { equal, evaluate, wrapError } from "./evaluate";
import { blockResult, dmlCount, rowValues, type Flow } from "./results";
import type { Block, Declaration, Statement, Tokens } from "./ast";
import { ScriptException, scriptErrors, type Where } from "./exceptions";
import { runStatement, type Frame } from "./frame";
import { isScript, parseExecuteImmediate, parseScript } from "./parse-block";
import { render } from "./render";
import { Scope } from "./scope";
import { significant, tokenize } from "../tokenizer";
import { asBind, columnSfType, NULL_TEXT, numberValue, truthy, type ScriptValue } from "./values";

const MAX_LOOP_ITERATIONS = 1_000_000;

/** Runs script text (a block or a control-flow statement) and returns what its RETURN gave. */
export async function runScript(frame: Frame, scope: Scope): Promise<Flow> {
  const statements = parseScript(frame.text);
  return runList(frame, scope, statements);
}

async function runList(frame: Frame, scope: Scope, statements: Statement[]): Promise<Flow> {
  for (const s of statements) {
    const flow = await run(frame, scope, s);
    if (flow) return flow;
  }
  return null;
}

async function assign(frame: Frame, scope: Scope, name: string, expr: Tokens): Promise<void> {
  const b = scope.lookup(name);
  if (b?.kind === "resultset") {
    b.result = await resultsetOf(frame, scope, expr);
    return;
  }
  if (!b || b.kind !== "value")
    throw ScriptException.fromError("EXPRESSION_ERROR", scriptErrors.undeclared(name, expr), expr);
  b.value = await evaluate(frame, scope, expr, b.sfType);
}

function setValue(scope: Scope, name: string, value: ScriptValue, where: Where) {
  const b = scope.lookup(name);
  if (!b || b.kind !== "value")
    throw ScriptException.fromError("STATEMENT_ERROR", scriptErrors.undeclared(name, where), where);
  b.value = b.sfType && value.value !== null ? { sfType: b.sfType, value: value.value } : value;
}

async function declare(frame: Frame, scope: Scope, d: Declaration): Promise<void> {
  switch (d.kind) {
    case "variable":
      scope.declare(d.name, {
        kind: "value",
        sfType: d.sfType,
        value: d.init
          ? await evaluate(frame, scope, d.init, d.sfType)
          : { ...NULL_TEXT, sfType: d.sfType ?? NULL_TEXT.sfType },
      });
      return;
    case "cursor": {
      // `CURSOR FOR <query>` or `CURSOR FOR <resultset>` (cursors page).
      const only = d.query.tokens.length === 1 ? scope.lookup(identValue(d.query.tokens[0])) : undefined;
      scope.declare(d.name, {
        kind: "cursor",
        query: only?.kind === "resultset" ? null : d.query,
        resultset: only?.kind === "resultset" ? identValue(d.query.tokens[0]) : null,
        rows: null,
        pos: 0,
      });
      return;
    }
    case "resultset":
      scope.declare(d.name, { kind: "resultset", result: d.init ? await resultsetOf(frame, scope, d.init) : null });
      return;
    case "exception":
      scope.declare(d.name, { kind: "exception", code: d.code, message: d.message });
  }
}

/** `(SELECT …)` or `(EXECUTE IMMEDIATE …)` assigned to a RESULTSET: the query runs now (resultsets page). */
async function resultsetOf(frame: Frame, scope: Scope, init: Tokens): Promise<Partial> {
  let tokens = init.tokens;
  const isOp = (k: number, v: string) => tokens[k]?.kind === "op" && tokens[k].value === v;
  if (isOp(0, "(") && isOp(tokens.length - 1, ")")) tokens = tokens.slice(1, -1);
  const inner: Tokens = { ...init, tokens };
  if (tokens[0]?.kind === "ident" && tokens[0].value.toUpperCase() === "EXECUTE") {
    const { target, using } = parseExecuteImmediate(tokens, frame.text);
    return executeImmediate(frame, scope, target, using);
  }
  return runStatement(frame, render(frame, scope, inner, false)).catch(wrapError("STATEMENT_ERROR", init));
}

/** EXECUTE IMMEDIATE inside a block: a string/variable holding one statement or a block, `?`/`:n` bound by USING. */
export async function executeImmediate(frame: Frame, scope: Scope, target: Tokens, using: Tokens[]): Promise<Partial> {
  const text = await evaluate(frame, scope, target);
  if (typeof text.value !== "string")
    throw ScriptException.fromError(
      "EXPRESSION_ERROR",
      new SnowflakeError("002029", "42601", "SQL compilation error:\nEXECUTE IMMEDIATE needs a string."),
      target,
    );
  const binds: ScriptValue[] = [];
  for (const u of using) binds.push(await evaluate(frame, scope, u));
  return runText(frame, text.value, binds).catch(wrapError("STATEMENT_ERROR", target));
}

/** Runs SQL text that may be a script (its own anonymous block) or one statement with binds. */
export async function runText(parent: Frame, text: string, binds: ScriptValue[]): Promise<Partial> {
  if (isScript(significant(tokenize(text))))
    return runAnonymous({ ...parent, text, binds, positional: 0, rowCount: null, depth: parent.depth + 1 });
  const r = await runStatement(parent, text, binds.map(asBind));
  parent.rowCount = dmlCount(r);
  return r;
}

/** An anonymous block's answer: one column "anonymous block" holding the RETURN value, or RETURN TABLE's rows. */
export async function runAnonymous(frame: Frame): Promise<Partial> {
  const flow = await runScript(frame, new Scope()).catch((e: unknown) => {
    throw e instanceof ScriptException ? e.toUncaught() : e;
  });
  return blockResult(flow, "anonymous block");
}

async function runBlock(frame: Frame, parent: Scope, block: Block): Promise<Flow> {
  const scope = new Scope(parent);
  try {
    for (const d of block.declarations) await declare(frame, scope, d);
    return await runList(frame, scope, block.body);
  } catch (e) {
    if (!(e instanceof ScriptException) || !block.handlers) throw e;
    const handler = block.handlers.find((h) => h.names.some((n) => n === "OTHER" || n === e.type));
    if (!handler) throw e;
    const hs = new Scope(scope);
    hs.handling = e;
    return runList(frame, hs, handler.body);
  }
}

/** One pass of a loop body: "break" ends this loop; a BREAK/CONTINUE naming an outer loop's label goes on out. */
async function loopBody(frame: Frame, scope: Scope, body: Statement[], label: string | null): Promise<Flow | "break"> {
  const flow = await runList(frame, new Scope(scope), body);
  const mine = (f: { label: string | null }) => f.label === null || f.label === label;
  if (flow?.kind === "break" && mine(flow)) return "break";
  if (flow?.kind === "continue" && mine(flow)) return null;
  return flow;
}

async function cursorRows(
  frame: Frame,
  scope: Scope,
  name: string,
  binds: ScriptValue[] = [],
  where: Where,
): Promise<Partial> {
  const b = scope.lookup(name);
  if (b?.kind === "resultset") return b.result ?? { columns: [], rows: [], statementTypeId: TYPE_IDS.SELECT };
  if (b?.kind !== "cursor") throw ScriptException.fromError("STATEMENT_ERROR", scriptErrors.notCursor(name), where);
  if (b.resultset) return cursorRows(frame, scope, b.resultset, [], where);
  const sql = render(frame, scope, b.query!, false);
  return runStatement(frame, sql, binds.map(asBind)).catch(wrapError("STATEMENT_ERROR", b.query!));
}

async function run(frame: Frame, scope: Scope, s: Statement): Promise<Flow> {
  switch (s.kind) {
    case "block":
      return runBlock(frame, scope, s.block);
    case "declare":
      await declare(frame, scope, s.declaration);
      return null;
    case "assign":
      await assign(frame, scope, s.name, s.value);
      return null;
    case "null":
      return null;
    case "if": {
      for (const b of s.branches)
        if (truthy(await evaluate(frame, scope, b.condition, "BOOLEAN")))
          return runList(frame, new Scope(scope), b.body);
      return s.otherwise ? runList(frame, new Scope(scope), s.otherwise) : null;
    }
    case "case": {
      const operand = s.operand ? await evaluate(frame, scope, s.operand) : null;
      for (const b of s.branches) {
        const when = await evaluate(frame, scope, b.when);
        const hit = operand ? await equal(frame, operand, when) : when;
        if (truthy(hit)) return runList(frame, new Scope(scope), b.body);
      }
      return s.otherwise ? runList(frame, new Scope(scope), s.otherwise) : null;
    }
    case "for-range": {
      const from = Number((await evaluate(frame, scope, s.from, "NUMBER(38,0)")).value);
      const to = Number((await evaluate(frame, scope, s.to, "NUMBER(38,0)")).value);
      for (let i = s.reverse ? to : from; s.reverse ? i >= from : i <= to; i += s.reverse ? -1 : 1) {
        const iter = new Scope(scope);
        iter.declare(s.variable, { kind: "value", sfType: "NUMBER(38,0)", value: numberValue(i) });
        const flow = await loopBody(frame, iter, s.body, s.label);
        if (flow === "break") break;
        if (flow) return flow;
      }
      return null;
    }
    case "for-cursor": {
      const rows = await cursorRows(frame, scope, s.source, [], s.at);
      for (let k = 0; k < rows.rows.length; k++) {
        const iter = new Scope(scope);
        iter.declare(s.variable, { kind: "record", fields: rowValues(rows, k) });
        const flow = await loopBody(frame, iter, s.body, s.label);
        if (flow === "break") break;
        if (flow) return flow;
      }
      return null;
    }
    case "while":
    case "repeat":
    case "loop": {
      for (let n = 0; ; n++) {
        if (n > MAX_LOOP_ITERATIONS)
          throw new SnowflakeError("000603", "XX000", "Loop ran more than 1000000 iterations in the emulator.");
        if (s.kind === "while" && !truthy(await evaluate(frame, scope, s.condition, "BOOLEAN"))) return null;
        const flow = await loopBody(frame, scope, s.body, s.label);
        if (flow === "break") return null;
        if (flow) return flow;
        if (s.kind === "repeat" && truthy(await evaluate(frame, scope, s.condition, "BOOLEAN"))) return null;
      }
    }
    case "break":
      return { kind: "break", label: s.label };
    case "continue":
      return { kind: "continue", label: s.label };
    case "return": {
      if (s.table) {
        const b = scope.lookup(s.table);
        if (b?.kind !== "resultset")
          throw ScriptException.fromError("EXPRESSION_ERROR", scriptErrors.notCursor(s.table), s.at);
        return { kind: "return", value: null, table: b.result };
      }
      return { kind: "return", value: s.value ? await evaluate(frame, scope, s.value) : null, table: null };
    }
    case "raise": {
      if (!s.name) {
        const current = scope.current();
        if (!current) throw scriptErrors.raiseOutsideHandler(s.at);
        throw current;
      }
      const b = scope.lookup(s.name);
      if (b?.kind !== "exception")
        throw ScriptException.fromError("STATEMENT_ERROR", scriptErrors.undeclared(s.name, s.at), s.at);
      throw new ScriptException(s.name, b.code, b.message, "P0001", s.at);
    }
    case "open": {
      const b = scope.lookup(s.cursor);
      if (b?.kind !== "cursor")
        throw ScriptException.fromError("STATEMENT_ERROR", scriptErrors.notCursor(s.cursor), s.at);
      const binds: ScriptValue[] = [];
      for (const u of s.using) binds.push(await evaluate(frame, scope, u));
      b.rows = await cursorRows(frame, scope, s.cursor, binds, s.at);
      b.pos = 0;
      return null;
    }
    case "fetch": {
      const b = scope.lookup(s.cursor);
      if (b?.kind !== "cursor")
        throw ScriptException.fromError("STATEMENT_ERROR", scriptErrors.notCursor(s.cursor), s.at);
      if (!b.rows) {
        b.rows = await cursorRows(frame, scope, s.cursor, [], s.at);
        b.pos = 0;
      }
      const row = b.pos < b.rows.rows.length ? b.pos++ : -1;
      s.into.forEach((name, k) =>
        setValue(
          scope,
          name,
          row < 0 || k >= b.rows!.columns.length
            ? NULL_TEXT
            : { sfType: columnSfType(b.rows!.columns[k]), value: b.rows!.rows[row][k] },
          s.at,
        ),
      );
      return null;
    }
    case "close": {
      const b = scope.lookup(s.cursor);
      if (b?.kind === "cursor") {
        b.rows = null;
        b.pos = 0;
      }
      return null;
    }
    case "execute-immediate": {
      await executeImmediate(frame, scope, s.target, s.using);
      return null;
    }
    case "sql": {
      const r = await runStatement(frame, render(frame, scope, s.sql, false)).catch(wrapError("STATEMENT_ERROR", s.at));
      frame.rowCount = dmlCount(r);
      if (s.into.length)
        s.into.forEach((name, k) =>
          setValue(
            scope,
            name,
            k < r.columns.length && r.rows.length ? rowValues(r, 0).get(r.columns[k].name)! : NULL_TEXT,
            s.at,
          ),
        );
      return null;
    }
  }
}
