// Structured types reached by a cast, and OBJECT constants: the driver reads a structured column by its rowtype
// `fields` (snowflake-connector-nodejs test/integration/testStructuredType.js runs these shapes against a real
// account). Values only: no table columns of structured types (regular tables do not take them).
//
// Documentation followed:
// - Structured data types ("You can cast a semi-structured ARRAY, OBJECT, or VARIANT to a corresponding structured
//   type"; ARRAY(<element_type>), OBJECT(<key> <value_type>, …)): https://docs.snowflake.com/en/sql-reference/data-types-structured
// - OBJECT constants (`{'key': value, …}`): https://docs.snowflake.com/en/sql-reference/data-types-semistructured#object-constants
// - TO_BINARY (format 'HEX'): https://docs.snowflake.com/en/sql-reference/functions/to_binary
import { beforeAll, describe, expect, it } from "vitest";
import type { ContractContext } from "./support";
import type { TestConnection } from "./target";

export function structuredTypesContract(ctx: ContractContext): void {
  describe("structured types (casts) and OBJECT constants", () => {
    let p: TestConnection;

    beforeAll(async () => {
      p = await ctx.target().provider.connect();
      return async () => {
        await p.close();
      };
    });

    it("an OBJECT constant is an OBJECT of its pairs, nested constants included", async () => {
      const [row] = await p.execute<{ O: unknown }>("SELECT {'a': 1, 'b': {'c': 'x'}} AS O");
      expect(row.O).toEqual({ a: 1, b: { c: "x" } });
    });

    it("a cast to OBJECT(…) types each field: a string field cast to INTEGER comes back a number", async () => {
      const { rows, statement } = await p.executeWithStatement<{ R: unknown }>(
        "SELECT {'name': 'a', 'n': '2', 'inner': {'flag': true}}::OBJECT(name VARCHAR, n INTEGER, inner OBJECT(flag BOOLEAN)) AS R",
      );
      expect(rows[0].R).toEqual({ name: "a", n: 2, inner: { flag: true } });
      expect(statement.getColumns()?.[0]?.getType()).toBe("object");
    });

    it("a cast to ARRAY(type) converts every element; BINARY fields come back as bytes", async () => {
      const { rows, statement } = await p.executeWithStatement<{ A: unknown; B: unknown }>(
        "SELECT ARRAY_CONSTRUCT('1', '2', '3')::ARRAY(INTEGER) AS A, {'b': TO_BINARY('616263', 'HEX')}::OBJECT(b BINARY) AS B",
      );
      expect(rows[0]).toEqual({ A: [1, 2, 3], B: { b: [97, 98, 99] } });
      expect(statement.getColumns()?.[0]?.getType()).toBe("array");
    });
  });
}
