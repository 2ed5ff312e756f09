// Fault injection and the concurrency probe, observed through the real snowflake-sdk.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { FaultStore } from "./faults";
import { createFakeEngine, FAKE_ACCOUNT, FAKE_PASSWORD, FAKE_USER } from "../testing/fake-engine";
import { rawLogin, rawRequest } from "../testing/raw-client";
import { startTestEmulator, type TestConnection, type TestEmulator } from "../testing/start-test-emulator";

let emu: TestEmulator;
let c: TestConnection;
beforeAll(async () => {
  emu = await startTestEmulator({ engine: createFakeEngine() });
  c = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });
});
afterEach(() => emu.faults.clear());
afterAll(() => emu.stop());

const ranTimes = (sql: string) =>
  emu.queryLog.list().filter((e) => e.sqlText === sql && e.outcome === "success").length;

test("latency applies to every query request", async () => {
  emu.faults.setLatency(150);
  const started = performance.now();
  await c.execute("SELECT 1");
  expect(performance.now() - started).toBeGreaterThanOrEqual(145);
});

test("a latency rule slows only the statements it matches", async () => {
  emu.faults.add({ kind: "latency", ms: 200, sqlPattern: "^sleep" });
  const t0 = performance.now();
  await c.execute("SELECT 1");
  const fast = performance.now() - t0;
  const t1 = performance.now();
  await c.execute("sleep 1");
  expect(performance.now() - t1).toBeGreaterThanOrEqual(195);
  expect(fast).toBeLessThan(195);
});

describe("transient failures the SDK retries", () => {
  test("HTTP 503 once: the SDK retries and succeeds; the statement runs once", async () => {
    const before = ranTimes("select ?");
    emu.faults.add({ kind: "http_error", status: 503, sqlPattern: "^select \\?$", times: 1 });
    expect(await c.execute("select ?", ["after-503"])).toEqual([{ B1: "after-503" }]);
    expect(ranTimes("select ?")).toBe(before + 1);
    expect(emu.faults.get().rules[0]).toMatchObject({ hits: 1, remaining: 0 });
  });

  test("a dropped connection once: the SDK retries and succeeds", async () => {
    emu.faults.add({ kind: "drop_connection", times: 1 });
    expect(await c.execute("SELECT 1")).toEqual([{ "1": 1 }]);
    expect(emu.faults.get().rules[0]).toMatchObject({ hits: 1, remaining: 0 });
  });

  test("a login answered 503 once is retried by the SDK's login loop", async () => {
    emu.faults.add({ kind: "http_error", target: "login", status: 503, times: 1 });
    const d = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });
    expect(await d.execute("SELECT 1")).toEqual([{ "1": 1 }]);
    await d.close();
    expect(emu.faults.get().rules[0].hits).toBe(1);
  });

  test("a hanging request gets no answer, then its connection is cut", async () => {
    emu.faults.add({ kind: "hang", hangMs: 100, times: 1 });
    const { token } = await rawLogin(emu.url, FAKE_ACCOUNT, FAKE_USER, FAKE_PASSWORD);
    const started = performance.now();
    const err = await rawRequest(emu.url, "POST", "/queries/v1/query-request", {
      body: { sqlText: "SELECT 1" },
      token,
    }).catch((e) => e);
    expect(err.code).toBe("ECONNRESET");
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });
});

describe("Snowflake errors by regex", () => {
  test("`times` fails the next N matches, then statements succeed", async () => {
    emu.faults.add({
      kind: "snowflake_error",
      sqlPattern: "^select\\s+1$",
      code: "002003",
      sqlState: "02000",
      message: "SQL compilation error:\nShare 'X' does not exist or not authorized.",
      times: 2,
    });
    for (let i = 0; i < 2; i++) {
      const err = await c.execute("SELECT 1").catch((e) => e);
      expect(err).toMatchObject({
        code: "002003",
        sqlState: "02000",
        message: "SQL compilation error:\nShare 'X' does not exist or not authorized.",
      });
    }
    expect(await c.execute("SELECT 1")).toEqual([{ "1": 1 }]);
    const last3 = emu.queryLog.list().slice(-3);
    expect(last3.map((e) => e.errorCode ?? "ok")).toEqual(["002003", "002003", "ok"]);
    expect(last3[0].injectedFault).toBe(emu.faults.get().rules[0].id);
  });

  test("the account filter matches the locator or the account name used at login, nothing else", async () => {
    emu.faults.add({ kind: "snowflake_error", account: "OTHER_ACCOUNT", code: "000603", message: "boom" });
    expect(await c.execute("SELECT 1")).toEqual([{ "1": 1 }]);
    emu.faults.clear();
    emu.faults.add({
      kind: "snowflake_error",
      account: "fakeorg-main",
      code: "000606",
      sqlState: "57P03",
      message: "No active warehouse selected in the current session.",
    });
    expect(await c.execute("SELECT 1")).toEqual([{ "1": 1 }]); // logged in as FAKE01, not fakeorg-main
    const d = await emu.connect("FAKEORG-MAIN", FAKE_USER, { password: FAKE_PASSWORD });
    expect(await d.execute("SELECT 1").catch((e) => e.code)).toBe("000606");
    await d.close();
  });
});

test("the concurrency probe records in-flight statements per account and the peak; reset restarts it", async () => {
  emu.concurrency.reset();
  const d = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });
  await Promise.all([c.execute("sleep 150"), c.execute("sleep 150"), d.execute("sleep 150"), d.execute("sleep 150")]);
  const snap = emu.concurrency.snapshot();
  expect(snap.accounts[FAKE_ACCOUNT]).toEqual({ inFlight: 0, peak: 4 });
  expect(snap.total.peak).toBe(4);
  emu.concurrency.reset();
  expect(emu.concurrency.snapshot()).toEqual({
    accounts: {},
    total: { inFlight: 0, peak: 0 },
    requests: { login: 0, query: 0, result: 0, monitoring: 0, token: 0, session: 0, abort: 0, telemetry: 0 },
  });
  await d.close();
});

test("invalid fault rules are refused with a readable message", () => {
  expect(() => emu.faults.add({ kind: "snowflake_error", code: "12", message: "x" } as never)).toThrow(/six-digit/);
  expect(() => emu.faults.add({ kind: "http_error", sqlPattern: "(" } as never)).toThrow(/regular expression/);
});

describe("rules aimed at a statement, and Snowflake Scripting blocks", () => {
  const block = "EXECUTE IMMEDIATE $$\nBEGIN\n  CREATE SHARE S;\n  GRANT SELECT ON VIEW V TO SHARE S;\nEND;\n$$";

  test("a block's request is not matched by its text: the rule fires on the statement inside it instead", () => {
    const store = new FaultStore();
    store.add({ kind: "snowflake_error", code: "003001", message: "no", sqlPattern: "GRANT SELECT ON VIEW" });
    // The request carrying the whole block: the pattern occurs in its text, but it aims at one statement.
    expect(store.take({ target: "query", sqlText: block, accounts: [] })).toBeNull();
    // The block's own statement, as script-faults.ts asks for it.
    const inside = { target: "query" as const, accounts: [], kinds: ["snowflake_error" as const, "latency" as const] };
    expect(store.take({ ...inside, sqlText: "CREATE SHARE S" })).toBeNull();
    expect(store.take({ ...inside, sqlText: "GRANT SELECT ON VIEW V TO SHARE S" })).toMatchObject({ code: "003001" });
  });

  test("rules without a pattern, and transport rules, still apply to a block's request", () => {
    const store = new FaultStore();
    store.add({ kind: "http_error", status: 503, sqlPattern: "GRANT SELECT", times: 1 });
    store.add({ kind: "latency", ms: 5, times: 1 });
    expect(store.take({ target: "query", sqlText: block, accounts: [] })).toMatchObject({ status: 503 });
    expect(store.take({ target: "query", sqlText: block, accounts: [] })).toMatchObject({ ms: 5 });
  });
});
