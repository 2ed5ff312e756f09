import "server-only";
import { db } from "@/lib/db";
import { findMembership } from "@/lib/auth/membership";
import { isStaff } from "@/lib/auth/roles";

// What a live status stream re-checks before every read (lib/live/status-event-stream.ts). The route's
// guard authorized the caller when the stream opened; these answer "still?" for as long as it stays open:
// the user row still exists with the session version it had then (signing out or a role change moves it
// on, lib/auth/session.ts), and the membership or staff role that let them in is still there.

async function sessionVersionOf(userId: string): Promise<{ sessionVersion: number; staffRole: string | null } | null> {
  return db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true, staffRole: true } });
}

/** For a brand member's stream of one organisation's request. */
export async function memberStillAllowed(options: {
  userId: string;
  orgSlug: string;
  organizationId: string;
}): Promise<() => Promise<boolean>> {
  const opened = await sessionVersionOf(options.userId);
  return async () => {
    const now = await sessionVersionOf(options.userId);
    if (!opened || !now || now.sessionVersion !== opened.sessionVersion) return false;
    const org = await findMembership({ userId: options.userId, orgSlug: options.orgSlug });
    return org?.organization.id === options.organizationId;
  };
}

/** For an account manager's (or admin's) stream of a request's runs. */
export async function staffStillAllowed(options: { userId: string }): Promise<() => Promise<boolean>> {
  const opened = await sessionVersionOf(options.userId);
  return async () => {
    const now = await sessionVersionOf(options.userId);
    if (!opened || !now || now.sessionVersion !== opened.sessionVersion) return false;
    return isStaff(now.staffRole);
  };
}
