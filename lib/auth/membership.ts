import "server-only";
import { db } from "@/lib/db";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { getSessionContext, type SessionMembership } from "@/lib/auth/session";

export type OrgContext = {
  organization: { id: string; slug: string; name: string };
  membership: { id: string; role: OrgRole };
};

/**
 * The user's membership in the organisation with this slug, or null. Looked up through the membership
 * (user id in the where), so an organisation the user does not belong to is indistinguishable from one
 * that does not exist.
 */
export async function findMembership(options: { userId: string; orgSlug: string }): Promise<OrgContext | null> {
  const row = await db.membership.findFirst({
    where: { userId: options.userId, organization: { slug: options.orgSlug } },
    select: { id: true, role: true, organization: { select: { id: true, slug: true, name: true } } },
  });
  if (!row) return null;
  return { organization: row.organization, membership: { id: row.id, role: row.role } };
}

/** All organisations the user belongs to, for the switcher and the `/` redirect (alphabetical). */
export async function listMemberships(options: { userId: string }) {
  return db.membership.findMany({
    where: { userId: options.userId },
    select: { role: true, organization: { select: { slug: true, name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
}

/**
 * The signed-in user's membership in `orgSlug`, from the memberships read with the session (no query of
 * its own); only a user in more brands than the session reads falls back to findMembership.
 */
export async function sessionMembership(options: { userId: string; orgSlug: string }): Promise<OrgContext | null> {
  const session = await getSessionContext();
  if (!session || session.user.id !== options.userId) return findMembership(options);
  const row = session.memberships.find((m) => m.organization.slug === options.orgSlug);
  if (row) return { organization: row.organization, membership: { id: row.id, role: row.role } };
  return session.complete ? null : findMembership(options);
}

/** The signed-in user's memberships for the switcher (alphabetical), read with the session when it holds them all. */
export async function sessionMemberships(options: {
  userId: string;
}): Promise<{ role: SessionMembership["role"]; organization: { slug: string; name: string } }[]> {
  const session = await getSessionContext();
  if (session && session.user.id === options.userId && session.complete) return session.memberships;
  return listMemberships(options);
}
