// Session parameters honoured: ALTER SESSION SET/UNSET of TIMEZONE, MULTI_STATEMENT_COUNT, QUERY_TAG, the output
// formats and JS_TREAT_INTEGER_AS_BIGINT, as the driver sees them, and SHOW PARAMETERS IN SESSION.
//
// Documentation followed (each test names the pages it relies on):
// - Parameters (types, defaults, TIMEZONE, MULTI_STATEMENT_COUNT, QUERY_TAG, *_OUTPUT_FORMAT): https://docs.snowflake.com/en/sql-reference/parameters
// - ALTER SESSION: https://docs.snowflake.com/en/sql-reference/sql/alter-session
// - SHOW PARAMETERS: https://docs.snowflake.com/en/sql-reference/sql/show-parameters
// - CURRENT_TIMESTAMP / LOCALTIMESTAMP (TIMESTAMP_LTZ in the session time zone): https://docs.snowflake.com/en/sql-reference/functions/current_timestamp,
//   https://docs.snowflake.com/en/sql-reference/functions/localtimestamp
// - TIMESTAMP_LTZ / TIMESTAMP_TZ and the session time zone: https://docs.snowflake.com/en/sql-reference/data-types-datetime
// - Node.js driver multi-statement and MULTI_STATEMENT_COUNT: https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-execute
// - Node.js driver JS_TREAT_INTEGER_AS_BIGINT, fetchAsString: https://docs.snowflake.com/en/developer-guide/node-js/nodejs-driver-consume
import { afterAll, beforeAll, describe, expect } from "vitest";
import { contractTest, refusal, type ContractContext } from "./support";
import type { TestConnection } from "./target";

type Param = { key: string; value: string; default: string; level: string; description: string; type: string };

/** Runs a request without the helper's MULTI_STATEMENT_COUNT, optionally with request parameters; rows per statement. */
function runBatch(conn: TestConnection, sqlText: string, parameters?: Record<string, unknown>): Promise<unknown[][]> {
  return new Promise((resolve, reject) => {
    const all: unknown[][] = [];
    conn.connection.execute({
      sqlText,
      ...(parameters ? { parameters } : {}),
      complete: (err: unknown, statement: unknown, rows: unknown[] | undefined) => {
        if (err) return reject(err);
        all.push(rows ?? []);
        const multi = statement as unknown as { hasNext?: () => boolean; NextResult(): void };
        if (multi.hasNext?.()) multi.NextResult();
        else resolve(all);
      },
    } as never);
  });
}

/** One row, values formatted by the driver from the answer's parameters (fetchAsString). */
async function asStrings(conn: TestConnection, sql: string): Promise<Record<string, string>> {
  const { rows } = await conn.executeWithStatement<Record<string, string>>(sql, undefined, {
    fetchAsString: ["Date", "Number"],
  });
  return rows[0];
}

async function parameter(conn: TestConnection, name: string): Promise<Param> {
  const rows = await conn.execute<Param>(`SHOW PARAMETERS LIKE '${name}' IN SESSION`);
  const row = rows.find((r) => r.key === name);
  if (!row) throw new Error(`SHOW PARAMETERS has no ${name}`);
  return row;
}

export function sessionParametersContract(ctx: ContractContext): void {
  describe("session parameters", () => {
    let conn: TestConnection;
    beforeAll(async () => {
      conn = await ctx.target().provider.connect();
    });
    afterAll(async () => {
      await conn?.close();
    });

    // show-parameters: "IN SESSION: Returns all the session parameters and their settings for the current session";
    // output columns key, value, default, level, description, type; level names where the value was set.
    contractTest(
      ctx,
      null,
      "SHOW PARAMETERS IN SESSION lists typed parameters; ALTER SESSION SET/UNSET moves the level to SESSION and back",
      async () => {
        const before = await parameter(conn, "TIMEZONE");
        expect(Object.keys(before).sort()).toEqual(["default", "description", "key", "level", "type", "value"]);
        expect(before).toMatchObject({ key: "TIMEZONE", default: "America/Los_Angeles", type: "STRING" });
        expect(before.level).not.toBe("SESSION");
        expect((await parameter(conn, "MULTI_STATEMENT_COUNT")).type).toBe("NUMBER");
        expect((await parameter(conn, "JS_TREAT_INTEGER_AS_BIGINT")).type).toBe("BOOLEAN");

        await conn.execute("ALTER SESSION SET TIMEZONE = 'Asia/Tokyo', QUERY_TAG = 'floe-contract'");
        expect(await parameter(conn, "TIMEZONE")).toMatchObject({ value: "Asia/Tokyo", level: "SESSION" });
        expect(await parameter(conn, "QUERY_TAG")).toMatchObject({ value: "floe-contract", level: "SESSION" });
        // LIKE is case-insensitive with SQL wildcards (show-parameters, LIKE).
        const like = await conn.execute<Param>("SHOW PARAMETERS LIKE 'timestamp_%_output_format' IN SESSION");
        expect(like.map((r) => r.key).sort()).toEqual([
          "TIMESTAMP_LTZ_OUTPUT_FORMAT",
          "TIMESTAMP_NTZ_OUTPUT_FORMAT",
          "TIMESTAMP_TZ_OUTPUT_FORMAT",
        ]);

        await conn.execute("ALTER SESSION UNSET TIMEZONE, QUERY_TAG");
        expect(await parameter(conn, "TIMEZONE")).toMatchObject({ value: before.value, level: before.level });
        expect((await parameter(conn, "QUERY_TAG")).level).not.toBe("SESSION");
      },
    );

    // alter-session: "Parameters are typed. The supported types are BOOLEAN, NUMBER, and STRING." An unknown name
    // is refused with 001006 / 22023 (the code and SQLSTATE the Node driver's own integration tests expect for it).
    contractTest(
      ctx,
      null,
      "an unknown parameter is refused with 001006 / 22023; a wrongly typed value or unknown zone is refused",
      async () => {
        const unknown = await refusal(conn.execute("ALTER SESSION SET FLOE_NO_SUCH_PARAMETER = 1"));
        expect(unknown).toMatchObject({ code: "001006", sqlState: "22023" });
        expect(unknown.message).toContain("FLOE_NO_SUCH_PARAMETER");
        const notBoolean = await refusal(conn.execute("ALTER SESSION SET JS_TREAT_INTEGER_AS_BIGINT = 'sometimes'"));
        expect(notBoolean.message).toMatch(/JS_TREAT_INTEGER_AS_BIGINT/);
        const zone = await refusal(conn.execute("ALTER SESSION SET TIMEZONE = 'Mars/Olympus_Mons'"));
        expect(zone.message).toMatch(/Mars\/Olympus_Mons/);
      },
    );

    // parameters (TIMEZONE) and data-types-datetime: TIMESTAMP_LTZ values are shown in the session time zone;
    // a TIMESTAMP_LTZ/TZ string without an offset is read in it; CURRENT_TIMESTAMP and LOCALTIMESTAMP are
    // TIMESTAMP_LTZ. The driver formats with TIMEZONE and TIMESTAMP_OUTPUT_FORMAT from the answer.
    contractTest(
      ctx,
      null,
      "TIMEZONE: LTZ/TZ values, HOUR() and CURRENT_TIMESTAMP/LOCALTIMESTAMP answer in the session zone",
      async () => {
        await conn.execute("ALTER SESSION SET TIMEZONE = 'America/Los_Angeles'");
        try {
          const row = await asStrings(
            conn,
            "SELECT '2024-01-15 12:00:00 +00:00'::TIMESTAMP_LTZ AS LTZ, HOUR('2024-01-15 12:00:00 +00:00'::TIMESTAMP_LTZ) AS H, " +
              "'2024-07-01 09:00:00'::TIMESTAMP_TZ AS TZ, CURRENT_TIMESTAMP() AS NOW, LOCALTIMESTAMP() AS LOCALNOW",
          );
          expect(row.LTZ).toBe("2024-01-15 04:00:00.000 -0800");
          expect(row.H).toBe("4");
          expect(row.TZ).toBe("2024-07-01 09:00:00.000 -0700");
          expect(row.NOW).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} -0[78]00$/);
          expect(row.LOCALNOW).toMatch(/ -0[78]00$/);

          // An LTZ string without an offset is the session zone's wall clock (PDT in July): 09:00 -07:00 = 16:00Z.
          const [instant] = await conn.execute<{ T: Date }>("SELECT '2024-07-01 09:00:00'::TIMESTAMP_LTZ AS T");
          expect(new Date(instant.T.getTime()).toISOString()).toBe("2024-07-01T16:00:00.000Z");

          await conn.execute("ALTER SESSION SET TIMEZONE = 'Asia/Kolkata'");
          expect((await asStrings(conn, "SELECT '2024-01-15 12:00:00 +00:00'::TIMESTAMP_LTZ AS LTZ")).LTZ).toBe(
            "2024-01-15 17:30:00.000 +0530",
          );
        } finally {
          await conn.execute("ALTER SESSION UNSET TIMEZONE");
        }
      },
    );

    // parameters (DATE_OUTPUT_FORMAT, TIMESTAMP_NTZ_OUTPUT_FORMAT): the display formats of the session; the driver
    // formats strings with the values the answer carries.
    contractTest(
      ctx,
      null,
      "DATE_OUTPUT_FORMAT and TIMESTAMP_NTZ_OUTPUT_FORMAT set in the session shape the driver's strings",
      async () => {
        await conn.execute(
          "ALTER SESSION SET DATE_OUTPUT_FORMAT = 'DD/MM/YYYY', TIMESTAMP_NTZ_OUTPUT_FORMAT = 'DD.MM.YYYY HH24:MI'",
        );
        try {
          const row = await asStrings(
            conn,
            "SELECT '2024-01-15'::DATE AS D, '2024-01-15 12:34:56'::TIMESTAMP_NTZ AS T",
          );
          expect(row).toEqual({ D: "15/01/2024", T: "15.01.2024 12:34" });
        } finally {
          await conn.execute("ALTER SESSION UNSET DATE_OUTPUT_FORMAT, TIMESTAMP_NTZ_OUTPUT_FORMAT");
        }
        expect((await asStrings(conn, "SELECT '2024-01-15'::DATE AS D")).D).toBe("2024-01-15");
      },
    );

    // to_char (TO_VARCHAR, ::VARCHAR): "If the format is not specified, the … _OUTPUT_FORMAT parameter is used" —
    // a date or timestamp converted to text in SQL takes the session's output format, not a fixed ISO text
    // (https://docs.snowflake.com/en/sql-reference/functions/to_char).
    contractTest(
      ctx,
      null,
      "::VARCHAR, CAST(… AS VARCHAR) and TO_VARCHAR of dates and timestamps use the session's output formats",
      async () => {
        await conn.execute(
          "ALTER SESSION SET DATE_OUTPUT_FORMAT = 'DD/MM/YYYY', TIMESTAMP_NTZ_OUTPUT_FORMAT = 'DD.MM.YYYY HH24:MI'",
        );
        try {
          const [row] = await conn.execute(
            "SELECT '2024-01-15'::DATE::VARCHAR AS D, CAST('2024-01-15 12:34:56'::TIMESTAMP_NTZ AS VARCHAR(40)) AS T, " +
              "TO_VARCHAR('2024-02-01'::DATE) AS TV, 42::VARCHAR AS N, 'x'::STRING AS S",
          );
          expect(row).toEqual({ D: "15/01/2024", T: "15.01.2024 12:34", TV: "01/02/2024", N: "42", S: "x" });
        } finally {
          await conn.execute("ALTER SESSION UNSET DATE_OUTPUT_FORMAT, TIMESTAMP_NTZ_OUTPUT_FORMAT");
        }
        const [defaults] = await conn.execute(
          "SELECT '2024-01-15'::DATE::VARCHAR AS D, '2024-01-15 12:34:56.5'::TIMESTAMP_NTZ::VARCHAR AS T",
        );
        expect(defaults).toEqual({ D: "2024-01-15", T: "2024-01-15 12:34:56.500" });
      },
    );

    // nodejs-driver-consume: integers come back as JS numbers unless JS_TREAT_INTEGER_AS_BIGINT is TRUE (session
    // parameter, or the jsTreatIntegerAsBigInt connection option); then snowflake-sdk gives big-integer objects
    // (exact beyond 2^53), and scaled numbers stay numbers.
    contractTest(
      ctx,
      null,
      "JS_TREAT_INTEGER_AS_BIGINT from ALTER SESSION or the connection option makes integers bigint",
      async () => {
        const [plain] = await conn.execute<{ N: unknown }>("SELECT 9007199254740993 AS N");
        expect(typeof plain.N).toBe("number");
        await conn.execute("ALTER SESSION SET JS_TREAT_INTEGER_AS_BIGINT = TRUE");
        try {
          const [big] = await conn.execute<{ N: unknown; F: unknown }>(
            "SELECT 9007199254740993 AS N, 1.5::NUMBER(10,1) AS F",
          );
          expect(typeof big.N).toBe("object");
          expect(String(big.N)).toBe("9007199254740993");
          expect(typeof big.F).toBe("number");
        } finally {
          await conn.execute("ALTER SESSION UNSET JS_TREAT_INTEGER_AS_BIGINT");
        }
        const other = await ctx.target().provider.connect({ extra: { jsTreatIntegerAsBigInt: true } });
        try {
          const [row] = await other.execute<{ N: unknown }>("SELECT 42 AS N");
          expect(typeof row.N).toBe("object");
          expect(String(row.N)).toBe("42");
        } finally {
          await other.close();
        }
      },
    );

    // nodejs-driver-execute (multi-statement): MULTI_STATEMENT_COUNT 1 by default, 0 = any number, N = exactly N;
    // the statement's `parameters` override the session's value for that request.
    contractTest(
      ctx,
      null,
      "MULTI_STATEMENT_COUNT: 1 by default, the session value 0 allows any number, a request's parameter overrides it",
      async () => {
        const single = await refusal(runBatch(conn, "SELECT 1; SELECT 2"));
        expect(single.code).toBe("000008");
        await conn.execute("ALTER SESSION SET MULTI_STATEMENT_COUNT = 0");
        try {
          expect(await runBatch(conn, "SELECT 1 AS A; SELECT 2 AS B; SELECT 3 AS C")).toEqual([
            [{ A: 1 }],
            [{ B: 2 }],
            [{ C: 3 }],
          ]);
          const override = await refusal(runBatch(conn, "SELECT 1; SELECT 2; SELECT 3", { MULTI_STATEMENT_COUNT: 2 }));
          expect(override).toMatchObject({ code: "000008", sqlState: "0A000" });
          expect(override.message).toMatch(/3 did not match the desired statement count 2/);
          expect(await runBatch(conn, "SELECT 1 AS A; SELECT 2 AS B", { MULTI_STATEMENT_COUNT: 2 })).toEqual([
            [{ A: 1 }],
            [{ B: 2 }],
          ]);
        } finally {
          await conn.execute("ALTER SESSION UNSET MULTI_STATEMENT_COUNT");
        }
        expect((await parameter(conn, "MULTI_STATEMENT_COUNT")).value).toBe("1");
        expect((await refusal(runBatch(conn, "SELECT 1; SELECT 2"))).code).toBe("000008");
      },
    );

    // parameters (MULTI_STATEMENT_COUNT): ">1: the specified exact number of statements in a multi-statement query" —
    // the count is what a multi-statement request must hold; a request of one statement is no multi-statement query,
    // so a session value of 2 still lets the next single statements run (the docs' reading; the emulator refused them).
    contractTest(
      ctx,
      null,
      "a session MULTI_STATEMENT_COUNT of N requires N statements in a batch and still runs single statements",
      async () => {
        await conn.execute("ALTER SESSION SET MULTI_STATEMENT_COUNT = 2");
        try {
          expect(await runBatch(conn, "SELECT 1 AS A")).toEqual([[{ A: 1 }]]);
          expect(await runBatch(conn, "SELECT 1 AS A; SELECT 2 AS B")).toEqual([[{ A: 1 }], [{ B: 2 }]]);
          expect((await refusal(runBatch(conn, "SELECT 1; SELECT 2; SELECT 3"))).code).toBe("000008");
        } finally {
          await conn.execute("ALTER SESSION UNSET MULTI_STATEMENT_COUNT");
        }
      },
    );

    // parameters (QUERY_TAG): "Optional string that can be used to tag queries and other SQL statements executed
    // within a session"; the driver's queryTag option sends it as the statement's parameter. Only the emulator's
    // query log can be read here (QUERY_HISTORY is not emulated).
    describe.skipIf(ctx.spec.kind !== "emulator")("emulator only: QUERY_TAG in the query log", () => {
      contractTest(
        ctx,
        null,
        "QUERY_TAG from ALTER SESSION and from the queryTag connection option tags the logged statements",
        async () => {
          const emu = ctx.target().emulator!.current();
          await conn.execute("ALTER SESSION SET QUERY_TAG = 'floe-contract-session-tag'");
          await conn.execute("SELECT 'TAGGED_BY_SESSION' AS X");
          await conn.execute("ALTER SESSION UNSET QUERY_TAG");
          await conn.execute("SELECT 'UNTAGGED' AS X");
          const tagged = await ctx.target().provider.connect({ extra: { queryTag: "floe-contract-option-tag" } });
          try {
            await tagged.execute("SELECT 'TAGGED_BY_OPTION' AS X");
          } finally {
            await tagged.close();
          }
          const tagOf = (marker: string) =>
            emu.queryLog
              .list()
              .filter((e) => e.sqlText.includes(marker))
              .map((e) => e.queryTag ?? null);
          expect(tagOf("TAGGED_BY_SESSION")).toEqual(["floe-contract-session-tag"]);
          expect(tagOf("'UNTAGGED'")).toEqual([null]);
          expect(tagOf("TAGGED_BY_OPTION")).toEqual(["floe-contract-option-tag"]);
        },
      );
    });
  });
}
