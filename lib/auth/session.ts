import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { db } from "@/lib/db";
import type { OrgRole, StaffRole } from "@/lib/generated/prisma/enums";
import { getAuthOptions } from "@/lib/auth/options";

export type SessionUser = { id: string; email: string; name: string | null; staffRole: StaffRole | null };

export type SessionMembership = {
  id: string;
  role: OrgRole;
  organization: { id: string; slug: string; name: string };
};

/** Memberships read with the user row; a user in more brands than this reads the rest with its own query. */
export const SESSION_MEMBERSHIP_LIMIT = 100;

type SessionContext = {
  user: SessionUser;
  /** The user's memberships, alphabetical by organisation name (at most SESSION_MEMBERSHIP_LIMIT). */
  memberships: SessionMembership[];
  /** False when the user has more memberships than were read. */
  complete: boolean;
};

/**
 * Who is asking, resolved once per request (React `cache`): the JWT only tells us who signed in; the user
 * row is re-read so a removed user or a withdrawn staff role takes effect immediately instead of when the
 * token expires. The same primary-key read carries the session version — a token issued before the last
 * sign-out or role change (lib/auth/options.ts events, lib/console/admin-commands.ts) is refused — and the
 * user's memberships (one statement: Prisma's relation joins), so the guard of a brand page, its layout's
 * switcher and a route's tenant check need no query of their own.
 */
export const getSessionContext = cache(async (): Promise<SessionContext | null> => {
  // Anything that depends on who is asking must never be prerendered at build time.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const row = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      staffRole: true,
      sessionVersion: true,
      memberships: {
        select: { id: true, role: true, organization: { select: { id: true, slug: true, name: true } } },
        orderBy: [{ organization: { name: "asc" } }, { id: "asc" }],
        take: SESSION_MEMBERSHIP_LIMIT + 1,
      },
    },
  });
  if (!row || row.sessionVersion !== session.sv) return null;
  return {
    user: { id: row.id, email: row.email, name: row.name, staffRole: row.staffRole },
    memberships: row.memberships.slice(0, SESSION_MEMBERSHIP_LIMIT),
    complete: row.memberships.length <= SESSION_MEMBERSHIP_LIMIT,
  };
});

/** The signed-in user, or null (see getSessionContext). */
export async function getSessionUser(): Promise<SessionUser | null> {
  return (await getSessionContext())?.user ?? null;
}
