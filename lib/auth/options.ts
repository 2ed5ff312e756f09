import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { isStaff } from "@/lib/auth/roles";
import { floeAdapter, normalizeEmail } from "@/lib/auth/adapter";
import { warnIfDemoLoginInProduction } from "@/lib/auth/demo-login-warning";
import { magicLinkSender } from "@/lib/auth/magic-link-email";
import { admitSsoSignIn } from "@/lib/auth/sso-link";
import { isHttpsUrl } from "@/lib/security/security-headers";

// next-auth v4, JWT sessions. Three ways in, each only for people who already exist in Floe:
// - "oidc": the vendor's SSO, for staff only;
// - "email": magic links for brand users (and staff when no SSO is configured);
// - "demo": pick a seeded user, for development, tests and demos (off in production unless FLOE_DEMO_LOGIN=1).

export const signInPage = "/signin";
/** Where the magic-link form lands, whether or not the address belongs to someone (no user enumeration). */
export const checkEmailPage = "/signin/check-email";

const userSelect = { id: true, email: true, name: true, staffRole: true, sessionVersion: true } as const;

async function findUserByEmail(email: string) {
  return db.user.findUnique({ where: { email: normalizeEmail(email) }, select: userSelect });
}

/** Magic links are for existing users; staff must use SSO when it is configured (no way around it). */
async function mayUseMagicLink(email: string): Promise<boolean> {
  const user = await findUserByEmail(email);
  return user !== null && !(isStaff(user.staffRole) && getConfig().AUTH_OIDC_ISSUER);
}

export type AuthMethods = { demo: boolean; email: boolean; oidc: { name: string } | null };

/** Which sign-in methods this deployment offers (the sign-in page lists exactly these). */
export function getAuthMethods(): AuthMethods {
  const config = getConfig();
  return {
    demo: config.demoLoginEnabled,
    email: Boolean(config.EMAIL_SERVER),
    oidc: config.AUTH_OIDC_ISSUER ? { name: config.AUTH_OIDC_NAME } : null,
  };
}

function buildProviders(): NextAuthOptions["providers"] {
  const config = getConfig();
  const providers: NextAuthOptions["providers"] = [];
  if (config.AUTH_OIDC_ISSUER && config.AUTH_OIDC_CLIENT_ID && config.AUTH_OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: config.AUTH_OIDC_NAME,
      type: "oauth",
      wellKnown: `${config.AUTH_OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: config.AUTH_OIDC_CLIENT_ID,
      clientSecret: config.AUTH_OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      // No email-based account linking: an IdP identity is attached to a staff user only through the
      // explicit, audited step in lib/auth/sso-link.ts (run by the signIn callback below).
      allowDangerousEmailAccountLinking: false,
      profile(profile: { sub: string; email?: string; name?: string; picture?: string }) {
        return {
          id: profile.sub,
          email: profile.email ? normalizeEmail(profile.email) : null,
          name: profile.name ?? null,
          image: profile.picture ?? null,
        };
      },
    });
  }
  if (config.EMAIL_SERVER) {
    providers.push(
      EmailProvider({
        server: config.EMAIL_SERVER,
        from: config.EMAIL_FROM,
        maxAge: 15 * 60,
        normalizeIdentifier: normalizeEmail,
        sendVerificationRequest: magicLinkSender({
          server: config.EMAIL_SERVER,
          from: config.EMAIL_FROM,
          mayReceive: mayUseMagicLink,
        }),
      }),
    );
  }
  if (config.demoLoginEnabled) {
    providers.push(
      CredentialsProvider({
        id: "demo",
        name: "Demo sign-in",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(credentials) {
          const email = credentials?.email;
          if (!email) return null;
          // null makes next-auth answer "CredentialsSignin", which the sign-in page turns into a sentence.
          return findUserByEmail(email);
        },
      }),
    );
  }
  return providers;
}

function buildOptions(): NextAuthOptions {
  const config = getConfig();
  warnIfDemoLoginInProduction(config);
  return {
    secret: config.authSecret,
    // `__Secure-` cookies with the Secure flag whenever the public URL is https (next-auth's own guess
    // looks at the same URL; said here so it cannot drift).
    useSecureCookies: isHttpsUrl(config.NEXTAUTH_URL),
    adapter: floeAdapter(),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: signInPage, error: signInPage, verifyRequest: checkEmailPage },
    providers: buildProviders(),
    events: {
      // JWTs cannot be recalled, so signing out moves the user's session version on: every token issued
      // before (this browser's, a copied one, other devices') stops working at the next request. Only when
      // the token is current, so replaying an old token's sign-out changes nothing.
      async signOut({ token }) {
        if (!token?.uid || token.sv === undefined) return;
        await db.user.updateMany({
          where: { id: token.uid, sessionVersion: token.sv },
          data: { sessionVersion: { increment: 1 } },
        });
      },
    },
    callbacks: {
      async signIn({ user, account, email, profile }) {
        if (account?.provider === "email") {
          // Asking for a link always "succeeds" (the sender skips unknown addresses), so the form answers
          // the same for everyone; using a link is where an unknown or SSO-only user is refused.
          if (email?.verificationRequest) return true;
          return user.email ? mayUseMagicLink(user.email) : false;
        }
        if (account?.provider === "oidc") {
          const decision = await admitSsoSignIn({
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            type: account.type,
            profile,
          });
          return decision.ok ? true : `${signInPage}?error=${decision.error}`;
        }
        const existing = user.email ? await findUserByEmail(user.email) : null;
        return existing !== null;
      },
      async jwt({ token, user }) {
        // `user` is only present right after sign-in; afterwards the token carries the id forward.
        if (user) {
          token.uid = user.id;
          token.staffRole = user.staffRole ?? null;
          token.sv = user.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        if (token.uid) {
          session.user = {
            id: token.uid,
            email: token.email ?? "",
            name: token.name ?? null,
            staffRole: token.staffRole ?? null,
          };
          session.sv = token.sv;
        }
        return session;
      },
      async redirect({ url, baseUrl }) {
        // Only ever back into this app: relative paths, or absolute URLs on our own origin.
        if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === new URL(baseUrl).origin) return url;
        } catch {
          // not a URL: fall through to the home page
        }
        return baseUrl;
      },
    },
  };
}

let options: NextAuthOptions | undefined;

/** Built on first use, not at import, so `next build` needs no configuration. */
export function getAuthOptions(): NextAuthOptions {
  options ??= buildOptions();
  return options;
}
