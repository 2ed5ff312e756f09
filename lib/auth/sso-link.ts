import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { normalizeEmail } from "@/lib/auth/adapter";
import { isStaff } from "@/lib/auth/roles";

// Who may come in through staff SSO (the signIn callback of lib/auth/options.ts asks here):
// - only identities whose email the IdP says it verified (`email_verified: true`, OIDC Core 5.1): an IdP
//   that lets people type any address would otherwise let them become whoever owns it in Floe;
// - an IdP identity already linked to a staff user signs in as that user;
// - a new IdP identity is linked to the staff user with that (verified) email only when an admin allowed
//   it first (lib/console/admin-commands.ts allowSsoLink, or `npm run setup` for the first admin). The
//   permission is used up by the link, and the link is audited. next-auth's own email-based linking is off.

export type OidcProfile = { sub?: string; email?: string; email_verified?: unknown };
export type SsoDecision = { ok: true } | { ok: false; error: "EmailNotVerified" | "SsoNotLinked" | "AccessDenied" };

const refuse = (error: Extract<SsoDecision, { ok: false }>["error"]): SsoDecision => ({ ok: false, error });

export async function admitSsoSignIn(options: {
  provider: string;
  providerAccountId: string;
  type: string;
  profile: OidcProfile | undefined;
}): Promise<SsoDecision> {
  const { profile } = options;
  if (!profile || profile.email_verified !== true || !profile.email) return refuse("EmailNotVerified");
  const linked = await db.authAccount.findUnique({
    where: { provider_providerAccountId: { provider: options.provider, providerAccountId: options.providerAccountId } },
    select: { user: { select: { staffRole: true } } },
  });
  if (linked) return isStaff(linked.user.staffRole) ? { ok: true } : refuse("AccessDenied");

  const email = normalizeEmail(profile.email);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, staffRole: true } });
    if (!user || !isStaff(user.staffRole)) return refuse("AccessDenied");
    // Compare-and-clear: two sign-ins racing on one permission link one identity.
    const used = await tx.user.updateMany({
      where: { id: user.id, ssoLinkAllowedUntil: { gt: new Date() } },
      data: { ssoLinkAllowedUntil: null },
    });
    if (used.count === 0) return refuse("SsoNotLinked");
    await tx.authAccount.create({
      data: {
        userId: user.id,
        type: options.type,
        provider: options.provider,
        providerAccountId: options.providerAccountId,
      },
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: user.id },
      organizationId: null,
      type: "auth.sso_linked",
      details: { provider: options.provider, subject: options.providerAccountId, email },
    });
    return { ok: true } as const;
  });
}
