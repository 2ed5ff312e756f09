// Sign-in and sessions under attack, through next-auth's real handler and OIDC client (no stand-ins but
// `connection()`, which needs a Next request): every persona's session token copied before sign-out or a
// role change is refused by the page guard and the route guard afterwards; every `email_verified` value
// but `true` is refused for SSO with an admin's email, and nothing links without an admin's permission.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/server", async (original) => ({
  ...(await original<typeof import("next/server")>()),
  connection: async () => {},
}));

import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { db } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/session";
import { authedRoute } from "@/lib/auth/route-guards";
import { allowSsoLink, grantAccountManager, revokeAccountManager } from "@/lib/console/admin-commands";
import { Browser, SESSION_COOKIE } from "@/lib/testing/next-auth-driver";
import { startFakeOidcProvider, type FakeOidcProvider } from "@/lib/testing/fake-oidc-provider";
import { createUser, uniqueSuffix } from "@/prisma/seed/factories";
import { writeResult } from "./support/results";
import { createWorld, type World } from "./support/world";

const handler = ((request, context) =>
  (request.method === "POST" ? POST : GET)(request, context as never)) as ConstructorParameters<typeof Browser>[0];
const probeRoute = authedRoute(async () => Response.json({ ok: true }));
const routeStatus = (b: Browser) =>
  b.asRequest(
    async () =>
      (await probeRoute(new Request("http://localhost:3000/api/probe"), { params: Promise.resolve({}) })).status,
  );

let idp: FakeOidcProvider;
let world: World;
const figures: Record<string, number> = {};

beforeAll(async () => {
  idp = await startFakeOidcProvider();
  Object.assign(process.env, {
    AUTH_OIDC_ISSUER: idp.issuer,
    AUTH_OIDC_CLIENT_ID: idp.clientId,
    AUTH_OIDC_CLIENT_SECRET: idp.clientSecret,
    NEXTAUTH_URL: "http://localhost:3000",
  });
  world = await createWorld();
}, 60_000);

afterAll(async () => {
  writeResult("sign-in", figures);
  await idp?.stop();
  await db.$disconnect();
});

async function signedIn(email: string): Promise<Browser> {
  const browser = new Browser(handler);
  await browser.demoSignIn(email);
  if (!browser.jar.has(SESSION_COOKIE)) throw new Error(`demo sign-in failed for ${email}`);
  return browser;
}

/** How many of (page guard, route guard) still accept the copied token: 0 is the only right answer. */
async function accepted(copy: Browser): Promise<number> {
  return Number((await copy.asRequest(getSessionUser)) !== null) + Number((await routeStatus(copy)) !== 401);
}

describe("sessions end everywhere", () => {
  it("refuses every persona's copied token after sign-out, while the copy worked before", async () => {
    let copies = 0;
    let acceptedAfter = 0;
    for (const user of Object.values(world.users)) {
      const browser = await signedIn(user.email);
      const copy = browser.copy();
      expect(await accepted(copy), `${user.email} before sign-out`).toBe(2);
      await browser.signOut();
      copies += 1;
      acceptedAfter += await accepted(copy);
    }
    Object.assign(figures, {
      personasSignedOut: copies,
      guardsChecked: copies * 2,
      copiedTokensAcceptedAfterSignOut: acceptedAfter,
    });
    expect(acceptedAfter).toBe(0);
  });

  it("refuses tokens issued before a staff role was granted or revoked", async () => {
    const person = await createUser(db);
    const beforeGrant = await signedIn(person.email);
    await grantAccountManager({ email: person.email, actorId: world.users.admin.id });
    const beforeRevoke = await signedIn(person.email);
    await revokeAccountManager({ userId: person.id, actorId: world.users.admin.id });
    const stale = (await accepted(beforeGrant)) + (await accepted(beforeRevoke));
    Object.assign(figures, { roleChanges: 2, staleTokensAcceptedAfterRoleChange: stale });
    expect(stale).toBe(0);
  });
});

describe("SSO trusts only verified email", () => {
  it("refuses every email_verified value but true, and links nothing without an admin's permission", async () => {
    const admin = world.users.admin;
    const values: unknown[] = [false, undefined, null, "true", 1, "yes", [true], { value: true }];
    let refused = 0;
    for (const email_verified of values) {
      const browser = new Browser(handler);
      const location = await browser.oidcSignIn(idp, {
        sub: `sub-${uniqueSuffix()}`,
        email: admin.email,
        email_verified: email_verified as boolean,
      });
      if (location.includes("error=EmailNotVerified") && !browser.jar.has(SESSION_COOKIE)) refused += 1;
    }
    const unlinked = new Browser(handler);
    const withoutPermission = await unlinked.oidcSignIn(idp, {
      sub: `sub-${uniqueSuffix()}`,
      email: world.users.accountManager.email,
      email_verified: true,
    });
    await allowSsoLink({ userId: world.users.accountManager.id, actorId: admin.id });
    const permitted = new Browser(handler);
    await permitted.oidcSignIn(idp, {
      sub: `sub-${uniqueSuffix()}`,
      email: world.users.accountManager.email,
      email_verified: true,
    });
    const links = await db.authAccount.count({ where: { userId: { in: [admin.id, world.users.accountManager.id] } } });
    Object.assign(figures, {
      ssoUnverifiedValues: values.length,
      ssoUnverifiedRefused: refused,
      ssoRefusedWithoutPermission: Number(withoutPermission.includes("error=SsoNotLinked")),
      ssoLinkedWithPermission: Number(
        (await permitted.asRequest(getSessionUser))?.id === world.users.accountManager.id,
      ),
      ssoLinksCreated: links,
    });
    expect(refused).toBe(values.length);
    expect(withoutPermission).toContain("error=SsoNotLinked");
    expect(links).toBe(1);
  });
});
