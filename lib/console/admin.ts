import "server-only";
import { db } from "@/lib/db";

// The admin page's read model. Provider accounts show where their secret lives (secretRef), never a secret:
// Floe does not store any.

export async function getAdminOverview() {
  const [providerAccounts, datasets, staff, organizations] = await Promise.all([
    db.providerAccount.findMany({
      select: {
        id: true,
        organizationName: true,
        accountName: true,
        locator: true,
        region: true,
        hostsLake: true,
        lakeDatabase: true,
        username: true,
        authMethod: true,
        secretRef: true,
        maxConcurrency: true,
        updatedAt: true,
        _count: { select: { shares: true } },
      },
      orderBy: { region: "asc" },
    }),
    db.dataset.findMany({
      select: {
        id: true,
        key: true,
        title: true,
        objects: {
          select: { id: true, schemaName: true, viewName: true, baseTable: true, containsPii: true },
          orderBy: { viewName: "asc" },
        },
        _count: { select: { organizations: true } },
      },
      orderBy: { title: "asc" },
    }),
    db.user.findMany({
      where: { staffRole: { not: null } },
      select: {
        id: true,
        name: true,
        email: true,
        staffRole: true,
        ssoLinkAllowedUntil: true,
        _count: { select: { authAccounts: true } },
        managedOrganizations: { select: { name: true }, orderBy: { name: "asc" } },
      },
      orderBy: { email: "asc" },
    }),
    db.organization.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        accountManager: { select: { name: true, email: true } },
        _count: { select: { memberships: true, requests: true } },
      },
      orderBy: { name: "asc" },
    }),
  ]);
  return { providerAccounts, datasets, staff, organizations };
}
