// The block compiler (pure): statements in order inside one EXECUTE IMMEDIATE $$…$$, binds as quoted literals,
// nothing that could close the block or the literals early, and the block's answer parsed strictly.
import { describe, expect, it } from "vitest";
import { bind, inlineBinds, quoteIdent, sql, SqlBuildError } from "@/lib/snowflake/sql-identifiers";
import { compileStepBlock, parseBlockOutcomes } from "./step-block";

const stmt = (s: ReturnType<typeof sql>) => s.toStatement();

describe("inlineBinds", () => {
  it("replaces each ? outside quotes with its value's literal, escaping quotes and backslashes", () => {
    const s = stmt(
      sql`INSERT INTO ${quoteIdent("T?")} VALUES (${bind("it's")}, ${bind("a\\b")}, ${bind(3)}, ${bind(true)}, ${bind(null)}, '?')`,
    );
    expect(inlineBinds(s).sql).toBe(`INSERT INTO "T?" VALUES ('it''s', 'a\\\\b', 3, TRUE, NULL, '?')`);
  });

  it("refuses a placeholder count that differs from the binds, $$ and control characters in values", () => {
    expect(() => inlineBinds({ sql: "SELECT ?", binds: [] })).toThrow(SqlBuildError);
    expect(() => inlineBinds({ sql: "SELECT 1", binds: ["x"] })).toThrow(SqlBuildError);
    expect(() => inlineBinds({ sql: "SELECT $$x$$" })).toThrow(SqlBuildError);
    expect(() => inlineBinds({ sql: "SELECT ?", binds: ["a\nb"] })).toThrow(SqlBuildError);
  });
});

describe("compileStepBlock", () => {
  const steps = [
    { key: "create-share" as const, statements: [stmt(sql`CREATE SHARE IF NOT EXISTS ${quoteIdent("FLOE_A")}`)] },
    {
      key: "write-entitlements" as const,
      statements: [
        stmt(sql`DELETE FROM ${quoteIdent("E")} WHERE SHARE_NAME = ${bind("FLOE_A")}`),
        stmt(sql`INSERT INTO ${quoteIdent("E")} VALUES (${bind("FLOE_A")}, ${bind("w'1")})`),
      ],
    },
  ];

  it("is one bind-free statement running every step's statements in order, each followed by its row count", () => {
    const block = compileStepBlock(steps);
    expect(block.binds).toBeUndefined();
    expect(block.sql.startsWith("EXECUTE IMMEDIATE $$\n")).toBe(true);
    expect(block.sql.endsWith("\nEND;\n$$")).toBe(true);
    const order = [
      `CREATE SHARE IF NOT EXISTS "FLOE_A";`,
      "OBJECT_CONSTRUCT('step', 'create-share', 'ok', TRUE, 'rows', SQLROWCOUNT)",
      `DELETE FROM "E" WHERE SHARE_NAME = 'FLOE_A';`,
      `INSERT INTO "E" VALUES ('FLOE_A', 'w''1');`,
      "OBJECT_CONSTRUCT('step', 'write-entitlements', 'ok', TRUE, 'rows', SQLROWCOUNT)",
      "RETURN outcomes;",
      "WHEN OTHER THEN",
    ].map((line) => block.sql.indexOf(line));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]))).toBe(true);
  });

  it("refuses an identifier that would close the block", () => {
    expect(() =>
      compileStepBlock([{ key: "create-share", statements: [stmt(sql`CREATE SHARE ${quoteIdent("A$$B")}`)] }]),
    ).toThrow(SqlBuildError);
  });
});

describe("parseBlockOutcomes", () => {
  it("reads the ARRAY cell as the SDK parses it or as JSON text, and refuses anything else", () => {
    const value = [
      { step: "create-share", ok: true },
      { ok: false, code: 2003, message: "gone", state: "02000" },
    ];
    expect(parseBlockOutcomes([{ "anonymous block": value }])).toEqual(value);
    expect(parseBlockOutcomes([{ "anonymous block": JSON.stringify(value) }])).toEqual(value);
    expect(() => parseBlockOutcomes([{ "anonymous block": [{ step: "create-share" }] }])).toThrow();
    expect(() => parseBlockOutcomes([])).toThrow();
  });
});
