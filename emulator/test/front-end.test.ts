// The query front-end's pieces without an engine: the tree keeps every source token and gives them back in order,
// transforms replace spans with raw tokens that carry the position of what the client wrote, and syntax no
// transform knows passes through untouched.
import { describe, expect, test } from "vitest";
import { flatten, parse } from "../engine/front/tree";
import type { RewriteEnv } from "../engine/select-rewriter";
import { significant, tokenize } from "../engine/tokenizer";
import { generator } from "../engine/transforms/generator";
import { resultColumnNaming } from "../engine/transforms/result-column-naming";

const tokens = (sql: string) => significant(tokenize(sql));
const env = { topLevel: true } as RewriteEnv;

describe("query front-end", () => {
  test("parse → flatten gives back the very tokens, unmatched parentheses included", () => {
    for (const sql of ["SELECT f(a, (b + 1)) FROM t WHERE x IN (1, 2)", "SELECT (1", "SELECT 1)) FROM t"]) {
      const source = tokens(sql);
      const back = flatten(parse(source));
      expect(back).toHaveLength(source.length);
      back.forEach((t, k) => expect(t).toBe(source[k]));
    }
  });

  test("result column naming adds Snowflake's name after an unaliased expression only, as a synthetic token", () => {
    const out = flatten(resultColumnNaming.apply(parse(tokens("SELECT COUNT(*), a, b AS c, t.d FROM t")), env));
    const added = out.filter((t) => t.kind === "raw");
    expect(added.map((t) => [t.value, t.synthetic])).toEqual([['AS "COUNT(*)"', true]]);
    // Placed right after the item's closing parenthesis, with that token's position.
    const k = out.indexOf(added[0]);
    expect(out[k - 1].value).toBe(")");
    expect([added[0].line, added[0].column]).toEqual([out[k - 1].line, out[k - 1].column]);
  });

  test("a transform's raw SQL carries the position of the source it replaces; its arguments stay source tokens", () => {
    const source = tokens("SELECT SEQ4()\nFROM TABLE(GENERATOR(ROWCOUNT => 3)) g");
    const out = flatten(generator.apply(parse(source), env));
    const seq = out.find((t) => t.kind === "raw" && t.value.includes("row_number"))!;
    expect([seq.line, seq.column]).toEqual([1, 8]);
    const rows = out.find((t) => t.kind === "raw" && t.value.includes("range("))!;
    expect([rows.line, rows.column]).toEqual([2, 6]); // the TABLE keyword
    expect(out).toContain(source.find((t) => t.value === "3")); // ROWCOUNT's expression is the client's token
    expect(out.at(-1)).toBe(source.at(-1)); // the alias passes through
  });
});
