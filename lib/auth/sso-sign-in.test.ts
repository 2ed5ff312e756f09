// Staff single sign-on through next-auth's real OIDC client against a local identity provider that speaks
// the protocol (lib/testing/fake-oidc-provider.ts: discovery, JWKS, code flow with PKCE, RS256 id_token).
// Floe trusts an IdP identity only when the IdP says the email is verified, and never attaches a new IdP
// identity to an existing staff user by email alone: an admin allows the link first (audited).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { db } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/session";
import { Browser, SESSION_COOKIE } from "@/lib/testing/next-auth-driver";
import { startFakeOidcProvider, type FakeIdentity, type FakeOidcProvider } from "@/lib/testing/fake-oidc-provider";
import { createUser, uniqueSuffix } from "@/prisma/seed/factories";
import { allowSsoLink } from "@/lib/console/admin-commands";
import { expectAppError } from "@/lib/testing/expect-app-error";

// `connection()` only marks a render as dynamic and throws outside a Next request; there is none here.
vi.mock("next/server", async (original) => ({
  ...(await original<typeof import("next/server")>()),
  connection: async () => {},
}));

const handler = ((request, context) =>
  (request.method === "POST" ? POST : GET)(request, context as never)) as ConstructorParameters<typeof Browser>[0];
let idp: FakeOidcProvider;

beforeAll(async () => {
  idp = await startFakeOidcProvider();
  // Read once, lazily, by lib/config on the first sign-in below.
  Object.assign(process.env, {
    AUTH_OIDC_ISSUER: idp.issuer,
    AUTH_OIDC_CLIENT_ID: idp.clientId,
    AUTH_OIDC_CLIENT_SECRET: idp.clientSecret,
    NEXTAUTH_URL: "http://localhost:3000",
  });
});
afterAll(async () => {
  await idp?.stop();
  await db.$disconnect();
});

/** The whole browser round trip: Floe → IdP authorize → back to Floe's callback with code and state. */
async function ssoSignIn(identity: FakeIdentity): Promise<{ browser: Browser; location: string }> {
  const browser = new Browser(handler);
  return { browser, location: await browser.oidcSignIn(idp, identity) };
}

const linksOf = (userId: string) => db.authAccount.count({ where: { userId, provider: "oidc" } });
const staffUser = (role: "ADMIN" | "ACCOUNT_MANAGER" = "ACCOUNT_MANAGER") =>
  createUser(db, { email: `staff-${uniqueSuffix()}@vendor.example`, staffRole: role });

describe("SSO sign-in", () => {
  it("refuses an identity whose email the IdP has not verified, even with an admin's email, and links nothing", async () => {
    const admin = await staffUser("ADMIN");
    for (const email_verified of [false, undefined]) {
      const before = idp.tokenRequests;
      const { browser, location } = await ssoSignIn({
        sub: `sub-${uniqueSuffix()}`,
        email: admin.email,
        email_verified,
      });
      expect(idp.tokenRequests, "the code was exchanged and the id_token checked").toBe(before + 1);
      expect(location).toContain("/signin?error=EmailNotVerified");
      expect(browser.jar.has(SESSION_COOKIE)).toBe(false);
      expect(await browser.asRequest(getSessionUser)).toBeNull();
    }
    expect(await linksOf(admin.id)).toBe(0);
  });

  it("does not attach a new IdP identity to an existing staff user by email alone", async () => {
    const manager = await staffUser();
    const { browser, location } = await ssoSignIn({
      sub: `sub-${uniqueSuffix()}`,
      email: manager.email,
      email_verified: true,
    });
    expect(location).toContain("/signin?error=SsoNotLinked");
    expect(browser.jar.has(SESSION_COOKIE)).toBe(false);
    expect(await linksOf(manager.id)).toBe(0);
  });

  it("links a verified identity once an admin allowed it, audits both steps, and signs in by the link afterwards", async () => {
    const admin = await staffUser("ADMIN");
    const manager = await staffUser();
    const sub = `sub-${uniqueSuffix()}`;
    await allowSsoLink({ userId: manager.id, actorId: admin.id });
    const allowed = await db.auditEvent.findFirstOrThrow({
      where: { type: "admin.sso_link_allowed", actorId: admin.id },
    });
    expect(allowed.details).toMatchObject({ userId: manager.id, email: manager.email });

    const first = await ssoSignIn({ sub, email: manager.email, email_verified: true, name: "Manager" });
    expect(first.location).toBe("http://localhost:3000/");
    expect(await first.browser.asRequest(getSessionUser)).toMatchObject({
      id: manager.id,
      staffRole: "ACCOUNT_MANAGER",
    });
    expect(await linksOf(manager.id)).toBe(1);
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: manager.id } })).ssoLinkAllowedUntil,
      "the permission is used up",
    ).toBeNull();
    const linked = await db.auditEvent.findFirstOrThrow({ where: { type: "auth.sso_linked", actorId: manager.id } });
    expect(linked.details).toMatchObject({ provider: "oidc", subject: sub });

    // Linked: no new permission needed; a second IdP identity with the same email is still refused.
    const again = await ssoSignIn({ sub, email: manager.email, email_verified: true });
    expect(await again.browser.asRequest(getSessionUser)).toMatchObject({ id: manager.id });
    const other = await ssoSignIn({ sub: `sub-${uniqueSuffix()}`, email: manager.email, email_verified: true });
    expect(other.location).toContain("error=SsoNotLinked");
    // Linked, but the IdP no longer vouches for the email: refused.
    const unverified = await ssoSignIn({ sub, email: manager.email, email_verified: false });
    expect(unverified.location).toContain("error=EmailNotVerified");
    expect(unverified.browser.jar.has(SESSION_COOKIE)).toBe(false);
  });

  it("refuses non-staff, expired permissions, and an admin allowing their own link", async () => {
    const admin = await staffUser("ADMIN");
    const brandUser = await createUser(db);
    const brand = await ssoSignIn({ sub: `sub-${uniqueSuffix()}`, email: brandUser.email, email_verified: true });
    expect(brand.location).toContain("error=AccessDenied");

    const manager = await staffUser();
    await db.user.update({ where: { id: manager.id }, data: { ssoLinkAllowedUntil: new Date(Date.now() - 1000) } });
    const expired = await ssoSignIn({ sub: `sub-${uniqueSuffix()}`, email: manager.email, email_verified: true });
    expect(expired.location).toContain("error=SsoNotLinked");
    expect(await linksOf(manager.id)).toBe(0);

    await expectAppError(allowSsoLink({ userId: admin.id, actorId: admin.id }), { code: "FORBIDDEN" });
    await expectAppError(allowSsoLink({ userId: brandUser.id, actorId: admin.id }), { code: "NOT_FOUND" });
  });
});
