// The server on the real SQL engine (emulator/engine) with its seeded world, through the real
// snowflake-sdk: the paths the app takes (provisioner key-pair login, sharing DDL, errors, batches).
import { afterAll, beforeAll, expect, test } from "vitest";
import { createAdminClient } from "../admin-client";
import { startTestEmulator, type TestEmulator } from "../testing/start-test-emulator";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ lakeRowScale: 0.01, provisionerKey: true });
});
afterAll(() => emu.stop());

test("password login to a seeded provider account; the session is that account's", async () => {
  const c = await emu.connect("FD10001", "ADMIN");
  expect(await c.execute("SELECT CURRENT_ACCOUNT() AS A, CURRENT_ROLE() AS R")).toEqual([
    { A: "FD10001", R: "ACCOUNTADMIN" },
  ]);
  await c.close();
  const err = await emu.connect("FD10001", "ADMIN", { password: "wrong" }).catch((e) => e);
  expect(err.code).toBe("390100");
});

test("FLOE_PROVISIONER logs in with the registered key pair, by locator and by ORG-ACCOUNT name", async () => {
  for (const account of ["FD10001", "floedata-lake_us"]) {
    const p = await emu.connect(account, "FLOE_PROVISIONER", { privateKeyPem: emu.provisionerPrivateKeyPem });
    expect(await p.execute("SELECT CURRENT_USER() AS U, CURRENT_ACCOUNT() AS A")).toEqual([
      { U: "FLOE_PROVISIONER", A: "FD10001" },
    ]);
    await p.close();
  }
  const other = (await import("../testing/start-test-emulator")).generateRsaKeyPair();
  const err = await emu.connect("FD10001", "FLOE_PROVISIONER", { privateKeyPem: other.privateKeyPem }).catch((e) => e);
  expect(err.code).toBe("390144");
});

test("binds reach the engine and come back typed", async () => {
  const c = await emu.connect("FD10001", "ADMIN");
  expect(await c.execute("SELECT ? AS N, ? AS T, ? AS F", [42, "it's", 1.5])).toEqual([{ N: 42, T: "it's", F: 1.5 }]);
  await c.close();
});

test("array binds insert one row per bind row; the SDK sums the DML counts", async () => {
  const c = await emu.connect("FD10001", "ADMIN");
  await c.executeMulti(
    "CREATE DATABASE IF NOT EXISTS EMU_T; CREATE SCHEMA IF NOT EXISTS EMU_T.S; CREATE TABLE IF NOT EXISTS EMU_T.S.T (ID NUMBER, NAME TEXT)",
  );
  const { statement } = await c.executeWithStatement("INSERT INTO EMU_T.S.T (ID, NAME) VALUES (?, ?)", [
    [1, "a"],
    [2, "b"],
    [3, null],
  ]);
  expect(statement.getNumUpdatedRows()).toBe(3);
  expect(await c.execute("SELECT ID, NAME FROM EMU_T.S.T ORDER BY ID")).toEqual([
    { ID: 1, NAME: "a" },
    { ID: 2, NAME: "b" },
    { ID: 3, NAME: null },
  ]);
  await c.close();
});

test("sharing DDL in one multi-statement request, read back, and an engine error surfaces as Snowflake's", async () => {
  const c = await emu.connect("FD10001", "FLOE_PROVISIONER", { privateKeyPem: emu.provisionerPrivateKeyPem });
  const results = await c.executeMulti("CREATE SHARE IF NOT EXISTS EMU_TEST_SHARE; SHOW SHARES LIKE 'EMU_TEST%'");
  expect(results).toHaveLength(2);
  expect(results[1]).toEqual([expect.objectContaining({ name: "EMU_TEST_SHARE", kind: "OUTBOUND" })]);
  const err = await c.execute("DROP SHARE NO_SUCH_SHARE").catch((e) => e);
  expect(err).toMatchObject({
    code: "002003",
    sqlState: "02000",
    message: "SQL compilation error:\nShare 'NO_SUCH_SHARE' does not exist or not authorized.",
  });
  const log = emu.queryLog.list({ account: "FD10001" });
  expect(log.at(-1)).toMatchObject({
    user: "FLOE_PROVISIONER",
    role: "ACCOUNTADMIN",
    outcome: "error",
    errorCode: "002003",
  });
  await c.close();
});

test("admin reset restores the seeded world", async () => {
  await createAdminClient(emu.url, emu.adminToken).reset();
  const c = await emu.connect("FD10001", "ADMIN");
  expect(await c.execute("SHOW SHARES LIKE 'EMU_TEST%'")).toEqual([]);
  await c.close();
});
