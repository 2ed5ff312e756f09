import "server-only";
// One bounded pool per provider account: at most `maxConnections` sessions (the account's concurrency
// bound), callers beyond that queue. A session that failed with a transient error is discarded rather than
// reused, since a dead or expired session would fail the next caller too.

import { connect as sdkConnect, type ConnectionSettings, type SnowflakeClient } from "./client";
import { toSnowflakeQueryError } from "./query-error";
import { Semaphore } from "./semaphore";

export type PoolSettings = ConnectionSettings & { maxConnections: number };

export class AccountPool {
  private readonly idle: SnowflakeClient[] = [];
  private readonly all = new Set<SnowflakeClient>();
  private readonly semaphore: Semaphore;
  private closed = false;

  constructor(
    private readonly settings: PoolSettings,
    private readonly connect: (settings: ConnectionSettings) => Promise<SnowflakeClient> = sdkConnect,
  ) {
    this.semaphore = new Semaphore(settings.maxConnections);
  }

  get stats(): { open: number; idle: number; inUse: number; queued: number } {
    return { open: this.all.size, idle: this.idle.length, inUse: this.semaphore.inUse, queued: this.semaphore.queued };
  }

  async withClient<T>(task: (client: SnowflakeClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error("connection pool is closed");
    const release = await this.semaphore.acquire();
    let client: SnowflakeClient | undefined;
    try {
      client = await this.checkout();
      const result = await task(client);
      this.idle.push(client);
      return result;
    } catch (error) {
      const mapped = toSnowflakeQueryError(error);
      if (client) {
        if (mapped.transient || !client.isUp()) await this.discard(client);
        else this.idle.push(client);
      }
      throw mapped;
    } finally {
      release();
    }
  }

  execute(...args: Parameters<SnowflakeClient["execute"]>) {
    return this.withClient((c) => c.execute(...args));
  }

  executeBatch(...args: Parameters<SnowflakeClient["executeBatch"]>) {
    return this.withClient((c) => c.executeBatch(...args));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.all].map((c) => this.discard(c)));
  }

  private async checkout(): Promise<SnowflakeClient> {
    while (this.idle.length > 0) {
      const client = this.idle.pop()!;
      if (client.isUp()) return client;
      await this.discard(client);
    }
    const client = await this.connect(this.settings);
    this.all.add(client);
    return client;
  }

  private async discard(client: SnowflakeClient): Promise<void> {
    this.all.delete(client);
    const i = this.idle.indexOf(client);
    if (i >= 0) this.idle.splice(i, 1);
    await client.close().catch(() => undefined);
  }
}

/** The pools of all provider accounts, created on first use. */
export class ConnectionPools {
  private readonly pools = new Map<string, AccountPool>();

  constructor(private readonly settingsFor: (accountId: string) => PoolSettings, private readonly connect?: (s: ConnectionSettings) => Promise<SnowflakeClient>) {}

  for(accountId: string): AccountPool {
    let pool = this.pools.get(accountId);
    if (!pool) {
      pool = new AccountPool(this.settingsFor(accountId), this.connect);
      this.pools.set(accountId, pool);
    }
    return pool;
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
  }
}
