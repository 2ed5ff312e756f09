// Puts variables into SQL text. In embedded statements a variable is written `:name` (and `IDENTIFIER(:name)` for
// an object name); in Scripting expressions (LET, IF, RETURN …) the bare name works too
// (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/variables, "using a variable in a SQL
// statement"). Each reference becomes a literal of the value's type; names that are not variables are left alone.
import { errors } from "../errors";
import { identValue } from "../identifiers";
import type { Token } from "../tokenizer";
import type { Tokens } from "./ast";
import { scriptErrors } from "./exceptions";
import type { Frame } from "./frame";
import type { Scope } from "./scope";
import { booleanValue, numberValue, sqlLiteral, textValue, type ScriptValue } from "./values";

const isOp = (t: Token | undefined, v: string) => !!t && t.kind === "op" && t.value === v;
const isName = (t: Token | undefined) => !!t && (t.kind === "ident" || t.kind === "qident");
const IDENTIFIER_TEXT =
  /^(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")(?:\.(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")){0,3}$/;

/** The value a name stands for: a variable, a record field, or one of the global status variables. */
export function valueOf(frame: Frame, scope: Scope, name: string, field?: string): ScriptValue | undefined {
  const b = scope.lookup(name);
  if (b?.kind === "value") return field === undefined ? b.value : undefined;
  if (b?.kind === "record") return field === undefined ? undefined : b.fields.get(field);
  if (b || field !== undefined) return undefined;
  const handling = scope.current();
  switch (name) {
    case "SQLROWCOUNT":
      return numberValue(frame.rowCount);
    case "SQLFOUND":
      return booleanValue(frame.rowCount === null ? null : frame.rowCount > 0n);
    case "SQLNOTFOUND":
      return booleanValue(frame.rowCount === null ? null : frame.rowCount === 0n);
    case "SQLCODE":
      return handling ? numberValue(handling.sqlcode) : undefined;
    case "SQLERRM":
      return handling ? textValue(handling.sqlerrm) : undefined;
    case "SQLSTATE":
      return handling ? textValue(handling.sqlstate) : undefined;
    default:
      return undefined;
  }
}

/** IDENTIFIER(:v): the string must itself be an identifier (optionally qualified); it is spliced in as written. */
function identifierText(v: ScriptValue | undefined, name: string, where: Tokens): string {
  if (!v) throw scriptErrors.undeclared(name, where);
  const s = typeof v.value === "string" ? v.value.trim() : "";
  if (!IDENTIFIER_TEXT.test(s)) throw errors.invalid(`invalid identifier '${String(v.value)}'`);
  return s;
}

export function render(frame: Frame, scope: Scope, part: Tokens, bareNames: boolean): string {
  const { tokens } = part;
  if (tokens.length === 0) return "";
  // A query inside an expression names its columns bare: only `:name` is a variable there.
  const bare = bareNames && !tokens.some((t) => t.kind === "ident" && /^(SELECT|FROM)$/i.test(t.value));
  let out = "";
  // Token by token, each after the space before it: a gap that is not blank held tokens the parser took out
  // (`SELECT … INTO :a`), so it becomes one space.
  let k = 0;
  const emit = (text: string, consumed: number) => {
    const gap = k === 0 ? "" : frame.text.slice(tokens[k - 1].end, tokens[k].start);
    out += (/^\s*$/.test(gap) ? gap : " ") + text;
    k += consumed;
  };
  while (k < tokens.length) {
    const t = tokens[k];
    // IDENTIFIER(:v) / IDENTIFIER(v)
    if (t.kind === "ident" && t.value.toUpperCase() === "IDENTIFIER" && isOp(tokens[k + 1], "(")) {
      const colon = isOp(tokens[k + 2], ":") ? 1 : 0;
      const n = tokens[k + 2 + colon];
      if (isName(n) && isOp(tokens[k + 3 + colon], ")") && (colon || bare)) {
        emit(identifierText(valueOf(frame, scope, identValue(n)), identValue(n), part), 4 + colon);
        continue;
      }
    }
    if (isOp(t, ":") && isName(tokens[k + 1]) && !isOp(tokens[k - 1], ":")) {
      const name = identValue(tokens[k + 1]);
      const field = isOp(tokens[k + 2], ".") && isName(tokens[k + 3]) ? identValue(tokens[k + 3]) : undefined;
      const v = valueOf(frame, scope, name, field);
      if (v) {
        emit(sqlLiteral(v, bare), field === undefined ? 2 : 4);
        continue;
      }
      if (!scope.lookup(name)) throw scriptErrors.undeclared(name, part);
    }
    if (t.kind === "bind") {
      const index = t.value === "?" ? frame.positional++ : Number(t.value) - 1;
      const v = frame.binds[index];
      if (v) {
        emit(sqlLiteral(v, bare), 1);
        continue;
      }
    }
    if (bare && isName(t) && !isOp(tokens[k - 1], ".") && !isOp(tokens[k + 1], "(")) {
      const name = identValue(t);
      const field = isOp(tokens[k + 1], ".") && isName(tokens[k + 2]) ? identValue(tokens[k + 2]) : undefined;
      const v =
        field !== undefined
          ? valueOf(frame, scope, name, field)
          : isOp(tokens[k + 1], ".")
            ? undefined
            : valueOf(frame, scope, name);
      if (v) {
        emit(sqlLiteral(v, true), field === undefined ? 1 : 3);
        continue;
      }
    }
    emit(frame.text.slice(t.start, t.end), 1);
  }
  return out;
}
