// Injected latency is charged on every HTTP request the driver makes (as every HTTPS request to real
// Snowflake pays the network), and the probe counts requests per kind — observed through the real snowflake-sdk.
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { createFakeEngine, FAKE_ACCOUNT, FAKE_PASSWORD, FAKE_USER } from "../testing/fake-engine";
import { startTestEmulator, type TestConnection, type TestEmulator } from "../testing/start-test-emulator";

const L = 150;

let emu: TestEmulator;
let c: TestConnection;
beforeAll(async () => {
  emu = await startTestEmulator({ engine: createFakeEngine() });
  c = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });
});
beforeEach(() => emu.concurrency.reset());
afterEach(() => emu.faults.clear());
afterAll(() => emu.stop());

const NONE_BUT_TELEMETRY = { login: 0, query: 0, result: 0, monitoring: 0, token: 0, session: 0, abort: 0 };
const NONE = { ...NONE_BUT_TELEMETRY, telemetry: 0 };

test("a 3-statement multi-statement request: 1 query POST + 3 child-result GETs, each paying the latency", async () => {
  emu.faults.setLatency(L);
  const started = performance.now();
  const results = await c.executeMulti("select 1; use database lake; insert into t values (1)");
  const wallMs = performance.now() - started;
  expect(results).toHaveLength(3);

  // Measured: snowflake-sdk POSTs the batch once, then GETs /queries/<child id>/result for each child in turn.
  // After login the SDK also POSTs in-band telemetry, fire-and-forget (services/sf.js), which may land in this window:
  // counted, but not part of the statement.
  const { telemetry: _afterLogin, ...requests } = emu.concurrency.snapshot().requests;
  expect(requests).toEqual({ ...NONE_BUT_TELEMETRY, query: 1, result: 3 });
  // The child GETs follow one another (NextResult after each complete), so all 4 are on the critical path.
  const onCriticalPath = requests.query + requests.result;
  expect(wallMs).toBeGreaterThanOrEqual(onCriticalPath * L - 5);
});

test("a monitoring GET (query status of an async statement) pays the latency", async () => {
  emu.faults.setLatency(L);
  const { statement } = await c.executeWithStatement("SELECT 1", undefined, { asyncExec: true });
  const queryId = statement.getQueryId();
  const t0 = performance.now();
  const status = await c.connection.getQueryStatus(queryId);
  expect(status).toBe("SUCCESS");
  expect(performance.now() - t0).toBeGreaterThanOrEqual(L - 5);
  const requests = emu.concurrency.snapshot().requests;
  expect(requests.query).toBe(1);
  expect(requests.monitoring).toBeGreaterThanOrEqual(1);
});

test("fault rules reach result GETs too: a 503 on a child result is retried by the SDK", async () => {
  emu.faults.add({ kind: "http_error", target: "result", status: 503, times: 1 });
  const results = await c.executeMulti("select 1; select 1");
  expect(results).toEqual([[{ "1": 1 }], [{ "1": 1 }]]);
  expect(emu.faults.get().rules[0]).toMatchObject({ hits: 1, remaining: 0 });
  expect(emu.concurrency.snapshot().requests).toMatchObject({ query: 1, result: 3 }); // 2 children + 1 retry
});

test("the counts reset with the probe and do not include the admin API", async () => {
  await c.execute("SELECT 1");
  expect(emu.concurrency.snapshot().requests.query).toBe(1);
  emu.concurrency.reset();
  expect(emu.concurrency.snapshot().requests).toEqual(NONE);
  const res = await fetch(`${emu.url}/__emulator/concurrency`, {
    headers: { authorization: `Bearer ${emu.adminToken}` },
  });
  expect(((await res.json()) as { requests: typeof NONE }).requests).toEqual(NONE);
});

// Last: expiring tokens affects every session, c's included.
test("login, token renewal, heartbeat and session delete pay the latency and are counted by kind", async () => {
  emu.faults.setLatency(L);
  const t0 = performance.now();
  const d = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });
  expect(performance.now() - t0).toBeGreaterThanOrEqual(L - 5);

  emu.sessions.expireSessionTokens();
  const t1 = performance.now();
  // 390112 on the query → POST /session/token-request → the query again: 3 requests in a row.
  expect(await d.execute("SELECT 1")).toEqual([{ "1": 1 }]);
  expect(performance.now() - t1).toBeGreaterThanOrEqual(3 * L - 5);

  const t2 = performance.now();
  // heartbeatAsync is in the SDK (lib/connection/connection.js) but not in its type declarations.
  await (d.connection as unknown as { heartbeatAsync(): Promise<unknown> }).heartbeatAsync();
  expect(performance.now() - t2).toBeGreaterThanOrEqual(L - 5);

  const t3 = performance.now();
  await d.close();
  expect(performance.now() - t3).toBeGreaterThanOrEqual(L - 5);

  const requests = emu.concurrency.snapshot().requests;
  expect(requests).toMatchObject({ login: 1, query: 2, token: 1, session: 2, result: 0, abort: 0 });
});
