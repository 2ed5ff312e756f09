// A session ends at sign-out everywhere, not only in the browser that signed out: a token copied before
// (a stolen cookie, a second tab's copy) is refused afterwards, as it is after a role change. Driven
// through next-auth's real route handler (demo sign-in, CSRF-checked sign-out) against real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// `connection()` only marks a render as dynamic and throws outside a Next request; there is none here.
vi.mock("next/server", async (original) => ({
  ...(await original<typeof import("next/server")>()),
  connection: async () => {},
}));
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { db } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/session";
import { authedRoute } from "@/lib/auth/route-guards";
import { grantAccountManager, revokeAccountManager } from "@/lib/console/admin-commands";
import { Browser, SESSION_COOKIE } from "@/lib/testing/next-auth-driver";
import { createUser } from "@/prisma/seed/factories";

// lib/db's client, created here with query events on, so the test can count what a request costs.
const queries: string[] = [];
const logged = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
  log: [{ emit: "event", level: "query" }],
});
logged.$on("query", (e) => queries.push(e.query));
(globalThis as { floePrisma?: PrismaClient }).floePrisma = logged;

const handler = ((request, context) =>
  (request.method === "POST" ? POST : GET)(request, context as never)) as ConstructorParameters<typeof Browser>[0];
const probeRoute = authedRoute(async (_request, ctx) => Response.json({ userId: ctx.user.id }));

async function signIn(email: string): Promise<Browser> {
  const browser = new Browser(handler);
  const response = await browser.demoSignIn(email);
  expect(response.status).toBe(200);
  expect(browser.jar.has(SESSION_COOKIE)).toBe(true);
  return browser;
}

const routeStatus = (browser: Browser) =>
  browser.asRequest(
    async () =>
      (await probeRoute(new Request("http://localhost:3000/api/probe"), { params: Promise.resolve({}) })).status,
  );

let admin: { id: string };
beforeAll(async () => {
  admin = await createUser(db, { staffRole: "ADMIN" });
});
afterAll(async () => {
  await db.$disconnect();
});

describe("session version", () => {
  it("refuses a token copied before sign-out, and lets the next sign-in in", async () => {
    const user = await createUser(db);
    const browser = await signIn(user.email);
    const copied = browser.copy();
    expect(await copied.asRequest(getSessionUser)).toMatchObject({ id: user.id });
    expect(await routeStatus(copied)).toBe(200);

    const out = await browser.signOut();
    expect(out.status).toBe(302);
    expect(browser.jar.has(SESSION_COOKIE)).toBe(false);

    expect(await copied.asRequest(getSessionUser)).toBeNull();
    expect(await routeStatus(copied)).toBe(401);

    const again = await signIn(user.email);
    expect(await again.asRequest(getSessionUser)).toMatchObject({ id: user.id });
    expect(await copied.asRequest(getSessionUser)).toBeNull();
  });

  it("ends the sessions of someone whose staff role is granted or revoked", async () => {
    const person = await createUser(db);
    const before = await signIn(person.email);
    await grantAccountManager({ email: person.email, actorId: admin.id });
    expect(await before.asRequest(getSessionUser)).toBeNull();

    const asManager = await signIn(person.email);
    expect(await asManager.asRequest(getSessionUser)).toMatchObject({ id: person.id, staffRole: "ACCOUNT_MANAGER" });
    await revokeAccountManager({ userId: person.id, actorId: admin.id });
    expect(await asManager.asRequest(getSessionUser)).toBeNull();
    expect(await routeStatus(asManager)).toBe(401);
  });

  it("answers next-auth's session endpoint with no session for a token copied before sign-out", async () => {
    const user = await createUser(db);
    const browser = await signIn(user.email);
    const copied = browser.copy();
    expect(await (await copied.auth("session")).json()).toMatchObject({ user: { id: user.id, email: user.email } });
    await browser.signOut();
    // The endpoint must not keep vouching for (and telling the holder whose) a dead token is.
    expect(await (await copied.auth("session")).json()).toEqual({});
    expect(await (await copied.auth("session/x")).json()).toEqual({});
    expect(
      await (await copied.auth("session", { method: "POST", form: { csrfToken: await copied.csrfToken() } })).json(),
    ).toEqual({});
    // A current token still gets its session.
    const again = await signIn(user.email);
    expect(await (await again.auth("session")).json()).toMatchObject({ user: { id: user.id } });
  });

  it("leaves other people's sessions alone", async () => {
    const [a, b] = [await createUser(db), await createUser(db)];
    const [browserA, browserB] = [await signIn(a.email), await signIn(b.email)];
    await browserA.signOut();
    expect(await browserB.asRequest(getSessionUser)).toMatchObject({ id: b.id });
  });

  it("costs one query per request: the user read the guard already did, by primary key", async () => {
    const user = await createUser(db);
    const browser = await signIn(user.email);
    queries.length = 0;
    expect(await browser.asRequest(getSessionUser)).toMatchObject({ id: user.id });
    expect(queries).toHaveLength(1);
    // One statement for the user and their memberships (lib/auth/session.ts; Prisma's relation joins), by primary key.
    expect(queries[0]).toMatch(/FROM "public"."User" AS "t0" .* WHERE \("t0"."id" = \$\d+ AND 1=1\) LIMIT \$\d+$/s);
  });
});
