// Role rules, pure so the guards, the action factory and the UI agree. Anything not listed here is denied:
// a role added to the database enum without a rank here grants nothing until someone decides what it means.
import type { OrgRole, StaffRole } from "@/lib/generated/prisma/enums";

// A Map, not an object literal: "__proto__" or "toString" must not look like a role.
const orgRoleRank = new Map<string, number>([
  ["VIEWER", 1],
  ["MEMBER", 2],
  ["OWNER", 3],
]);

export function roleAtLeast(role: string | null | undefined, minRole: OrgRole): boolean {
  if (!role) return false;
  const have = orgRoleRank.get(role);
  const need = orgRoleRank.get(minRole);
  return have !== undefined && need !== undefined && have >= need;
}

/** Account managers and admins both work the console; admins also see Admin. */
export function isStaff(staffRole: string | null | undefined): staffRole is StaffRole {
  return staffRole === "ACCOUNT_MANAGER" || staffRole === "ADMIN";
}

export function isAdmin(staffRole: string | null | undefined): boolean {
  return staffRole === "ADMIN";
}

export const orgRoleLabel: Record<OrgRole, string> = { OWNER: "Owner", MEMBER: "Member", VIEWER: "Viewer" };
