// Snowflake names an unaliased select-list expression by its text in upper case ("COUNT(*)",
// "CURRENT_ACCOUNT()"); DuckDB would name it differently. aliasFor decides the name of one item from the
// client's tokens; transforms/result-column-naming.ts appends it as an explicit alias.
import { KEYWORDS } from "./front/keywords";
import { isWord, type Token } from "./tokenizer";

// Kept for the files that read the keyword set from here.
export { KEYWORDS };

/** The Snowflake name of an unaliased item, or null when DuckDB already names it right (a column, `x AS y`, `*`). */
export function aliasFor(item: Token[]): string | null {
  if (item.length === 0) return null;
  const last = item[item.length - 1];
  if (last.kind === "op" && last.value === "*") return null;
  const isName = (t: Token) => t.kind === "qident" || (t.kind === "ident" && !KEYWORDS.has(t.value.toUpperCase()));
  // A (qualified) column reference: DuckDB already names it by its last part.
  if (item.every((t, k) => (k % 2 === 0 ? isName(t) : t.kind === "op" && t.value === ".")) && item.length % 2 === 1)
    return null;
  if (item.length >= 2 && isName(last)) {
    const prev = item[item.length - 2];
    if (isWord(prev, "AS")) return null;
    if (
      prev.kind === "qident" ||
      prev.kind === "ident" ||
      prev.kind === "number" ||
      prev.kind === "string" ||
      (prev.kind === "op" && prev.value === ")")
    ) {
      return null;
    }
  }
  const text = item
    .map((t) => rawText(t))
    .join(" ")
    .replace(/\s*([(),.])\s*/g, "$1")
    .replace(/\s*::\s*/g, "::");
  return text.toUpperCase();
}

function rawText(t: Token): string {
  if (t.kind === "string") return `'${t.value.replace(/'/g, "''")}'`;
  if (t.kind === "qident") return t.value;
  if (t.kind === "bind") return t.value === "?" ? "?" : `:${t.value}`;
  return t.value;
}
