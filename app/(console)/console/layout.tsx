import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireStaff } from "@/lib/auth/guards";
import { sessionMemberships } from "@/lib/auth/membership";
import { isAdmin, orgRoleLabel } from "@/lib/auth/roles";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff();
  // Staff normally belong to no brand; if one does (e.g. for testing), the switcher leads to that portal.
  const memberships = await sessionMemberships({ userId: user.id });
  const nav = [
    { href: "/console", label: "Queue", exact: true },
    { href: "/console/shares", label: "Shares" },
    { href: "/console/pipeline", label: "Pipeline" },
    { href: "/console/erasures", label: "Erasures" },
    { href: "/console/schema-changes", label: "Schema changes" },
    { href: "/console/audit", label: "Audit" },
    { href: "/console/api-tokens", label: "API tokens" },
    ...(isAdmin(user.staffRole) ? [{ href: "/console/admin", label: "Admin" }] : []),
  ];
  return (
    <AppShell
      area="Console"
      homeHref="/console"
      user={user}
      currentOrg={{ slug: "", name: "Floe staff" }}
      memberships={memberships.map((m) => ({
        slug: m.organization.slug,
        name: m.organization.name,
        role: orgRoleLabel[m.role] ?? m.role,
      }))}
      nav={nav}
    >
      {children}
    </AppShell>
  );
}
