import "server-only";
import { db } from "@/lib/db";

/** Organisations with their account manager and size, and the vendor's staff (admins only). */
export async function getAdminOverview() {
  const [organizations, staff] = await Promise.all([
    db.organization.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        accountManager: { select: { name: true, email: true } },
        _count: { select: { memberships: true, workspaces: true, requests: true } },
      },
      orderBy: { name: "asc" },
    }),
    db.user.findMany({ where: { staffRole: { not: null } }, select: { id: true, name: true, email: true, staffRole: true }, orderBy: { email: "asc" } }),
  ]);
  return { organizations, staff };
}
