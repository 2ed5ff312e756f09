import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { sessionMembership, type OrgContext } from "@/lib/auth/membership";
import { isAdmin, isStaff, roleAtLeast } from "@/lib/auth/roles";
import { safeCallbackPath, signInUrl } from "@/lib/auth/callback-url";
import { PATH_HEADER } from "@/lib/auth/path-header";

// Guards for pages and layouts (server components). Route handlers use route-guards.ts, server actions
// use lib/actions/safe-action.ts; all three share session.ts, membership.ts and roles.ts.

/** The signed-in user, or a redirect to the sign-in page that comes back to the current page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user) return user;
  const current = (await headers()).get(PATH_HEADER);
  redirect(signInUrl(safeCallbackPath(current)));
}

export type MembershipContext = OrgContext & { user: SessionUser };

// Read with the session (lib/auth/session.ts): no query of its own, once per request even when the layout
// and the page both ask.
const loadMembership = cache(async (userId: string, orgSlug: string) => sessionMembership({ userId, orgSlug }));

/**
 * The user's membership in `orgSlug`. Not a member (or no such organisation, or a role Floe does not know):
 * 404, so a URL never reveals whether another brand exists. A member below `minRole` also gets a 404: pages
 * that want to explain the missing permission should check `roleAtLeast` themselves instead.
 */
export async function requireMembership(
  orgSlug: string,
  options: { minRole?: OrgRole } = {},
): Promise<MembershipContext> {
  const user = await requireUser();
  const context = await loadMembership(user.id, orgSlug);
  if (!context || !roleAtLeast(context.membership.role, options.minRole ?? "VIEWER")) notFound();
  return { ...context, user };
}

/** Vendor staff only (admins with `{ admin: true }`); anyone else gets a 404, like an unknown URL. */
export async function requireStaff(options: { admin?: boolean } = {}): Promise<SessionUser> {
  const user = await requireUser();
  if (!isStaff(user.staffRole) || (options.admin && !isAdmin(user.staffRole))) notFound();
  return user;
}
