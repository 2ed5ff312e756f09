// Session lifecycle through the real snowflake-sdk: token expiry and renewal, master-token expiry,
// heartbeat, close.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createFakeEngine, FAKE_ACCOUNT, FAKE_PASSWORD, FAKE_USER } from "../testing/fake-engine";
import { rawLogin, rawRequest } from "../testing/raw-client";
import { startTestEmulator, type TestEmulator } from "../testing/start-test-emulator";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ engine: createFakeEngine() });
});
afterAll(() => emu.stop());

const connect = () => emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD });

test("an expired session token gets 390112; the SDK renews it with the master token and replays", async () => {
  const c = await connect();
  const renewalsBefore = emu.sessions.renewals();
  expect(emu.sessions.expireSessionTokens()).toBeGreaterThan(0);
  expect(await c.execute("SELECT 1")).toEqual([{ "1": 1 }]);
  // The statement ran once, after renewal.
  expect(emu.queryLog.list().filter((e) => e.sqlText === "SELECT 1")).toHaveLength(1);
  expect(emu.sessions.renewals()).toBe(renewalsBefore + 1);
  await c.close();
});

test("renewal on the wire: RENEW with the master token issues a new session token", async () => {
  const login = await rawLogin(emu.url, FAKE_ACCOUNT, FAKE_USER, FAKE_PASSWORD);
  emu.sessions.expireSessionTokens();
  const expired = await rawRequest(emu.url, "POST", "/queries/v1/query-request", {
    body: { sqlText: "SELECT 1" },
    token: login.token,
  });
  // HTTP 200: snowflake-sdk reads 390112 from a 200 body only, and renews.
  expect(expired).toMatchObject({ status: 200, body: { success: false, code: "390112" } });
  const renewed = await rawRequest(emu.url, "POST", "/session/token-request", {
    body: { requestType: "RENEW", oldSessionToken: login.token },
    token: login.masterToken,
  });
  expect(renewed.body).toMatchObject({
    success: true,
    data: { sessionId: login.sessionId, validityInSecondsST: 3600 },
  });
  const again = await rawRequest(emu.url, "POST", "/queries/v1/query-request", {
    body: { sqlText: "SELECT 1" },
    token: renewed.body.data.sessionToken,
  });
  expect(again.body.success).toBe(true);
  // A session token cannot renew; only the master token can.
  const wrong = await rawRequest(emu.url, "POST", "/session/token-request", {
    body: { requestType: "RENEW" },
    token: renewed.body.data.sessionToken,
  });
  expect(wrong.body.code).toBe("390104");
});

test("when the master token has expired too, renewal fails (390114) and the SDK reports the session lost", async () => {
  const c = await connect();
  emu.sessions.expireSessionTokens();
  emu.sessions.expireMasterTokens();
  const err = await c.execute("SELECT 1").catch((e) => e);
  expect(err).toBeInstanceOf(Error);
  expect(c.connection.isUp()).toBe(false);
});

test("heartbeat keeps a session valid; close deletes it and its token then answers 390111", async () => {
  const c = await connect();
  expect(await c.connection.isValidAsync()).toBe(true);
  const login = await rawLogin(emu.url, FAKE_ACCOUNT, FAKE_USER, FAKE_PASSWORD);
  expect((await rawRequest(emu.url, "POST", "/session/heartbeat", { token: login.token, body: {} })).body.success).toBe(
    true,
  );
  expect(
    (await rawRequest(emu.url, "POST", "/session?delete=true", { token: login.token, body: {} })).body.success,
  ).toBe(true);
  const gone = await rawRequest(emu.url, "POST", "/queries/v1/query-request", {
    body: { sqlText: "SELECT 1" },
    token: login.token,
  });
  expect(gone).toMatchObject({ status: 200, body: { success: false, code: "390111" } });
  await c.close();
  expect(c.connection.isUp()).toBe(false);
});

test("telemetry is accepted", async () => {
  const res = await rawRequest(emu.url, "POST", "/telemetry/send", { body: { logs: [] } });
  expect(res.body).toEqual({ data: null, code: null, message: null, success: true });
});
