// `FROM VALUES (…), (…) [[AS] alias [(col, …)]]` — Snowflake's VALUES in a FROM clause
// (https://docs.snowflake.com/en/sql-reference/constructs/values): the rows are a table whose columns are named
// COLUMN1, COLUMN2, … unless the alias lists names. DuckDB needs the VALUES list in parentheses and names its
// columns col0…, so this token transform rewrites it to `FROM (VALUES …) AS alias(COLUMN1, …)` before the rewriter
// runs. Inserted tokens take the positions of the VALUES keyword, so errors still point at what the client wrote.
import { FOLLOWS_TABLE } from "../front/keywords";
import type { Token } from "../tokenizer";

const isOp = (t: Token | undefined, op: string) => !!t && t.kind === "op" && t.value === op;
const isKw = (t: Token | undefined, ...words: string[]) =>
  !!t && t.kind === "ident" && words.includes(t.value.toUpperCase());
const synth = (at: Token, kind: Token["kind"], value: string): Token => ({ ...at, kind, value });

/** Index just past the parenthesised group opening at `open`, or -1 when it does not close. */
function closeOf(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (isOp(tokens[k], "(")) depth++;
    else if (isOp(tokens[k], ")") && --depth === 0) return k + 1;
  }
  return -1;
}

/** Number of values in the tuple opening at `open` (commas at depth 1, plus one). */
function widthOf(tokens: Token[], open: number, end: number): number {
  let depth = 0;
  let width = 1;
  for (let k = open; k < end; k++) {
    if (isOp(tokens[k], "(")) depth++;
    else if (isOp(tokens[k], ")")) depth--;
    else if (depth === 1 && isOp(tokens[k], ",")) width++;
  }
  return width;
}

export function valuesInFrom(tokens: Token[]): Token[] {
  let out: Token[] | null = null;
  let k = 0;
  const result: Token[] = [];
  while (k < tokens.length) {
    const t = tokens[k];
    if (!(isKw(t, "FROM", "JOIN") && isKw(tokens[k + 1], "VALUES") && isOp(tokens[k + 2], "("))) {
      result.push(t);
      k++;
      continue;
    }
    const values = tokens[k + 1];
    // The tuples: ( … ) [, ( … )]*
    let end = closeOf(tokens, k + 2);
    if (end < 0) {
      result.push(t);
      k++;
      continue;
    }
    const width = widthOf(tokens, k + 2, end);
    while (isOp(tokens[end], ",") && isOp(tokens[end + 1], "(")) {
      const next = closeOf(tokens, end + 1);
      if (next < 0) break;
      end = next;
    }
    // The alias and its column list, when given.
    let j = end;
    const hasAs = isKw(tokens[j], "AS");
    if (hasAs) j++;
    const aliasToken = tokens[j];
    const hasAlias =
      !!aliasToken &&
      (aliasToken.kind === "qident" ||
        (aliasToken.kind === "ident" && !FOLLOWS_TABLE.has(aliasToken.value.toUpperCase())));
    let columns: Token[] | null = null;
    if (hasAlias) {
      j++;
      if (isOp(tokens[j], "(")) {
        const close = closeOf(tokens, j);
        if (close > 0) {
          columns = tokens.slice(j, close);
          j = close;
        }
      }
    }
    result.push(
      t,
      synth(values, "op", "("),
      ...tokens.slice(k + 1, end),
      synth(tokens[end - 1], "op", ")"),
      synth(values, "ident", "AS"),
      hasAlias ? aliasToken : synth(values, "ident", "SF_VALUES"),
    );
    if (columns) result.push(...columns);
    else {
      result.push(synth(values, "op", "("));
      for (let c = 1; c <= width; c++) {
        if (c > 1) result.push(synth(values, "op", ","));
        result.push(synth(values, "ident", `COLUMN${c}`));
      }
      result.push(synth(values, "op", ")"));
    }
    out = result;
    k = hasAlias ? j : end;
  }
  return out ? result : tokens;
}
