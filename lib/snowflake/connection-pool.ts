import "server-only";
// One bounded pool per provider account: at most `maxConnections` sessions (the account's concurrency
// bound), callers beyond that queue. A session that failed with a transient error is discarded rather than
// reused, since a dead or expired session would fail the next caller too.
//
// Pools follow the account's settings: ConnectionPools keys each account's pool by a fingerprint of its
// resolved settings (user, secret, bound), so a rotated key or a changed secretRef opens a new pool on the
// next statement, and the old one drains — statements running on it finish, then its sessions close.

import { createHash } from "node:crypto";
import { connect as sdkConnect, type ConnectionSettings, type SnowflakeClient } from "./client";
import { toSnowflakeQueryError } from "./query-error";
import { Semaphore } from "./semaphore";

export type PoolSettings = ConnectionSettings & { maxConnections: number };

/** Thrown to callers that reach a pool after it was replaced; ConnectionPools retries them on the new pool. */
export class PoolRetiredError extends Error {
  constructor() {
    super("connection pool was replaced (settings changed)");
    this.name = "PoolRetiredError";
  }
}

export class AccountPool {
  private readonly idle: SnowflakeClient[] = [];
  private readonly all = new Set<SnowflakeClient>();
  private readonly semaphore: Semaphore;
  private closed = false;
  private emptied: (() => void)[] = [];

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
    if (this.closed) throw new PoolRetiredError();
    const release = await this.semaphore.acquire();
    // Queued behind the bound while the pool was retired: go to the new pool rather than log in with old settings.
    if (this.closed) {
      release();
      throw new PoolRetiredError();
    }
    let client: SnowflakeClient | undefined;
    try {
      client = await this.checkout();
      const result = await task(client);
      await this.checkin(client);
      return result;
    } catch (error) {
      const mapped = toSnowflakeQueryError(error);
      if (client) {
        if (mapped.transient || !client.isUp()) await this.discard(client);
        else await this.checkin(client);
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

  /** Takes no new work; idle sessions close now, busy ones when their statement finishes. Resolves when all are closed. */
  async drain(): Promise<void> {
    this.closed = true;
    const done = new Promise<void>((resolve) => this.emptied.push(resolve));
    await Promise.allSettled([...this.idle].map((c) => this.discard(c)));
    this.notifyIfEmpty();
    await done;
  }

  private async checkin(client: SnowflakeClient): Promise<void> {
    if (this.closed) await this.discard(client);
    else this.idle.push(client);
  }

  private notifyIfEmpty(): void {
    if (this.all.size > 0) return;
    for (const resolve of this.emptied.splice(0)) resolve();
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
    this.notifyIfEmpty();
  }
}

/**
 * A stable digest of everything a session depends on (account, user, secret, host, bound). Only compared,
 * never logged or stored, and one-way: it cannot give the secret back.
 */
export function settingsFingerprint(settings: PoolSettings): string {
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}

/** The pools of all provider accounts, created on first use and replaced when an account's settings change. */
export class ConnectionPools {
  private readonly pools = new Map<string, { fingerprint: string; pool: AccountPool }>();
  private readonly draining = new Set<Promise<void>>();

  constructor(private readonly connect?: (s: ConnectionSettings) => Promise<SnowflakeClient>) {}

  /** The account's pool for these settings; if they differ from the current pool's, that one drains. */
  for(accountId: string, settings: PoolSettings): AccountPool {
    const fingerprint = settingsFingerprint(settings);
    const current = this.pools.get(accountId);
    if (current?.fingerprint === fingerprint) return current.pool;
    const pool = new AccountPool(settings, this.connect);
    this.pools.set(accountId, { fingerprint, pool });
    if (current) {
      const drained = current.pool.drain().finally(() => this.draining.delete(drained));
      this.draining.add(drained);
    }
    return pool;
  }

  /**
   * Runs a task on a session of the account's current pool. `settings` is read on every call (secrets are
   * re-read, so a rotated key file is picked up by the next statement); a caller that was queued on a pool
   * replaced meanwhile moves to the new one.
   */
  async withClient<T>(
    accountId: string,
    settings: () => PoolSettings,
    task: (client: SnowflakeClient) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.for(accountId, settings()).withClient(task);
      } catch (error) {
        if (!(error instanceof PoolRetiredError) || attempt >= 3) throw error;
      }
    }
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.pools.values()].map((p) => p.pool.close()));
    this.pools.clear();
    await Promise.allSettled([...this.draining]);
  }
}
