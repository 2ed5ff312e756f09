// The PostgreSQL rate limiter: one atomic upsert per hit, so racing hits (from one instance or many, all
// writing the same row) never let more than the limit through; windows restart; the client address is the
// proxy's entry only when the proxy is trusted.
import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { clientAddress, hitRateLimit, sweepRateLimitBuckets } from "./rate-limit";

const rule = { limit: 5, windowSeconds: 60 };

describe("rate limits in PostgreSQL", () => {
  it("lets exactly the limit through when 30 hits race on one key", async () => {
    const key = `test:race:${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 30 }, () => hitRateLimit(key, rule)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("counts hits written by another connection pool (another web instance) into the same bucket", async () => {
    const key = `test:instances:${Date.now()}`;
    const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
    try {
      await other.$executeRaw`INSERT INTO "RateLimitBucket" ("key", "windowStart", "count", "expiresAt") VALUES (${key}, now(), 5, now() + interval '1 minute')`;
      expect(await hitRateLimit(key, rule)).toMatchObject({ allowed: false, count: 6 });
    } finally {
      await other.$disconnect();
    }
  });

  it("restarts a window that has ended, and sweeps ended windows", async () => {
    const key = `test:window:${Date.now()}`;
    const start = new Date();
    for (let i = 0; i < 6; i++) await hitRateLimit(key, rule, start);
    expect((await hitRateLimit(key, rule, start)).allowed).toBe(false);
    const later = new Date(start.getTime() + 61_000);
    expect(await hitRateLimit(key, rule, later)).toMatchObject({ allowed: true, count: 1 });
    expect(await sweepRateLimitBuckets(new Date(later.getTime() + 61_000))).toBeGreaterThanOrEqual(1);
  });

  it("takes the client address from X-Forwarded-For's last entry only behind a trusted proxy", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.7" });
    expect(clientAddress(headers, true)).toBe("10.0.0.7");
    expect(clientAddress(headers, false)).toBe("6.6.6.6");
    expect(clientAddress(new Headers({ "x-forwarded-for": "not-an-ip" }), true)).toBe("unknown");
    expect(clientAddress(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }), false)).toBe("127.0.0.1");
  });
});
