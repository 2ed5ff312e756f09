import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getConfig } from "@/lib/config";
import { countQueriesOf } from "@/lib/db-query-counter";

// One Prisma client per process. Next's dev server re-evaluates modules on every change, so the instance
// is parked on globalThis to avoid opening a new pool each time.
const globalForPrisma = globalThis as unknown as { floePrisma?: PrismaClient };

function createClient(): PrismaClient {
  const config = getConfig();
  // Our own pool (rather than a config) so every statement can be counted (lib/db-query-counter.ts).
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });
  const adapter = new PrismaPg(countQueriesOf(pool, config.FLOE_BENCH_QUERY_COUNT_FILE), { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  // Created on first use rather than at import, so `next build` does not need a database.
  get(_target, property) {
    globalForPrisma.floePrisma ??= createClient();
    const value = Reflect.get(globalForPrisma.floePrisma, property);
    return typeof value === "function" ? value.bind(globalForPrisma.floePrisma) : value;
  },
});

export type { PrismaClient };
export { Prisma } from "@/lib/generated/prisma/client";
