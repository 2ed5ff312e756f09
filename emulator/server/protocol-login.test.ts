// Logins through the real snowflake-sdk: password, key-pair JWT, refusals, connect-string role.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createFakeEngine, FAKE_ACCOUNT, FAKE_PASSWORD, FAKE_USER, type FakeEngine } from "../testing/fake-engine";
import { rawRequest } from "../testing/raw-client";
import { generateRsaKeyPair, startTestEmulator, type TestEmulator } from "../testing/start-test-emulator";

let emu: TestEmulator;
let engine: FakeEngine;
const registered = generateRsaKeyPair();
const unregistered = generateRsaKeyPair();

beforeAll(async () => {
  engine = createFakeEngine();
  engine.publicKeys.push(registered.publicKeyPem);
  emu = await startTestEmulator({ engine, sessionTokenValiditySeconds: 900, masterTokenValiditySeconds: 7200 });
});
afterAll(() => emu.stop());

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: "connected" }),
    (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
  );

describe("password login", () => {
  test("connects and runs a statement; the session carries the engine's identity", async () => {
    const c = await emu.connect(FAKE_ACCOUNT.toLowerCase(), FAKE_USER.toLowerCase(), { password: FAKE_PASSWORD });
    expect(await c.execute("SELECT 1")).toEqual([{ "1": 1 }]);
    const [entry] = emu.queryLog.list().slice(-1);
    expect(entry).toMatchObject({
      account: FAKE_ACCOUNT,
      user: FAKE_USER,
      role: "PUBLIC",
      sqlText: "SELECT 1",
      outcome: "success",
    });
    await c.close();
  });

  test("a wrong password or unknown user is refused with 390100 and no retry", async () => {
    expect(await refusal(emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: "nope" }))).toEqual({
      code: "390100",
      message: "Incorrect username or password was specified.",
    });
    expect((await refusal(emu.connect(FAKE_ACCOUNT, "NOBODY", { password: FAKE_PASSWORD }))).code).toBe("390100");
  });

  test("roleName in the connect string becomes the session role; an unknown role is refused (390189)", async () => {
    const c = await emu.connect(FAKE_ACCOUNT, FAKE_USER, {
      password: FAKE_PASSWORD,
      role: "analyst",
      database: "lake",
    });
    await c.execute("SELECT 1");
    expect(emu.queryLog.list().at(-1)).toMatchObject({ role: "ANALYST", database: "LAKE" });
    await c.close();
    expect(
      (await refusal(emu.connect(FAKE_ACCOUNT, FAKE_USER, { password: FAKE_PASSWORD, role: "SYSADMINX" }))).code,
    ).toBe("390189");
  });

  test("the login answer carries the configured token validities, the TIMEZONE parameter and session info", async () => {
    const res = await rawRequest(emu.url, "POST", "/session/v1/login-request?requestId=x", {
      body: { data: { ACCOUNT_NAME: FAKE_ACCOUNT, LOGIN_NAME: FAKE_USER, PASSWORD: FAKE_PASSWORD } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      data: {
        validityInSeconds: 900,
        masterValidityInSeconds: 7200,
        parameters: expect.arrayContaining([{ name: "TIMEZONE", value: "UTC" }]),
        sessionInfo: { roleName: "PUBLIC", databaseName: null },
      },
    });
    expect(res.body.data.token).not.toBe(res.body.data.masterToken);
  });
});

describe("key-pair (SNOWFLAKE_JWT) login", () => {
  test("a registered key logs in, also through the org-account form of the account", async () => {
    const c = await emu.connect(FAKE_ACCOUNT, FAKE_USER, { privateKeyPem: registered.privateKeyPem });
    expect(await c.execute("SELECT 1")).toEqual([{ "1": 1 }]);
    await c.close();
    const d = await emu.connect("fakeorg-main", FAKE_USER, { privateKeyPem: registered.privateKeyPem });
    await d.close();
  });

  test("an unregistered key, or a user without keys, is refused with the JWT error 390144", async () => {
    expect(await refusal(emu.connect(FAKE_ACCOUNT, FAKE_USER, { privateKeyPem: unregistered.privateKeyPem }))).toEqual({
      code: "390144",
      message: "JWT token is invalid.",
    });
    expect((await refusal(emu.connect(FAKE_ACCOUNT, "NOBODY", { privateKeyPem: registered.privateKeyPem }))).code).toBe(
      "390144",
    );
  });

  test("a JWT with a valid signature but another user's subject is refused", async () => {
    const { createSign } = await import("node:crypto");
    const { publicKeyFingerprint } = await import("./jwt-auth");
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Date.now();
    const head = `${enc({ alg: "RS256", typ: "JWT" })}.${enc({
      iss: `${FAKE_ACCOUNT}.MALLORY.${publicKeyFingerprint(registered.publicKeyPem)}`,
      sub: `${FAKE_ACCOUNT}.MALLORY`,
      iat: now,
      exp: now + 60_000,
    })}`;
    const token = `${head}.${createSign("RSA-SHA256").update(head).sign(registered.privateKeyPem).toString("base64url")}`;
    const res = await rawRequest(emu.url, "POST", "/session/v1/login-request", {
      body: {
        data: { ACCOUNT_NAME: FAKE_ACCOUNT, LOGIN_NAME: FAKE_USER, AUTHENTICATOR: "SNOWFLAKE_JWT", TOKEN: token },
      },
    });
    expect(res.body).toMatchObject({ success: false, code: "390144" });
  });
});
