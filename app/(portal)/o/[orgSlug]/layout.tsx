import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireMembership } from "@/lib/auth/guards";
import { sessionMemberships } from "@/lib/auth/membership";
import { orgRoleLabel } from "@/lib/auth/roles";

export default async function PortalLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ orgSlug: string }>;
}) {
  const { orgSlug } = await params;
  const { user, organization } = await requireMembership(orgSlug);
  const memberships = await sessionMemberships({ userId: user.id });
  const base = `/o/${organization.slug}`;
  return (
    <AppShell
      area="Brand portal"
      homeHref={base}
      user={user}
      currentOrg={organization}
      memberships={memberships.map((m) => ({
        slug: m.organization.slug,
        name: m.organization.name,
        role: orgRoleLabel[m.role] ?? m.role,
      }))}
      nav={[
        { href: base, label: "Home", exact: true },
        { href: `${base}/catalog`, label: "Catalog" },
        { href: `${base}/requests`, label: "Requests" },
        { href: `${base}/erasures`, label: "Erasures" },
        { href: `${base}/audit`, label: "Audit trail" },
        { href: `${base}/settings/api`, label: "API" },
      ]}
    >
      {children}
    </AppShell>
  );
}
