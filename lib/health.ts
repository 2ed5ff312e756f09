import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";

/** True when Postgres answers a trivial query within `timeoutMs` (a hung pool must not hang the probe). */
export async function checkDatabase(options: { timeoutMs?: number } = {}): Promise<boolean> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return true;
  } catch (error) {
    logger.error({ component: "health", err: error }, "database check failed");
    return false;
  } finally {
    clearTimeout(timer);
  }
}
