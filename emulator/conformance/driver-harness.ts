// The conformance harness: the in-scope integration tests of the official Node driver
// (github.com/snowflakedb/snowflake-connector-nodejs, test/integration), re-written as vitest tests that
// run through the real snowflake-sdk against the emulator. Scope rule and pass rate: emulator/README.md,
// "Conformance (driver integration tests)". Each test file names the driver file it ports; each test
// keeps the driver test's name so the two can be compared line by line.
//
// A case the emulator does not pass yet is written with `knownGap`: it asserts precisely what the emulator
// answers today (so it fails the day the gap closes and must be turned into a normal test), and it counts
// as FAILING in the README's rate. Nothing here is skipped.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestEmulator, type TestConnection, type TestEmulator } from "../testing/start-test-emulator";

/** The driver's shared session settings (test/integration/sharedStatements.js, setTimezoneAndTimestamps). */
export const SET_TIMEZONE_AND_TIMESTAMPS =
  "alter session set TIMEZONE='America/Los_Angeles', " +
  "TIMESTAMP_OUTPUT_FORMAT='YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM', " +
  "TIMESTAMP_LTZ_OUTPUT_FORMAT='YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM', " +
  "TIMESTAMP_TZ_OUTPUT_FORMAT='YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM', " +
  "TIMESTAMP_NTZ_OUTPUT_FORMAT='YYYY-MM-DD HH24:MI:SS.FF3'";

export type DriverSuite = { conn: () => TestConnection; emu: () => TestEmulator };

/** One emulator and one connection (in a fresh database) per test file, as the driver's suites use one. */
export function driverSuite(database: string): DriverSuite {
  let emu: TestEmulator | undefined;
  let conn: TestConnection | undefined;
  beforeAll(async () => {
    emu = await startTestEmulator({ lakeRowScale: 0.01 });
    const admin = await emu.connect("FD10001", "ADMIN");
    await admin.execute(`CREATE DATABASE ${database}`);
    await admin.close();
    conn = await emu.connect("FD10001", "ADMIN", { database, schema: "PUBLIC" });
  });
  afterAll(async () => {
    await emu?.stop();
  });
  return {
    conn: () => conn ?? fail("connection not open"),
    emu: () => emu ?? fail("emulator not started"),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * What the driver's testUtil.normalizeRowObject does: a value the SDK gives as an object with toJSON (its
 * date/time/timestamp values) becomes that string, formatted by the session's output format.
 */
export function normalizeRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalizeValue(v)]));
}

export function normalizeValue(value: unknown): unknown {
  if (value && typeof value === "object" && !Array.isArray(value) && "toJSON" in value) {
    return (value as { toJSON(): unknown }).toJSON();
  }
  if (Array.isArray(value)) return value.map(normalizeValue);
  if (value && typeof value === "object" && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeValue(v)]));
  }
  return value;
}

/** testUtil.executeQueryAndVerify: every row, normalized, equals the expected one, in order. */
export async function queryAndVerify(
  conn: TestConnection,
  sql: string,
  expected: Record<string, unknown>[],
  binds?: unknown[],
): Promise<void> {
  const rows = await conn.execute(sql, binds as never);
  expect(rows.map(normalizeRow)).toEqual(expected);
}

export type GapFailure = { code: string; messageContains: string };

/**
 * A driver test the emulator does not pass: `work` must fail with exactly this code and message part
 * (listed in emulator/README.md and counted as failing in the conformance rate).
 */
export function knownGap(name: string, gap: GapFailure, work: () => Promise<unknown>): void {
  it(`[known gap] ${name}`, async () => {
    const err = (await work().then(
      (result) => ({ code: "none", message: `succeeded: ${JSON.stringify(result)}` }),
      (e: { code?: string; message?: string }) => ({ code: String(e.code), message: String(e.message) }),
    )) as { code: string; message: string };
    expect(err.code).toBe(gap.code);
    expect(err.message).toContain(gap.messageContains);
  });
}
