import "server-only";
import { db } from "@/lib/db";
import type { OrgRole } from "@/lib/generated/prisma/enums";

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
