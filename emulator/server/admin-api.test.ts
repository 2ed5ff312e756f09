// The /__emulator/ admin API through the typed admin client (as another process would use it).
import { afterAll, beforeAll, expect, test } from "vitest";
import { createAdminClient, EmulatorAdminError } from "../admin-client";
import { createFakeEngine, FAKE_ACCOUNT, FAKE_PASSWORD, FAKE_USER, type FakeEngine } from "../testing/fake-engine";
import { rawRequest } from "../testing/raw-client";
import { startTestEmulator, type TestEmulator } from "../testing/start-test-emulator";
import { isLoopback } from "./request";

let emu: TestEmulator;
let engine: FakeEngine;
let admin: ReturnType<typeof createAdminClient>;
beforeAll(async () => {
  engine = createFakeEngine();
  emu = await startTestEmulator({ engine, faults: [{ kind: "latency", ms: 1, sqlPattern: "^never$" }] });
  admin = createAdminClient(emu.url, emu.adminToken);
});
afterAll(() => emu.stop());

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: EmulatorAdminError) => ({ status: e.status, message: e.message }),
  );

test("health", async () => {
  expect(await admin.health()).toMatchObject({ ok: true, faults: 1 });
  // Without the token it is a bare liveness probe (scripts wait on it before they have read the token).
  expect((await rawRequest(emu.url, "GET", "/__emulator/health")).body).toEqual({ ok: true });
});

test("needs the token of this start, and refuses browser-originated requests even with it", async () => {
  expect(emu.adminToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  const auth = { Authorization: `Bearer ${emu.adminToken}` };
  expect((await rawRequest(emu.url, "GET", "/__emulator/query-log")).status).toBe(401);
  expect(
    (await rawRequest(emu.url, "GET", "/__emulator/query-log", { headers: { Authorization: "Bearer wrong" } })).status,
  ).toBe(401);
  expect(await rejection(createAdminClient(emu.url, "wrong").clearFaults())).toMatchObject({ status: 401 });
  expect((await rawRequest(emu.url, "GET", "/__emulator/query-log", { headers: auth })).status).toBe(200);
  const before = await admin.faults();
  // A page the developer has open can send these (fetch with no-cors, a form post); a script or the CLI never does.
  const browserHeaders: Record<string, string>[] = [
    { Origin: "http://evil.example" },
    { Origin: "null" },
    { "Sec-Fetch-Site": "cross-site" },
    { "Sec-Fetch-Site": "same-origin" },
    { "Sec-Fetch-Site": "none" },
  ];
  for (const browser of browserHeaders) {
    const res = await rawRequest(emu.url, "PUT", "/__emulator/faults", {
      headers: { ...auth, ...browser },
      body: { latencyMs: 9_000 },
    });
    expect(res.status, JSON.stringify(browser)).toBe(403);
  }
  expect(
    (await rawRequest(emu.url, "GET", "/__emulator/health", { headers: { Origin: "http://evil.example" } })).status,
  ).toBe(403);
  expect(await admin.faults()).toEqual(before);
});

test("query log: every statement with its outcome, filterable by account, since and limit; clearable", async () => {
  await admin.clearQueryLog();
  const c = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });
  const t0 = new Date();
  await c.execute("select ?", ["a"]);
  await c.execute("not sql").catch(() => undefined);
  const entries = await admin.queryLog({ account: FAKE_ACCOUNT.toLowerCase() });
  expect(entries).toHaveLength(2);
  expect(entries[0]).toMatchObject({
    account: FAKE_ACCOUNT,
    user: FAKE_USER,
    role: "PUBLIC",
    sqlText: "select ?",
    binds: [{ type: "TEXT", value: "a" }],
    outcome: "success",
    rows: 1,
    statementTypeId: 0x1000,
  });
  expect(entries[0].queryId).toMatch(/^[0-9a-f-]{36}$/);
  expect(entries[0].durationMs).toBeGreaterThanOrEqual(0);
  expect(Date.parse(entries[0].timestamp)).toBeGreaterThanOrEqual(t0.getTime() - 5);
  expect(entries[1]).toMatchObject({ outcome: "error", errorCode: "001003", sqlState: "42000", rows: 0 });
  expect(await admin.queryLog({ account: "SOMEONE_ELSE" })).toEqual([]);
  expect(await admin.queryLog({ since: Date.now() + 60_000 })).toEqual([]);
  expect((await admin.queryLog({ limit: 1 }))[0].sqlText).toBe("not sql");
  await admin.clearQueryLog();
  expect(await admin.queryLog()).toEqual([]);
  await c.close();
});

test("faults: GET/PUT/DELETE, add and remove single rules", async () => {
  expect((await admin.faults()).rules).toHaveLength(1); // from the start options
  const set = await admin.setFaults({ latencyMs: 5, rules: [{ kind: "http_error", id: "r1" }] });
  expect(set).toMatchObject({
    latencyMs: 5,
    rules: [{ id: "r1", kind: "http_error", status: 503, target: "query", remaining: null, hits: 0 }],
  });
  const added = await admin.addFaultRule({ kind: "snowflake_error", code: "000603", message: "x", times: 2 });
  expect((await admin.faults()).rules.map((r) => r.id)).toEqual(["r1", added.id]);
  await admin.removeFaultRule("r1");
  expect(await rejection(admin.removeFaultRule("r1"))).toMatchObject({ status: 404 });
  expect(await admin.clearFaults()).toEqual({ latencyMs: 0, rules: [] });
});

test("bad admin input gets 400 with a message naming the field", async () => {
  expect(await rejection(admin.setFaults({ latencyMs: -1 }))).toEqual({
    status: 400,
    message: expect.stringMatching(/^latencyMs: /),
  });
  expect(await rejection(admin.addFaultRule({ kind: "teleport" } as never))).toMatchObject({
    status: 400,
    message: expect.stringMatching(/kind/),
  });
  expect(await rejection(admin.addFaultRule({ kind: "http_error", times: 0 }))).toMatchObject({
    status: 400,
    message: expect.stringMatching(/^times: /),
  });
  expect(await rejection(admin.queryLog({ since: "yesterday" }))).toMatchObject({ status: 400 });
  const notJson = await rawRequest(emu.url, "PUT", "/__emulator/faults", {
    body: undefined,
    headers: { Authorization: `Bearer ${emu.adminToken}` },
  });
  expect(notJson.status).toBe(200); // an empty body is an empty config: everything cleared
  const unknown = await rawRequest(emu.url, "GET", "/__emulator/nothing", {
    headers: { Authorization: `Bearer ${emu.adminToken}` },
  });
  expect(unknown.status).toBe(404);
  expect(unknown.body.endpoints).toContain("POST /__emulator/reset");
});

test("concurrency: read and reset", async () => {
  const c = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });
  await Promise.all([c.execute("sleep 100"), c.execute("sleep 100")]);
  const snap = await admin.concurrency();
  expect(snap.accounts[FAKE_ACCOUNT]).toEqual({ inFlight: 0, peak: 2 });
  expect(snap.requests.login).toBeGreaterThanOrEqual(1);
  expect(snap.requests.query).toBeGreaterThanOrEqual(2);
  expect(await admin.resetConcurrency()).toEqual({
    accounts: {},
    total: { inFlight: 0, peak: 0 },
    requests: { login: 0, query: 0, result: 0, monitoring: 0, token: 0, session: 0, abort: 0, telemetry: 0 },
  });
  await c.close();
});

test("reset restores the engine and drops sessions, so old tokens are refused", async () => {
  const c = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });
  await c.execute("SELECT 1");
  expect(engine.executed.length).toBeGreaterThan(0);
  await admin.reset();
  expect(engine.executed).toEqual([]);
  expect(await admin.queryLog()).toEqual([]);
  expect(await c.execute("SELECT 1").catch((e) => e)).toBeInstanceOf(Error);
});

test("the admin API is for loopback clients only", () => {
  expect(["127.0.0.1", "::1", "::ffff:127.0.0.1"].every(isLoopback)).toBe(true);
  expect(["10.0.0.5", "::ffff:192.168.1.2", undefined].some(isLoopback)).toBe(false);
});

test("the clock endpoints answer 501 for an engine without a controllable clock", async () => {
  expect(await rejection(admin.clock.read())).toMatchObject({ status: 501 });
});
