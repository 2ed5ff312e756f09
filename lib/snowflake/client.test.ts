import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing/start-test-emulator";
import { connect, type SnowflakeClient } from "./client";
import { AccountPool } from "./connection-pool";
import snowflake from "snowflake-sdk";
import { SnowflakeQueryError, toSnowflakeQueryError } from "./query-error";

let emulator: TestEmulator;
let client: SnowflakeClient;

beforeAll(async () => {
  emulator = await startTestEmulator({ lakeRowScale: 0.01, provisionerKey: true });
  client = await connect({
    account: "FD10001",
    username: "FLOE_PROVISIONER",
    auth: { kind: "password", password: emulator.password },
    accessUrl: emulator.url,
    statementTimeoutSeconds: 30,
  });
});
afterAll(async () => {
  await client?.close();
  await emulator?.stop();
});

describe("snowflake client against the emulator", () => {
  it("executes with binds and returns rows and the query id", async () => {
    const result = await client.execute("SELECT ? AS A, CURRENT_ACCOUNT() AS ACCT", ["x'; DROP"]);
    expect(result.rows).toEqual([{ A: "x'; DROP", ACCT: "FD10001" }]);
    expect(result.queryId).toMatch(/\S/);
  });

  it("runs a batch in one round trip with one query id per statement", async () => {
    const before = emulator.queryLog.list().length;
    const batch = await client.executeBatch(["SELECT 1 AS N", "SELECT 2 AS N", "SELECT 3 AS N"]);
    expect(batch.results.map((r) => r.rows)).toEqual([[{ N: 1 }], [{ N: 2 }], [{ N: 3 }]]);
    expect(new Set(batch.results.map((r) => r.queryId)).size).toBe(3);
    expect(emulator.queryLog.list().length - before).toBeGreaterThanOrEqual(1);
  });

  it("maps SQL errors to a permanent SnowflakeQueryError with code, state and query id", async () => {
    const error = await client.execute('SHOW GRANTS TO SHARE "NO_SUCH_SHARE"').catch((e) => e);
    expect(error).toBeInstanceOf(SnowflakeQueryError);
    expect(error).toMatchObject({ code: "002003", transient: false });
    expect(error.message).not.toContain(emulator.password);
  });

  it("logs in with a key pair (SNOWFLAKE_JWT)", async () => {
    const keyClient = await connect({
      account: "FD10001",
      username: "FLOE_PROVISIONER",
      auth: { kind: "key-pair", privateKeyPem: emulator.provisionerPrivateKeyPem! },
      accessUrl: emulator.url,
    });
    expect((await keyClient.execute("SELECT CURRENT_ACCOUNT() AS A")).rows).toEqual([{ A: "FD10001" }]);
    await keyClient.close();
  });

  it("a wrong password is a permanent error", async () => {
    const error = await connect({
      account: "FD10001",
      username: "FLOE_PROVISIONER",
      auth: { kind: "password", password: "wrong" },
      accessUrl: emulator.url,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SnowflakeQueryError);
    expect(error.transient).toBe(false);
    expect(error.message).not.toContain("wrong");
  });

  it("a session token Snowflake does not know (HTTP 401, 390104 → the SDK's 401004) is transient: the pool replaces the session", async () => {
    const forged = snowflake.createConnection({
      account: "FD10001",
      accessUrl: emulator.url,
      sessionToken: "forged-token",
    } as snowflake.ConnectionOptions);
    const raw = await new Promise<unknown>((resolve) =>
      forged.execute({ sqlText: "SELECT 1", complete: (err) => resolve(err) }),
    );
    const mapped = toSnowflakeQueryError(raw);
    expect(mapped).toMatchObject({ code: "401004", transient: true });
    expect(mapped.message).not.toContain("forged-token");
  });

  it("the pool bounds concurrent sessions per account and reuses them", async () => {
    const pool = new AccountPool({
      account: "FD10001",
      username: "FLOE_PROVISIONER",
      auth: { kind: "password", password: emulator.password },
      accessUrl: emulator.url,
      maxConnections: 2,
    });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.execute("SELECT ? AS I", [i])));
    expect(results.map((r) => Number(r.rows[0].I))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pool.stats.open).toBeLessThanOrEqual(2);
    expect(pool.stats.queued).toBe(0);
    await pool.close();
  });
});
