// ALTER SESSION SET <param> = <value> [ [,] <param> = <value> … ] and ALTER SESSION UNSET <param> [, …].
// TIMEZONE is applied (the engine sets DuckDB's TimeZone for the session's statements, so LTZ values are
// read and rendered in it); other parameters are recorded on the session and otherwise have no effect.
import type { ExecCtx } from "../context";
import type { Cursor } from "../cursor";
import { errors } from "../errors";
import { success, type Partial } from "../result";

/** Whether the runtime (and so DuckDB's ICU) knows the IANA zone name. */
function knownTimeZone(tz: string): boolean {
  try { new Intl.DateTimeFormat("en-US", { timeZone: tz }); return true; } catch { return false; }
}

export function alterSession(ctx: ExecCtx, c: Cursor): Partial {
  const params = { ...(ctx.session.parameters ?? {}) };
  if (c.acceptKw("SET")) {
    do {
      const name = c.name();
      c.expectOp("=");
      const t = c.next();
      if (!["string", "number", "ident"].includes(t.kind)) throw errors.syntax(t.line, t.column - 1, t.value);
      const value = t.kind === "ident" ? t.value.toUpperCase() : t.value;
      // Unverified code/text; Snowflake refuses unknown zone names when the parameter is set.
      if (name === "TIMEZONE" && !knownTimeZone(value)) throw errors.invalid(`Invalid value [${value}] for parameter 'TIMEZONE'`);
      params[name] = value;
      c.acceptOp(",");
    } while (!c.atEnd());
  } else {
    c.expectKw("UNSET");
    do delete params[c.name()]; while (c.acceptOp(","));
    c.expectEnd();
  }
  ctx.session.parameters = params;
  return success();
}
