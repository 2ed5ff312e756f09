// Shapes Snowflake's parser refuses but DuckDB's accepts (or reads differently), checked before rewriting so
// the error points where Snowflake's does: an empty select list (`SELECT FROM t`) and a trailing comma
// before a clause (`SELECT a, FROM t`). Other syntax errors come from DuckDB's parser (query-errors.ts).
import { errors } from "./errors";
import { AFTER_SELECT_LIST as CLAUSES } from "./front/keywords";
import { isWord, type Token } from "./tokenizer";

export function checkShape(tokens: Token[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const listStart = isWord(t, "SELECT") || (t.kind === "op" && t.value === ",");
    if (!listStart) continue;
    let next = k + 1;
    if (isWord(t, "SELECT")) while (isWord(tokens[next], "DISTINCT", "ALL")) next++;
    const n = tokens[next];
    if (!n) throw eofAfter(tokens);
    if (isWord(n, ...CLAUSES) || (n.kind === "op" && n.value === ")")) throw syntaxAt(n);
  }
}

export function syntaxAt(t: Token) {
  return errors.syntax(t.line, t.column - 1, rawToken(t));
}

/** A token as Snowflake quotes it in "unexpected '…'": as written. */
export const rawToken = (t: Token) =>
  t.kind === "string"
    ? `'${t.value}'`
    : t.kind === "qident"
      ? `"${t.value}"`
      : t.kind === "bind" && t.value !== "?"
        ? `:${t.value}`
        : t.value;

/** "unexpected '<EOF>'" just after the statement's last token. */
export function eofAfter(tokens: Token[]) {
  const last = tokens[tokens.length - 1];
  return errors.syntax(last?.line ?? 1, last ? last.column + (last.end - last.start) - 1 : 0, "<EOF>");
}
