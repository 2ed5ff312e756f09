import { describe, expect, it } from "vitest";
import type { SnowflakeClient } from "./client";
import { AccountPool, ConnectionPools } from "./connection-pool";
import { isTransientCode, SnowflakeQueryError, toSnowflakeQueryError } from "./query-error";
import { Semaphore } from "./semaphore";

type Deferred = { resolve: () => void; promise: Promise<void> };
const deferred = (): Deferred => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { resolve, promise };
};
const flush = () => new Promise<void>((r) => setImmediate(r));

describe("Semaphore", () => {
  it("admits at most `limit` holders and serves waiters in order", async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const runs = gates.map((g, i) =>
      s.run(async () => {
        order.push(i);
        await g.promise;
      }),
    );
    await flush();
    expect(order).toEqual([0, 1]);
    expect(s.queued).toBe(2);
    gates[1].resolve();
    await flush();
    expect(order).toEqual([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(s.inUse).toBe(0);
  });
});

describe("AccountPool", () => {
  function fakeConnect() {
    const clients: { up: boolean; closed: boolean; gate?: Deferred }[] = [];
    let nextError: unknown;
    const connect = async (): Promise<SnowflakeClient> => {
      const state = { up: true, closed: false };
      clients.push(state);
      return {
        execute: async () => {
          const gate = deferred();
          (state as { gate?: Deferred }).gate = gate;
          await gate.promise;
          if (nextError) {
            const e = nextError;
            nextError = undefined;
            throw e;
          }
          return { rows: [], queryId: "q" };
        },
        executeBatch: async () => ({ results: [] }),
        isUp: () => state.up,
        close: async () => {
          state.closed = true;
          state.up = false;
        },
      };
    };
    return { connect, clients, failNext: (e: unknown) => (nextError = e) };
  }
  const settings = {
    account: "X",
    username: "U",
    auth: { kind: "password" as const, password: "p" },
    maxConnections: 2,
  };

  it("opens no more sessions than the bound; extra callers queue, then reuse idle sessions", async () => {
    const fake = fakeConnect();
    const pool = new AccountPool(settings, fake.connect);
    const calls = Array.from({ length: 5 }, () => pool.execute("SELECT 1"));
    await flush();
    expect(pool.stats).toMatchObject({ open: 2, inUse: 2, queued: 3 });
    for (let round = 0; round < 10 && pool.stats.inUse > 0; round++) {
      for (const c of fake.clients) c.gate?.resolve();
      await flush();
    }
    await Promise.all(calls);
    expect(fake.clients).toHaveLength(2);
    expect(pool.stats).toMatchObject({ open: 2, idle: 2, inUse: 0, queued: 0 });
  });

  it("discards a session after a transient error and keeps it after a permanent one", async () => {
    const fake = fakeConnect();
    const pool = new AccountPool({ ...settings, maxConnections: 1 }, fake.connect);
    fake.failNext({ code: "002003", sqlState: "02000", message: "SQL compilation error" });
    const permanent = pool.execute("SELECT 1").catch((e) => e);
    await flush();
    fake.clients[0].gate!.resolve();
    expect(await permanent).toMatchObject({ code: "002003", transient: false });
    expect(pool.stats.open).toBe(1);
    fake.failNext({ code: 390112, message: "session expired" });
    const transient = pool.execute("SELECT 1").catch((e) => e);
    await flush();
    fake.clients[0].gate!.resolve();
    expect(await transient).toMatchObject({ code: "390112", transient: true });
    expect(fake.clients[0].closed).toBe(true);
    expect(pool.stats.open).toBe(0);
  });
  it("ConnectionPools: changed settings open a new pool; the old one lets its statement finish, moves its queued caller over, then closes", async () => {
    const fake = fakeConnect();
    const pools = new ConnectionPools(fake.connect);
    const one = { ...settings, maxConnections: 1 };
    let current = one;
    const running = pools.withClient(
      "acct",
      () => current,
      (c) => c.execute("old"),
    );
    await flush();
    const queued = pools.withClient(
      "acct",
      () => current,
      (c) => c.execute("queued"),
    );
    await flush();
    expect(fake.clients).toHaveLength(1);

    current = { ...one, auth: { kind: "password", password: "rotated" } };
    const rotated = pools.withClient(
      "acct",
      () => current,
      (c) => c.execute("new"),
    );
    await flush();
    expect(fake.clients).toHaveLength(2);
    expect(fake.clients[0].closed).toBe(false);

    fake.clients[0].gate!.resolve();
    await running;
    await flush();
    expect(fake.clients[0].closed).toBe(true);
    fake.clients[1].gate!.resolve();
    await rotated;
    await flush();
    // The caller that was queued on the old pool ran on the new pool's session, not a fresh old-key login.
    expect(fake.clients).toHaveLength(2);
    fake.clients[1].gate!.resolve();
    await queued;
    await pools.closeAll();
    expect(fake.clients[1].closed).toBe(true);
  });
});

describe("toSnowflakeQueryError", () => {
  it("classifies network, HTTP 5xx and session errors as transient; SQL and login errors as permanent", () => {
    expect(toSnowflakeQueryError({ code: 401001, message: "Network error" }).transient).toBe(true);
    expect(toSnowflakeQueryError({ code: 401002, response: { statusCode: 503 } }).transient).toBe(true);
    expect(toSnowflakeQueryError({ code: "390104", message: "token invalid" }).transient).toBe(true);
    expect(toSnowflakeQueryError({ cause: { code: "ECONNRESET" } }).transient).toBe(true);
    expect(
      toSnowflakeQueryError({ code: "002003", sqlState: "02000", message: "x", data: { queryId: "01ab" } }),
    ).toMatchObject({ code: "002003", sqlState: "02000", queryId: "01ab", transient: false });
    expect(toSnowflakeQueryError({ code: "003001", sqlState: "42501" }).transient).toBe(false);
    expect(toSnowflakeQueryError({ code: 390100 }).transient).toBe(false);
    expect(isTransientCode("001003")).toBe(false);
    expect(toSnowflakeQueryError(undefined)).toBeInstanceOf(SnowflakeQueryError);
  });
});
