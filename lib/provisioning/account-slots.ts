import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/logger";

// Bounded concurrency per Snowflake provider account across every worker process on every machine.
// A slot is a PostgreSQL advisory lock (namespace, account hash + slot number) held on a dedicated
// connection while one statement (or one batched round trip) runs. If a worker dies, its connection
// closes and PostgreSQL releases the lock: no lease to expire, no slot leaked.

const NAMESPACE = 0x0f10e; // first key of every Floe slot lock
const MAX_SLOTS = 64; // matches the CHECK on ProviderAccount.maxConcurrency

let pool: pg.Pool | undefined;

function slotPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: getConfig().DATABASE_URL, max: 32, application_name: "floe-slots" });
    // An idle slot connection cut by a database restart: the pool drops it; without a listener the
    // 'error' event would end the worker process.
    pool.on("error", (error) => logger.error({ component: "slots", err: error }, "idle connection lost"));
  }
  return pool;
}

function accountBase(accountId: string): number {
  // 32-bit signed key with the low 6 bits free for the slot number.
  const hash = createHash("sha256").update(accountId).digest().readInt32BE(0);
  return hash & ~(MAX_SLOTS - 1);
}

/**
 * Runs `work` while holding one of the account's `limit` slots. Tries every slot once without waiting
 * (starting at a random one, so waiters spread out); when all are taken, queues on one slot with a blocking
 * lock, which PostgreSQL grants the moment its holder releases it — no polling, no added latency.
 */
export async function withAccountSlot<T>(accountId: string, limit: number, work: () => Promise<T>): Promise<T> {
  const client = await slotPool().connect();
  // A checked-out client has no listener of the pool's: if the database ends this session mid-statement
  // (restart, failover), its 'error' event must not end the process. The server released the lock with
  // the session; the connection is discarded below instead of going back to the pool.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  const base = accountBase(accountId);
  const slots = Math.min(Math.max(limit, 1), MAX_SLOTS);
  const start = Math.floor(Math.random() * slots);
  let held: number | undefined;
  try {
    for (let i = 0; i < slots && held === undefined; i++) {
      const slot = (start + i) % slots;
      const { rows } = await client.query("SELECT pg_try_advisory_lock($1, $2) AS ok", [NAMESPACE, base | slot]);
      if (rows[0].ok) held = slot;
    }
    if (held === undefined) {
      await client.query("SELECT pg_advisory_lock($1, $2)", [NAMESPACE, base | start]);
      held = start;
    }
    return await work();
  } finally {
    if (held !== undefined && !broken) {
      await client.query("SELECT pg_advisory_unlock($1, $2)", [NAMESPACE, base | held]).catch((error: Error) => {
        broken = error;
      });
    }
    client.off("error", onError);
    client.release(broken);
  }
}

export async function closeAccountSlots(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
