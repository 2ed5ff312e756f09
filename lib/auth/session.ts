import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { db } from "@/lib/db";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { getAuthOptions } from "@/lib/auth/options";

export type SessionUser = { id: string; email: string; name: string | null; staffRole: StaffRole | null };

/**
 * The signed-in user, or null. The JWT only tells us who signed in; the user row is re-read (once per
 * request, thanks to `cache`) so a removed user or a withdrawn staff role takes effect immediately instead
 * of when the token expires. The same primary-key read carries the session version: a token issued before
 * the last sign-out or role change (lib/auth/options.ts events, lib/console/admin-commands.ts) is refused,
 * at no extra query.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Anything that depends on who is asking must never be prerendered at build time.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const row = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, staffRole: true, sessionVersion: true },
  });
  if (!row || row.sessionVersion !== session.sv) return null;
  return { id: row.id, email: row.email, name: row.name, staffRole: row.staffRole };
});
