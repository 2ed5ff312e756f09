// Two web instances, one database: a session issued by one instance is honoured by the other (a JWT
// signed with the shared NEXTAUTH_SECRET; the user row re-read on every request), and a sign-out or a role
// change written by either instance ends it on both at their next request — nothing about who is signed
// in is kept in a process. "Instance B" is a second Prisma client with its own pool, writing what
// next-auth's signOut event writes (lib/auth/options.ts); this process's lib/db is instance A.
// The other shared parts have their own two-instance tests: rate limits (rate-limit.test.ts), live status
// notifications reaching two hubs (lib/live/status-notifications.test.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const cookie = vi.hoisted(() => ({ session: null as null | { user: { id: string }; sv: number } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => cookie.session,
}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => {},
}));

import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createBrand, type Brand } from "@/lib/testing/request-fixtures";
import { getSessionContext } from "./session";

let brand: Brand;
let instanceB: PrismaClient;

beforeAll(async () => {
  brand = await createBrand();
  instanceB = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
});

afterAll(async () => {
  await instanceB?.$disconnect();
});

describe("sessions across two web instances", () => {
  it("honours a session from the other instance, then ends it on both after a sign-out written by the other", async () => {
    const { sessionVersion } = await instanceB.user.findUniqueOrThrow({ where: { id: brand.owner.id } });
    cookie.session = { user: { id: brand.owner.id }, sv: sessionVersion };
    const before = await getSessionContext();
    expect(before?.user.id).toBe(brand.owner.id);
    expect(before?.memberships.map((m) => m.organization.slug)).toEqual([brand.organization.slug]);

    // Instance B signs the user out (next-auth's signOut event bumps the version).
    await instanceB.user.update({ where: { id: brand.owner.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await getSessionContext()).toBeNull();
  });

  it("sees a membership removed by the other instance at the next request", async () => {
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: brand.member.id } });
    cookie.session = { user: { id: brand.member.id }, sv: sessionVersion };
    expect((await getSessionContext())?.memberships).toHaveLength(1);
    await instanceB.membership.deleteMany({
      where: { userId: brand.member.id, organizationId: brand.organization.id },
    });
    const after = await getSessionContext();
    expect(after?.user.id).toBe(brand.member.id);
    expect(after?.memberships).toEqual([]);
  });
});
