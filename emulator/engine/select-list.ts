// Snowflake names an unaliased select-list expression by its text in upper case ("COUNT(*)",
// "CURRENT_ACCOUNT()"); DuckDB would name it differently, so the rewriter appends explicit aliases.
import { isWord, type Token } from "./tokenizer";

export const KEYWORDS = new Set(
  (
    "SELECT FROM WHERE AND OR NOT IN EXISTS AS ON JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL " +
    "USING GROUP BY ORDER HAVING LIMIT OFFSET FETCH FIRST NEXT ROWS ROW ONLY UNION ALL DISTINCT INTERSECT EXCEPT MINUS CASE " +
    "WHEN THEN ELSE END IS NULL TRUE FALSE LIKE ILIKE BETWEEN ASC DESC NULLS LAST WITH RECURSIVE OVER PARTITION QUALIFY WINDOW " +
    "RANGE UNBOUNDED PRECEDING FOLLOWING CURRENT INTERVAL ANY SOME ESCAPE VALUES INTO INSERT DELETE UPDATE SET DEFAULT " +
    "LATERAL TABLE DATE TIMESTAMP"
  ).split(" "),
);

const ENDS = new Set([
  "FROM",
  "WHERE",
  "GROUP",
  "HAVING",
  "ORDER",
  "LIMIT",
  "QUALIFY",
  "UNION",
  "EXCEPT",
  "MINUS",
  "INTERSECT",
  "INTO",
]);

/** Map from the index of an item's last token to the alias to append after it. */
export function selectListAliases(tokens: Token[]): Map<number, string> {
  const result = new Map<number, string>();
  let depth = 0;
  let start = -1;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === "op" && t.value === "(") depth++;
    else if (t.kind === "op" && t.value === ")") depth--;
    if (depth === 0 && isWord(t, "SELECT")) {
      start = k + 1;
      break;
    }
  }
  if (start < 0) return result;
  while (isWord(tokens[start], "DISTINCT", "ALL")) start++;
  let itemStart = start;
  depth = 0;
  for (let k = start; k <= tokens.length; k++) {
    const t = tokens[k];
    if (t && t.kind === "op" && t.value === "(") depth++;
    else if (t && t.kind === "op" && t.value === ")") depth--;
    const atEnd = !t || depth < 0 || (depth === 0 && (isWord(t, ...ENDS) || (t.kind === "op" && t.value === ",")));
    if (!atEnd) continue;
    const item = tokens.slice(itemStart, k);
    const alias = aliasFor(item);
    if (alias !== null) result.set(k - 1, alias);
    if (!t || t.kind !== "op" || t.value !== ",") break;
    itemStart = k + 1;
  }
  return result;
}

function aliasFor(item: Token[]): string | null {
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
      if (!(prev.kind === "op" && prev.value === ".")) return null;
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
