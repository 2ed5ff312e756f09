// Semi-structured path access, `<expr>:<key>[.<key> | [<index>] | ['<key>']]…` on a VARIANT/OBJECT/ARRAY
// (docs.snowflake.com/en/user-guide/querying-semistructured: "Traversing semi-structured data"). The column
// name is case-insensitive, the element names are case-sensitive (as written, quoted or not). VARIANT cells
// are DuckDB JSON, so a path is json_extract(<operand>, '$.…'): a missing element is NULL. Cast at once to a
// scalar type (`v:a::VARCHAR`, `v:n::NUMBER`), the element's own text is what is cast — Snowflake's VARIANT
// → VARCHAR gives a string element without its JSON quotes, and a string element "12" casts to 12 — so then
// json_extract_string. A JSON null element cast to a scalar is NULL, as in Snowflake.
import type { Token } from "./tokenizer";

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Casts that keep the element semi-structured. */
const SEMI_STRUCTURED = new Set(["VARIANT", "OBJECT", "ARRAY"]);

const keyStep = (key: string) => (SIMPLE_KEY.test(key) ? `.${key}` : `."${key.replace(/"/g, '\\"')}"`);

/**
 * Reads the path after the `:` at tokens[i]: its JSONPath and how many tokens (the `:` included) it used.
 * Null when no element name follows (then the `:` is not a path).
 */
export function readVariantPath(tokens: Token[], i: number): { jsonPath: string; used: number } | null {
  const first = tokens[i + 1];
  if (!first || (first.kind !== "ident" && first.kind !== "qident")) return null;
  let jsonPath = "$" + keyStep(first.value);
  let k = i + 2;
  for (;;) {
    const t = tokens[k];
    const next = tokens[k + 1];
    if (t?.kind === "op" && t.value === "." && next && (next.kind === "ident" || next.kind === "qident")) {
      jsonPath += keyStep(next.value);
      k += 2;
    } else if (t?.kind === "op" && t.value === "[" && next && tokens[k + 2]?.value === "]") {
      if (next.kind === "number" && /^\d+$/.test(next.value)) jsonPath += `[${next.value}]`;
      else if (next.kind === "string") jsonPath += keyStep(next.value);
      else break;
      k += 3;
    } else break;
  }
  return { jsonPath, used: k - i };
}

/** True when the tokens at k are `::` and a scalar type: the element is then read as text (see above). */
export function castToScalarAt(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  const type = tokens[k + 1];
  return t?.kind === "op" && t.value === "::" && !!type && !SEMI_STRUCTURED.has(type.value.toUpperCase());
}

/** The DuckDB expression for `<operand>:<path>`. */
export function variantPathSql(operand: string, jsonPath: string, asText: boolean): string {
  return `${asText ? "json_extract_string" : "json_extract"}(${operand}, '${jsonPath.replace(/'/g, "''")}')`;
}

/**
 * Takes the operand the path applies to off the end of the rewritten pieces: the last piece, with the
 * `a.b.` qualifiers before it (pieces joined by "."). Returns its text.
 */
export function takeOperand(pieces: { text: string }[]): string | null {
  if (pieces.length === 0) return null;
  let start = pieces.length - 1;
  while (start >= 2 && pieces[start - 1].text === ".") start -= 2;
  const text = pieces
    .splice(start)
    .map((p) => p.text)
    .join("");
  return text;
}
