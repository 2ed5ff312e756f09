import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { sessionMemberships } from "@/lib/auth/membership";
import { isStaff } from "@/lib/auth/roles";

/** Where `/` takes a signed-in user: staff to the console, brand users to their first organisation, or null. */
export async function homePathFor(user: SessionUser): Promise<string | null> {
  if (isStaff(user.staffRole)) return "/console";
  const [first] = await sessionMemberships({ userId: user.id });
  return first ? `/o/${first.organization.slug}` : null;
}
