// Semi-structured path access on VARIANT columns, as the ingest pipeline (lake migration 5) reads Kafka
// records: `col:key`, nested `.key` and `[index]`, element names case-sensitive, a missing element NULL,
// and a path cast at once to a scalar type (`::VARCHAR` gives the string without JSON quotes, a string
// element casts to a number), in a view, in INSERT … SELECT, and with TRY_CAST for wrongly typed elements.
//
// Documentation followed:
// - Querying semi-structured data (traversing with `:`, `.`, `[]`; "element names are case-sensitive";
//   casting with `::`; the car_sales example): https://docs.snowflake.com/en/user-guide/querying-semistructured
// - PARSE_JSON: https://docs.snowflake.com/en/sql-reference/functions/parse_json
// - ARRAY_APPEND ("Returns an array containing all elements from the source array as well as the new element"):
//   https://docs.snowflake.com/en/sql-reference/functions/array_append
// - OBJECT_CONSTRUCT (values of any type, an ARRAY value nested as is): https://docs.snowflake.com/en/sql-reference/functions/object_construct
// - TRY_CAST (string input, NULL when the conversion fails): https://docs.snowflake.com/en/sql-reference/functions/try_cast
// - Kafka connector tables (RECORD_METADATA / RECORD_CONTENT VARIANT): https://docs.snowflake.com/en/user-guide/kafka-connector-overview
import { beforeAll, describe, expect, it } from "vitest";
import { runAll, type ContractContext } from "./support";
import type { TestConnection } from "./target";

const SALE = JSON.stringify({
  date: "2017-04-28",
  dealership: "Valley View Auto Sales",
  salesperson: { id: "55", name: "Frank Beasley" },
  vehicle: [
    { make: "Honda", model: "Civic", year: "2017", price: "20275", extras: ["ext warranty", "paint protection"] },
  ],
});

export function semiStructuredContract(ctx: ContractContext): void {
  describe("semi-structured path access", () => {
    let p: TestConnection;
    let db: string;

    beforeAll(async () => {
      const t = ctx.target();
      db = `${t.prefix}_SEMI`;
      p = await t.provider.connect();
      await runAll(p, [`CREATE DATABASE ${db}`, `CREATE TABLE ${db}.PUBLIC.CAR_SALES (SRC VARIANT)`]);
      await p.execute(`INSERT INTO ${db}.PUBLIC.CAR_SALES (SRC) SELECT PARSE_JSON(COLUMN1) FROM VALUES (?)`, [SALE]);
      return async () => {
        await p.close();
      };
    });

    it("traverses keys, nested keys and array elements; names are case-sensitive; missing is NULL", async () => {
      const rows = await p.execute(
        `SELECT SRC:dealership::VARCHAR AS DEALER, SRC:salesperson.name::VARCHAR AS SELLER, SRC:vehicle[0].make::VARCHAR AS MAKE,
                SRC:vehicle[0].extras AS EXTRAS, SRC:Dealership::VARCHAR AS WRONG_CASE, SRC:nothing.here::VARCHAR AS MISSING
         FROM ${db}.PUBLIC.CAR_SALES`,
      );
      expect(rows).toEqual([
        {
          DEALER: "Valley View Auto Sales",
          SELLER: "Frank Beasley",
          MAKE: "Honda",
          EXTRAS: ["ext warranty", "paint protection"],
          WRONG_CASE: null,
          MISSING: null,
        },
      ]);
    });

    it("casts a string element to a number; TRY_CAST of a non-number is NULL; works in views and INSERT … SELECT", async () => {
      await runAll(p, [
        `CREATE VIEW ${db}.PUBLIC.TYPED AS SELECT SRC:salesperson.id::NUMBER(38,0) AS SELLER_ID, TRY_CAST(SRC:dealership::VARCHAR AS NUMBER(38,0)) AS NOT_A_NUMBER, TRY_CAST(SRC:vehicle[0].price::VARCHAR AS NUMBER(38,0)) AS PRICE FROM ${db}.PUBLIC.CAR_SALES`,
        `CREATE TABLE ${db}.PUBLIC.PRICES (SELLER_ID NUMBER(38,0), PRICE NUMBER(38,0))`,
        `INSERT INTO ${db}.PUBLIC.PRICES SELECT SELLER_ID, PRICE FROM ${db}.PUBLIC.TYPED WHERE NOT_A_NUMBER IS NULL`,
      ]);
      const typed = await p.execute<{ SELLER_ID: number; NOT_A_NUMBER: unknown; PRICE: number }>(
        `SELECT SELLER_ID, NOT_A_NUMBER, PRICE FROM ${db}.PUBLIC.TYPED`,
      );
      expect(typed.map((r) => [Number(r.SELLER_ID), r.NOT_A_NUMBER, Number(r.PRICE)])).toEqual([[55, null, 20275]]);
      const moved = await p.execute<{ SELLER_ID: number; PRICE: number }>(`SELECT * FROM ${db}.PUBLIC.PRICES`);
      expect(moved.map((r) => [Number(r.SELLER_ID), Number(r.PRICE)])).toEqual([[55, 20275]]);
    });

    // A JSON null element is a value like any other: the array keeps it and grows by one.
    it("ARRAY_APPEND onto an array holding a null; an ARRAY nested in OBJECT_CONSTRUCT stays an array", async () => {
      const [row] = await p.execute<{ A: unknown; N: number; O: unknown }>(
        `SELECT ARRAY_APPEND(PARSE_JSON('[1, null]'), 2) AS A, ARRAY_SIZE(ARRAY_APPEND(PARSE_JSON('[1, null]'), 2)) AS N,
                OBJECT_CONSTRUCT('list', ARRAY_APPEND(PARSE_JSON('[1, null]'), 2), 'plain', ARRAY_CONSTRUCT(1, 2)) AS O`,
      );
      expect(row).toEqual({ A: [1, null, 2], N: 3, O: { list: [1, null, 2], plain: [1, 2] } });
    });
  });
}
