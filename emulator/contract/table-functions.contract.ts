// Table functions in FROM and the functions read with them: FLATTEN (TABLE(FLATTEN(…)) and LATERAL FLATTEN),
// GENERATOR with SEQ4 / UNIFORM / RANDOM, and TRY_PARSE_JSON.
//
// Documentation followed:
// - FLATTEN (arguments INPUT, PATH, OUTER, RECURSIVE, MODE; columns SEQ, KEY, PATH, INDEX, VALUE, THIS; OUTER gives one
//   row with NULL KEY, INDEX, VALUE for a zero-row expansion): https://docs.snowflake.com/en/sql-reference/functions/flatten
// - GENERATOR (ROWCOUNT rows; "generator(ROWCOUNT => null) generates 0 rows"):
//   https://docs.snowflake.com/en/sql-reference/functions/generator
// - SEQ1 / SEQ2 / SEQ4 / SEQ8 (increasing integers from 0): https://docs.snowflake.com/en/sql-reference/functions/seq1
// - UNIFORM (integers in [min, max] for integer bounds; a constant generator gives one value for every row):
//   https://docs.snowflake.com/en/sql-reference/functions/uniform
// - RANDOM (a pseudo-random 64-bit integer): https://docs.snowflake.com/en/sql-reference/functions/random
// - TRY_PARSE_JSON (NULL when parsing fails): https://docs.snowflake.com/en/sql-reference/functions/try_parse_json
import { beforeAll, describe, expect } from "vitest";
import { contractTest, runAll, type ContractContext } from "./support";
import type { TestConnection } from "./target";

const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);

export function tableFunctionsContract(ctx: ContractContext): void {
  describe("table functions: FLATTEN, GENERATOR, TRY_PARSE_JSON", () => {
    let p: TestConnection;
    let db: string;
    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_TFN`;
      p = await t.provider.connect();
      await runAll(p, [
        `CREATE DATABASE ${db}`,
        `CREATE SCHEMA ${db}.S`,
        `CREATE TABLE ${db}.S.DOCS (ID NUMBER(38,0), V VARIANT)`,
        // VALUES cannot hold PARSE_JSON in Snowflake: INSERT … SELECT.
        `INSERT INTO ${db}.S.DOCS (ID, V) SELECT 1, PARSE_JSON('[10, 20]') UNION ALL ` +
          `SELECT 2, PARSE_JSON('{"a": 1}') UNION ALL SELECT 3, PARSE_JSON('[]')`,
      ]);
      return async () => {
        await p.close();
      };
    });

    // flatten: an array gives one row per element, INDEX set, KEY NULL, PATH "[i]"; PATH => 'b' flattens the array
    // under b (PATH "b[0]", THIS the array).
    contractTest(
      ctx,
      null,
      "TABLE(FLATTEN(INPUT => …)) gives SEQ, KEY, PATH, INDEX, VALUE, THIS; PATH => picks the compound",
      async () => {
        const rows = await p.execute("SELECT * FROM TABLE(FLATTEN(INPUT => PARSE_JSON('[1, 77]'))) F ORDER BY INDEX");
        expect(rows.map((r) => Object.keys(r))).toEqual([
          ["SEQ", "KEY", "PATH", "INDEX", "VALUE", "THIS"],
          ["SEQ", "KEY", "PATH", "INDEX", "VALUE", "THIS"],
        ]);
        expect(rows.map((r) => [r.KEY, r.PATH, r.INDEX, parse(r.VALUE), parse(r.THIS)])).toEqual([
          [null, "[0]", 0, 1, [1, 77]],
          [null, "[1]", 1, 77, [1, 77]],
        ]);
        expect(rows[0].SEQ).toBe(rows[1].SEQ);
        const b = await p.execute(
          `SELECT KEY, PATH, INDEX, VALUE, THIS FROM TABLE(FLATTEN(INPUT => PARSE_JSON('{"a":1, "b":[77,88]}'), PATH => 'b')) ORDER BY INDEX`,
        );
        expect(b.map((r) => [r.KEY, r.PATH, r.INDEX, parse(r.VALUE), parse(r.THIS)])).toEqual([
          [null, "b[0]", 0, 77, [77, 88]],
          [null, "b[1]", 1, 88, [77, 88]],
        ]);
        const o = await p.execute(
          `SELECT KEY, PATH, INDEX, VALUE FROM TABLE(FLATTEN(INPUT => PARSE_JSON('{"a":1, "b":[77,88]}'))) ORDER BY KEY`,
        );
        expect(o.map((r) => [r.KEY, r.PATH, r.INDEX, parse(r.VALUE)])).toEqual([
          ["a", "a", null, 1],
          ["b", "b", null, [77, 88]],
        ]);
      },
    );

    // flatten: RECURSIVE => TRUE expands every sub-element; MODE => 'ARRAY' flattens arrays only.
    contractTest(
      ctx,
      null,
      "FLATTEN RECURSIVE => TRUE descends into sub-elements; MODE => 'OBJECT'|'ARRAY' filters",
      async () => {
        const rows = await p.execute(
          `SELECT PATH FROM TABLE(FLATTEN(INPUT => PARSE_JSON('{"a":1, "b":[77,88], "c": {"d": "X"}}'), RECURSIVE => TRUE)) ORDER BY PATH`,
        );
        expect(rows.map((r) => r.PATH)).toEqual(["a", "b", "b[0]", "b[1]", "c", "c.d"]);
        const arrays = await p.execute(
          `SELECT COUNT(*) AS N FROM TABLE(FLATTEN(INPUT => PARSE_JSON('{"a":1}'), MODE => 'ARRAY'))`,
        );
        expect(arrays).toEqual([{ N: 0 }]);
      },
    );

    // flatten: "If FALSE, any input rows that cannot be expanded … are completely omitted"; "If TRUE, exactly one row is
    // generated for zero-row expansions (with NULL in the KEY, INDEX, and VALUE columns)". SEQ: unique per input record.
    contractTest(
      ctx,
      null,
      "LATERAL FLATTEN joins each row with its elements; OUTER => TRUE keeps rows without any",
      async () => {
        const inner = await p.execute(
          `SELECT T.ID, F.KEY, F.INDEX, F.VALUE, F.SEQ FROM ${db}.S.DOCS T, LATERAL FLATTEN(INPUT => T.V) F ORDER BY T.ID, F.INDEX`,
        );
        expect(inner.map((r) => [r.ID, r.KEY, r.INDEX, parse(r.VALUE)])).toEqual([
          [1, null, 0, 10],
          [1, null, 1, 20],
          [2, "a", null, 1],
        ]);
        expect(inner[0].SEQ).toBe(inner[1].SEQ);
        expect(inner[2].SEQ).not.toBe(inner[0].SEQ);
        const outer = await p.execute(
          `SELECT T.ID, F.KEY, F.INDEX, F.VALUE FROM ${db}.S.DOCS T, LATERAL FLATTEN(INPUT => T.V, OUTER => TRUE) F ` +
            "WHERE T.ID = 3",
        );
        expect(outer).toEqual([{ ID: 3, KEY: null, INDEX: null, VALUE: null }]);
        const table = await p.execute(
          `SELECT COUNT(*) AS N FROM ${db}.S.DOCS T, TABLE(FLATTEN(INPUT => T.V)) F WHERE T.ID = 1`,
        );
        expect(table).toEqual([{ N: 2 }]);
      },
    );

    // generator + seq1 + uniform: SEQ4() counts from 0; UNIFORM(1, 10, RANDOM()) is an integer in [1, 10]; a constant
    // generator gives the same value in every row; ROWCOUNT => NULL is 0 rows.
    contractTest(
      ctx,
      null,
      "TABLE(GENERATOR(ROWCOUNT => n)) gives n rows for SEQ4(), UNIFORM(…) and RANDOM()",
      async () => {
        const rows = await p.execute(
          "SELECT SEQ4(), UNIFORM(1, 10, RANDOM()) AS U, UNIFORM(1, 10, 1234) AS C, RANDOM() AS R " +
            "FROM TABLE(GENERATOR(ROWCOUNT => 10)) ORDER BY 1",
        );
        expect(rows.map((r) => r["SEQ4()"])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        for (const r of rows) {
          expect(Number.isInteger(r.U)).toBe(true);
          expect(r.U as number).toBeGreaterThanOrEqual(1);
          expect(r.U as number).toBeLessThanOrEqual(10);
          expect(Number.isInteger(Number(r.R))).toBe(true);
        }
        expect(new Set(rows.map((r) => r.C)).size).toBe(1);
        const floats = await p.execute("SELECT UNIFORM(0, 1.5, RANDOM()) AS F FROM TABLE(GENERATOR(ROWCOUNT => 5))");
        for (const r of floats) {
          expect(r.F as number).toBeGreaterThanOrEqual(0);
          expect(r.F as number).toBeLessThanOrEqual(1.5);
        }
        expect(await p.execute("SELECT COUNT(*) AS N FROM TABLE(GENERATOR(ROWCOUNT => 1000)) G")).toEqual([
          { N: 1000 },
        ]);
        expect(await p.execute("SELECT COUNT(*) AS N FROM TABLE(GENERATOR(ROWCOUNT => NULL))")).toEqual([{ N: 0 }]);
      },
    );

    // try_parse_json: the docs' example rows — valid JSON parses, the unclosed object is NULL (PARSE_JSON would fail).
    // (The docs' example writes FALSE in capitals, which Snowflake's lenient parser takes; the emulator's does not:
    // emulator/README.md, Not supported. Lower case here.)
    contractTest(ctx, null, "TRY_PARSE_JSON parses valid JSON and answers NULL where PARSE_JSON fails", async () => {
      const [row] = await p.execute(
        `SELECT TRY_PARSE_JSON('{ "x" : "abc", "y" : false, "z": 10} ') AS OK, ` +
          `TRY_PARSE_JSON('{ "bad" : "json", "missing" : TRUE, "close_brace": 10 ') AS BAD, TRY_PARSE_JSON(NULL) AS NONE`,
      );
      expect(parse(row.OK)).toEqual({ x: "abc", y: false, z: 10 });
      expect(row.BAD).toBeNull();
      expect(row.NONE).toBeNull();
    });
  });
}
