import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hostileInputs } from "./testing/hostile-inputs";
import {
  accountRef,
  bind,
  qualified,
  quoteIdent,
  sql,
  SqlBuildError,
  sqlDataType,
  sqlJoin,
  sqlStringLiteral,
  unquoteIdent,
  type SqlValue,
} from "./sql-identifiers";
import { tokenizeSql } from "./testing/sql-tokens";

// Strings biased towards what breaks quoting: quotes, backslashes, comment markers, controls, bidi, unicode.
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({
    unit: fc.constantFrom(
      '"',
      "'",
      "\\",
      ";",
      "-",
      "/",
      "*",
      "\u0000",
      "\u202E",
      "\u200B",
      "А",
      "Ａ",
      "a",
      "Z",
      "_",
      " ",
      "\n",
    ),
    maxLength: 40,
  }),
  fc.constantFrom(...hostileInputs.map((h) => h.value)),
);

/** Either quoteIdent refuses the part, or its output is exactly one quoted identifier holding the part. */
function assertSafeQuote(part: string): void {
  let quoted: string;
  try {
    quoted = quoteIdent(part).sqlText;
  } catch (error) {
    expect(error).toBeInstanceOf(SqlBuildError);
    return;
  }
  expect(unquoteIdent(quoted)).toBe(part);
  const tokens = tokenizeSql(`SELECT ${quoted} ;`);
  expect(tokens.map((t) => t.kind)).toEqual(["word", "ident", "punct"]);
  expect(tokens[1]).toMatchObject({ kind: "ident", value: part });
}

describe("quoteIdent", () => {
  it("quotes generated names as-is and doubles embedded quotes", () => {
    expect(quoteIdent("FLOE_ACME_X").sqlText).toBe('"FLOE_ACME_X"');
    expect(quoteIdent('A"B').sqlText).toBe('"A""B"');
    expect(quoteIdent("lower").sqlText).toBe('"lower"');
  });

  it("rejects empty, NUL, control, bidi and zero-width characters and overlong parts", () => {
    for (const bad of ["", "A\u0000", "A\nB", "A\u007F", "A\u202EB", "A\u200BB", "A".repeat(256), "\uD800"]) {
      expect(() => quoteIdent(bad), JSON.stringify(bad)).toThrow(SqlBuildError);
    }
    expect(quoteIdent("A".repeat(255)).sqlText).toHaveLength(257);
    expect(() => quoteIdent(42 as unknown as string)).toThrow(SqlBuildError);
  });

  it("every hostile corpus entry is refused or round-trips without leaving the quotes", () => {
    for (const h of hostileInputs) assertSafeQuote(h.value);
  });

  it("property: output round-trips and never terminates the identifier early", () => {
    fc.assert(fc.property(nasty, assertSafeQuote), { numRuns: 2000 });
  });
});

describe("unquoteIdent", () => {
  it("refuses anything that is not one complete quoted identifier", () => {
    expect(unquoteIdent('"A"')).toBe("A");
    expect(unquoteIdent('"A""B"')).toBe('A"B');
    expect(unquoteIdent('"A"B"')).toBeUndefined();
    expect(unquoteIdent('"A"."B"')).toBeUndefined();
    expect(unquoteIdent('"A')).toBeUndefined();
    expect(unquoteIdent("A")).toBeUndefined();
  });
});

describe("qualified and accountRef", () => {
  it("quotes each part", () => {
    expect(qualified("DB", "SHARED", "V").sqlText).toBe('"DB"."SHARED"."V"');
    expect(() => qualified()).toThrow(SqlBuildError);
    expect(() => qualified("DB", "")).toThrow(SqlBuildError);
  });

  it("renders consumer accounts and re-validates them", () => {
    expect(accountRef("ACME.ANALYTICS").sqlText).toBe('"ACME"."ANALYTICS"');
    expect(accountRef("XY12345").sqlText).toBe('"XY12345"');
    for (const h of hostileInputs) expect(() => accountRef(h.value), h.label).toThrow(SqlBuildError);
  });
});

describe("sqlStringLiteral", () => {
  it("escapes quotes and backslashes so the literal cannot end early", () => {
    expect(sqlStringLiteral("10 MINUTE").sqlText).toBe("'10 MINUTE'");
    expect(sqlStringLiteral("it's").sqlText).toBe("'it''s'");
    expect(sqlStringLiteral("a\\").sqlText).toBe("'a\\\\'");
    expect(() => sqlStringLiteral("a\u0000")).toThrow(SqlBuildError);
  });

  it("property: a literal lexes back to exactly one string token with the same value", () => {
    fc.assert(
      fc.property(nasty, (text) => {
        let literal: string;
        try {
          literal = sqlStringLiteral(text).sqlText;
        } catch (error) {
          expect(error).toBeInstanceOf(SqlBuildError);
          return;
        }
        const tokens = tokenizeSql(`COMMENT = ${literal}`);
        expect(tokens).toHaveLength(3);
        expect(tokens[2]).toMatchObject({ kind: "string", value: text });
      }),
      { numRuns: 1000 },
    );
  });
});

describe("sql template", () => {
  it("puts identifiers in the text and values in binds", () => {
    const statement = sql`DELETE FROM ${qualified("DB", "SHARING", "ENTITLEMENTS")} WHERE SHARE_NAME = ${bind("x'; DROP")} LIMIT ${10}`;
    expect(statement.toStatement()).toEqual({
      sql: 'DELETE FROM "DB"."SHARING"."ENTITLEMENTS" WHERE SHARE_NAME = ? LIMIT 10',
      binds: ["x'; DROP"],
    });
    expect(sql`SELECT 1`.toStatement()).toEqual({ sql: "SELECT 1" });
  });

  it("joins fragments and carries their binds in order", () => {
    const rows = [sql`(${bind(1)}, ${bind("a")})`, sql`(${bind(2)}, ${bind("b")})`];
    expect(sql`VALUES ${sqlJoin(rows)}`.toStatement()).toEqual({
      sql: "VALUES (?, ?), (?, ?)",
      binds: [1, "a", 2, "b"],
    });
  });

  it("refuses raw strings, non-integers, forged fragments and non-template calls", () => {
    const raw = (value: unknown) => () => sql`SELECT ${value as SqlValue}`;
    expect(raw("x")).toThrow(SqlBuildError);
    expect(raw(1.5)).toThrow(SqlBuildError);
    expect(raw(NaN)).toThrow(SqlBuildError);
    expect(raw({ sqlText: "DROP" })).toThrow(SqlBuildError);
    expect(raw(null)).toThrow(SqlBuildError);
    const forged = Object.assign(["DROP SHARE X"], { raw: ["DROP SHARE X"] }) as unknown as TemplateStringsArray;
    expect(() => sql(forged)).toThrow(SqlBuildError);
    expect(() => bind(Infinity)).toThrow(SqlBuildError);
  });
});

describe("sqlDataType", () => {
  it("passes the catalog's data types through and refuses anything that is not a bare type", () => {
    for (const t of ["VARCHAR(16777216)", "NUMBER(38,0)", "TIMESTAMP_LTZ(9)", "ARRAY", "BOOLEAN", "FLOAT"])
      expect(sql`${sqlDataType(t)}`.text).toBe(t);
    for (const t of ["VARCHAR) ; DROP TABLE X", "varchar", "NUMBER(38, 0)", "", "A".repeat(40), "VARCHAR(1)--"])
      expect(() => sqlDataType(t)).toThrow(SqlBuildError);
  });

  it("never lets a hostile string through", () => {
    fc.assert(
      fc.property(nasty, (text) => {
        try {
          const out = sqlDataType(text).sqlText;
          expect(out).toMatch(/^[A-Z][A-Z0-9_]*(\(\d+(,\d+)?\))?$/);
        } catch (error) {
          expect(error).toBeInstanceOf(SqlBuildError);
        }
      }),
    );
  });
});
