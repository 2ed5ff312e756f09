import "server-only";
import { isIP } from "node:net";
import { db } from "@/lib/db";
import { RATE_LIMIT_KEY_MAX_LENGTH } from "@/lib/limits";

// Fixed-window rate limits counted in PostgreSQL, so every web instance shares one count per key. One
// atomic upsert per hit: the first hit of a window inserts count 1; later ones add 1, or restart the window
// when it has ended. Nothing is read then written, so racing requests cannot both slip under the limit.

export type RateLimit = { limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

export async function hitRateLimit(key: string, rule: RateLimit, now = new Date()): Promise<RateLimitResult> {
  if (key.length > RATE_LIMIT_KEY_MAX_LENGTH) throw new Error("rate-limit key too long");
  const expiresAt = new Date(now.getTime() + rule.windowSeconds * 1000);
  const [row] = await db.$queryRaw<{ count: number; expiresAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt")
    VALUES (${key}, ${now}, 1, ${expiresAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count"       = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN ${now} ELSE "RateLimitBucket"."windowStart" END,
      "expiresAt"   = CASE WHEN "RateLimitBucket"."expiresAt" <= ${now} THEN ${expiresAt} ELSE "RateLimitBucket"."expiresAt" END
    RETURNING "count", "expiresAt"`;
  const count = Number(row.count);
  return {
    allowed: count <= rule.limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000)),
  };
}

/** Deletes ended windows (they would restart at 1 anyway); bounded so one request never does a big delete. */
export async function sweepRateLimitBuckets(now = new Date()): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "key" IN (SELECT "key" FROM "RateLimitBucket" WHERE "expiresAt" <= ${now} LIMIT 500)`;
}

/**
 * The client's address for per-client limits. Behind a proxy Floe trusts (FLOE_TRUST_PROXY=1), the last
 * X-Forwarded-For entry is the one that proxy added. Otherwise the header is the client's own word, except
 * that `next start` fills it with the socket address when the client sent none (Next exposes no socket to
 * route handlers): so without a trusted proxy the per-client limit is best effort, the per-address one is not.
 */
export function clientAddress(headers: Headers, trustProxy: boolean): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const candidate = trustProxy ? entries.at(-1) : entries[0];
  const address = candidate?.replace(/^::ffff:/, "");
  return address && isIP(address) ? address : "unknown";
}
