// ALTER SESSION SET <param> = <value> [ [,] <param> = <value> … ], ALTER SESSION UNSET <param> [, …] and
// SHOW PARAMETERS [LIKE '…'] [IN SESSION]. Values are checked against the documented parameter types
// (session-parameters.ts). TIMEZONE is applied (the engine sets DuckDB's TimeZone for the session's statements,
// and answers carry it, so the driver renders TIMESTAMP_LTZ in it); MULTI_STATEMENT_COUNT and QUERY_TAG are read
// by the server for each request; the *_OUTPUT_FORMATs and JS_TREAT_INTEGER_AS_BIGINT reach the driver through
// the answers' `parameters`; the others are recorded and shown.
import type { ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { success, table, type Partial } from "../result";
import { normaliseParameter, parameterRows, SESSION_PARAMETERS, invalidParameter } from "../session-parameters";
import { likeOf } from "./account";

export function alterSession(ctx: ExecCtx, c: Cursor): Partial {
  const params = { ...(ctx.session.parameters ?? {}) };
  if (c.acceptKw("SET")) {
    do {
      const name = c.name().toUpperCase();
      c.expectOp("=");
      const t = c.next();
      if (!["string", "number", "ident"].includes(t.kind)) throw errors.syntax(t.line, t.column - 1, t.value);
      const raw = t.kind === "ident" ? t.value.toUpperCase() : t.value;
      params[name] = normaliseParameter(name, raw, t.kind as "string" | "number" | "ident");
      c.acceptOp(",");
    } while (!c.atEnd());
  } else {
    c.expectKw("UNSET");
    do {
      const name = c.name().toUpperCase();
      if (!SESSION_PARAMETERS[name]) throw invalidParameter(name);
      delete params[name];
    } while (c.acceptOp(","));
    c.expectEnd();
  }
  ctx.session.parameters = params;
  return success();
}

/** SHOW PARAMETERS [LIKE] [IN|FOR SESSION]: the session's parameters (other scopes are not modelled). */
export function showParameters(ctx: ExecCtx, c: Cursor): Partial {
  const like = likeOf(c);
  if (c.acceptKw("IN") || c.acceptKw("FOR")) {
    if (!c.acceptKw("SESSION")) throw errors.unsupported(`SHOW PARAMETERS IN ${c.peek()?.value.toUpperCase() ?? ""}`);
  }
  c.expectEnd();
  const rows = parameterRows(ctx.session.parameters)
    .filter((r) => !like || like.test(r.key))
    .map((r) => [r.key, r.value, r.default, r.level, r.description, r.type]);
  return table(["key", "value", "default", "level", "description", "type"], rows);
}
