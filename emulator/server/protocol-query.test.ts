// Statements through the real snowflake-sdk: type encoding, binds, errors, multi-statement,
// describeOnly, async execution, gzip sniffing, unknown endpoints.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SnowflakeError } from "../engine/types";
import { createFakeEngine, FAKE_ACCOUNT, FAKE_PASSWORD, FAKE_USER, type FakeEngine } from "../testing/fake-engine";
import { rawLogin, rawRequest } from "../testing/raw-client";
import { startTestEmulator, type TestConnection, type TestEmulator } from "../testing/start-test-emulator";

let emu: TestEmulator;
let engine: FakeEngine;
let c: TestConnection;

const TS = new Date("2024-05-06T07:08:09.123Z");

beforeAll(async () => {
  engine = createFakeEngine();
  engine.answers.set("SELECT TYPES", () => ({
    statementTypeId: 0x1000,
    columns: [
      { name: "I", type: "fixed", nullable: false },
      { name: "BIG", type: "fixed", nullable: false },
      { name: "D2", type: "fixed", nullable: false, precision: 10, scale: 2 },
      { name: "R", type: "real", nullable: false },
      { name: "T", type: "text", nullable: true },
      { name: "B", type: "boolean", nullable: false },
      { name: "DT", type: "date", nullable: false },
      { name: "TM", type: "time", nullable: false },
      { name: "NTZ", type: "timestamp_ntz", nullable: false },
      { name: "LTZ", type: "timestamp_ltz", nullable: false },
      { name: "TZ", type: "timestamp_tz", nullable: false },
      { name: "V", type: "variant", nullable: false },
      { name: "O", type: "object", nullable: false },
      { name: "A", type: "array", nullable: false },
      { name: "BIN", type: "binary", nullable: false },
      { name: "N", type: "text", nullable: true },
    ],
    rows: [
      [
        42,
        9007199254740993n,
        12.5,
        1.25,
        "héllo",
        true,
        "2024-05-06",
        "07:08:09",
        TS,
        TS,
        "2024-05-06T09:08:09.123+02:00",
        { k: [1, "x"] },
        { a: 1 },
        [1, 2],
        new Uint8Array([0xca, 0xfe]) as never,
        null,
      ],
    ],
  }));
  engine.answers.set("DROP SHARE NOPE", () => {
    throw new SnowflakeError(
      "002003",
      "02000",
      "SQL compilation error:\nShare 'NOPE' does not exist or not authorized.",
    );
  });
  emu = await startTestEmulator({ engine });
  c = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });
});
afterAll(() => emu.stop());

test("every wire type round-trips to the JavaScript value the SDK gives for real Snowflake", async () => {
  type SfValue = { toJSON(): string; getTime(): number };
  type TypesRow = Record<"I" | "BIG" | "D2" | "R" | "T" | "B" | "TM" | "V" | "O" | "A" | "N", unknown> &
    Record<"DT" | "NTZ" | "LTZ" | "TZ", SfValue & Date> & { BIN: Buffer };
  const { rows, statement } = await c.executeWithStatement<TypesRow>("SELECT TYPES");
  const r = rows[0];
  expect(r.I).toBe(42);
  expect(String(r.BIG)).toBe("9007199254740992"); // the SDK reads numbers as JS numbers (precision loss like Snowflake)
  expect(r.D2).toBe(12.5);
  expect(r.R).toBe(1.25);
  expect(r.T).toBe("héllo");
  expect(r.B).toBe(true);
  expect((r.DT as Date).toISOString()).toBe("2024-05-06T00:00:00.000Z");
  expect(r.TM).toBe("07:08:09"); // TIME_OUTPUT_FORMAT default
  expect((r.NTZ as Date).getTime()).toBe(TS.getTime());
  expect((r.LTZ as Date).getTime()).toBe(TS.getTime());
  expect((r.TZ as Date).getTime()).toBe(TS.getTime());
  expect(r.TZ.toJSON()).toBe("2024-05-06 09:08:09.123 +0200"); // keeps its offset
  expect(r.V).toEqual({ k: [1, "x"] });
  expect(r.O).toEqual({ a: 1 });
  expect(r.A).toEqual([1, 2]);
  expect(Buffer.from(r.BIN).toString("hex")).toBe("cafe");
  expect(r.N).toBeNull();
  const columns = statement.getColumns() ?? [];
  expect(columns.map((col) => col.getType())).toEqual([
    "fixed",
    "fixed",
    "fixed",
    "real",
    "text",
    "boolean",
    "date",
    "time",
    "timestamp_ntz",
    "timestamp_ltz",
    "timestamp_tz",
    "variant",
    "object",
    "array",
    "binary",
    "text",
  ]);
  expect(columns[2].getScale()).toBe(2);
  expect(statement.getQueryId()).toMatch(/^[0-9a-f-]{36}$/);
});

test("binds of every SDK kind reach the engine as Snowflake bind types, and are logged", async () => {
  const rows = await c.execute("select ?, ?, ?, ?, ?, ?", [7, 2.5, "txt", true, null, JSON.stringify({ a: 1 })]);
  expect(rows).toEqual([{ B1: "7", B2: "2.5", B3: "txt", B4: "true", B5: null, B6: '{"a":1}' }]);
  expect(emu.queryLog.list().at(-1)?.binds).toEqual([
    { type: "FIXED", value: "7" },
    { type: "REAL", value: "2.5" },
    { type: "TEXT", value: "txt" },
    { type: "BOOLEAN", value: "true" },
    { type: "TEXT", value: null },
    { type: "TEXT", value: '{"a":1}' },
  ]);
});

test("a Snowflake error surfaces with its code, SQLSTATE, message and query id", async () => {
  const err = await c.execute("DROP SHARE NOPE").catch((e) => e);
  expect(err).toMatchObject({
    name: "OperationFailedError",
    code: "002003",
    sqlState: "02000",
    message: "SQL compilation error:\nShare 'NOPE' does not exist or not authorized.",
  });
  expect(err.data.queryId).toMatch(/^[0-9a-f-]{36}$/);
  expect(emu.queryLog.list().at(-1)).toMatchObject({
    queryId: err.data.queryId,
    outcome: "error",
    errorCode: "002003",
    sqlState: "02000",
  });
});

test("a non-Snowflake engine failure becomes internal error 000603 and the server keeps serving", async () => {
  const err = await c.execute("BOOM").catch((e) => e);
  expect(err.code).toBe("000603");
  expect(err.sqlState).toBe("XX000");
  expect(err.message).toMatch(/^SQL execution internal error/);
  expect(await c.execute("SELECT 1")).toEqual([{ "1": 1 }]);
});

describe("multi-statement", () => {
  test("MULTI_STATEMENT_COUNT 0 runs all; the SDK fetches each child result by id", async () => {
    const results = await c.executeMulti("select 1; use database lake; insert into t values (1)");
    expect(results).toEqual([
      [{ "1": 1 }],
      [{ status: "Statement executed successfully." }],
      [{ "number of rows inserted": 2 }],
    ]);
    const children = emu.queryLog.list().slice(-3);
    expect(children.map((e) => e.sqlText)).toEqual(["select 1", "use database lake", "insert into t values (1)"]);
    expect(new Set(children.map((e) => e.parentQueryId)).size).toBe(1);
    // USE inside the batch changes the session for the next request
    await c.execute("SELECT 1");
    expect(emu.queryLog.list().at(-1)?.database).toBe("LAKE");
  });

  test("without MULTI_STATEMENT_COUNT, two statements are refused with 000008", async () => {
    const err = await c.execute("select 1; select 1").catch((e) => e);
    expect(err).toMatchObject({
      code: "000008",
      sqlState: "0A000",
      message: "Actual statement count 2 did not match the desired statement count 1.",
    });
  });
});

test("describeOnly returns metadata and no rows; a non-read statement is not run", async () => {
  const { rows, statement } = await c.executeWithStatement("SELECT TYPES", undefined, { describeOnly: true });
  expect(rows).toEqual([]);
  expect(statement.getColumns()).toHaveLength(16);
  const before = engine.executed.length;
  await c.executeWithStatement("insert into t values (1)", undefined, { describeOnly: true });
  expect(engine.executed.length).toBe(before);
});

test("asyncExec detaches; status and result are read back by query id", async () => {
  const { statement } = await c.executeWithStatement("sleep 50", undefined, { asyncExec: true });
  const queryId = statement.getQueryId();
  const rows = await new Promise<unknown[]>((resolve, reject) => {
    c.connection.getResultsFromQueryId({
      queryId,
      complete: (err: Error | undefined, _s: unknown, r: unknown[] | undefined) =>
        err ? reject(err) : resolve(r ?? []),
    } as never);
  });
  expect(rows).toEqual([{ SLEPT: 50 }]);
  expect(await c.connection.getQueryStatus(queryId)).toBe("SUCCESS");
});

describe("wire details", () => {
  test("bodies are sniffed for gzip whatever Content-Encoding says", async () => {
    const { token } = await rawLogin(emu.url, FAKE_ACCOUNT, FAKE_USER, FAKE_PASSWORD);
    const body = { sqlText: "SELECT 1" };
    for (const variant of [
      { gzip: true },
      { gzip: true, contentEncodingHeader: true },
      { contentEncodingHeader: true },
      {},
    ]) {
      const res = await rawRequest(emu.url, "POST", "/queries/v1/query-request?requestId=r1", {
        body,
        token,
        ...variant,
      });
      expect(res.body).toMatchObject({
        success: true,
        data: { rowset: [["1"]], total: 1, returned: 1, statementTypeId: 4096 },
      });
      expect(res.body.data.parameters).toContainEqual({ name: "TIMEZONE", value: "UTC" });
    }
  });

  test("unknown endpoints get 404 with a body naming the endpoint; unknown statements ids are 000709", async () => {
    const res = await rawRequest(emu.url, "GET", "/nope/v9");
    expect(res.status).toBe(404);
    expect(res.body.message).toContain("GET /nope/v9");
    const { token } = await rawLogin(emu.url, FAKE_ACCOUNT, FAKE_USER, FAKE_PASSWORD);
    const missing = await rawRequest(emu.url, "GET", "/queries/00000000-0000-4000-8000-000000000000/result", { token });
    expect(missing.body).toMatchObject({ success: false, code: "000709" });
  });

  test("a request without a valid session token is refused with HTTP 401 and 390104", async () => {
    const res = await rawRequest(emu.url, "POST", "/queries/v1/query-request", {
      body: { sqlText: "SELECT 1" },
      token: "forged",
    });
    expect(res).toMatchObject({ status: 401, body: { success: false, code: "390104" } });
  });
});
