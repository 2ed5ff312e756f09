// Column-name checks the rewriter does itself because DuckDB cannot: DuckDB binds column names
// case-insensitively (even quoted ones), Snowflake exactly (unquoted names fold to upper case first). So
// `SELECT colB FROM "MixedCol"` (COLB) must not reach a column created as "colB". The rewriter records every
// name reference; after the whole statement is rewritten (all relations resolved), a reference that matches a
// known column only by case is refused with Snowflake's 000904. References matching nothing are left to
// DuckDB, whose binder error is then mapped to the same 000904 (query-errors.ts) — that keeps names the
// check cannot see (lambda parameters, struct fields…) working.
import { errors } from "./errors";
import { displayName, identValue } from "./identifiers";
import type { ColumnSource } from "./resolve";
import { KEYWORDS } from "./select-list";
import { isWord, type Token } from "./tokenizer";

/** A (possibly qualified) name used as a column: `COL`, `t.COL`, `"x"."colB"`; `start` indexes its first token. */
export type NameRef = { start: number; parts: string[] };

export type NameBook = { refs: NameRef[]; defined: Set<string> };

export const newNameBook = (): NameBook => ({ refs: [], defined: new Set() });

const isName = (t: Token | undefined) =>
  !!t && (t.kind === "qident" || (t.kind === "ident" && !KEYWORDS.has(t.value.toUpperCase())));
const isOp = (t: Token | undefined, v: string) => !!t && t.kind === "op" && t.value === v;

/**
 * Classifies the name token at i (called by the rewriter for names it emits as identifiers): a definition
 * (alias after AS or after an expression, named argument) goes to `defined`; the head of a dotted chain that
 * is not a function call goes to `refs`. Tokens inside a chain (after a `.`) are part of their head's ref.
 */
export function noteName(book: NameBook, tokens: Token[], i: number): void {
  const t = tokens[i];
  const prev = tokens[i - 1];
  if (isOp(prev, ".")) return;
  const value = identValue(t);
  const aliasAfter =
    prev &&
    (isWord(prev, "AS") ||
      prev.kind === "number" ||
      prev.kind === "string" ||
      prev.kind === "raw" ||
      isOp(prev, ")") ||
      isName(prev));
  if (aliasAfter || isOp(tokens[i + 1], "=>")) {
    book.defined.add(value);
    return;
  }
  const parts = [value];
  let k = i;
  while (isOp(tokens[k + 1], ".") && (tokens[k + 2]?.kind === "ident" || tokens[k + 2]?.kind === "qident")) {
    parts.push(identValue(tokens[k + 2]));
    k += 2;
  }
  if (isOp(tokens[k + 1], "(") || isOp(tokens[k + 1], ".")) return; // function call, or `t.*`
  book.refs.push({ start: i, parts });
}

export const displayRef = (parts: string[]) => parts.map(displayName).join(".");

/** Throws 000904 for the first reference whose column part matches a known column by case only. */
export function checkNameCase(book: NameBook, sources: ColumnSource[], tokens: Token[], extra: Iterable<string>): void {
  const exact = new Set<string>([...book.defined, ...extra]);
  for (const s of sources) for (const c of s.columns) exact.add(c.name);
  const folded = new Set([...exact].map((n) => n.toUpperCase()));
  for (const ref of book.refs) {
    const column = ref.parts[ref.parts.length - 1];
    if (exact.has(column) || !folded.has(column.toUpperCase())) continue;
    throw invalidIdentifierAt(tokens[ref.start], ref.parts);
  }
}

export function invalidIdentifierAt(t: Token | undefined, parts: string[]) {
  return errors.invalidIdentifier(t?.line ?? 1, t ? t.column - 1 : 0, displayRef(parts));
}
