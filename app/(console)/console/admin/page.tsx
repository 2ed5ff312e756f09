import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/guards";
import { getAdminOverview } from "@/lib/console/admin";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireStaff({ admin: true });
  const { organizations, staff } = await getAdminOverview();

  return (
    <>
      <PageHeader title="Admin" description="Brands, their account managers, and the vendor's staff." />
      <div className="grid gap-6">
        <Card title="Brands">
          <Table caption="Brands">
            <thead>
              <tr>
                <Th>Brand</Th>
                <Th>Account manager</Th>
                <Th>Members</Th>
                <Th>Workspaces</Th>
                <Th>Requests</Th>
              </tr>
            </thead>
            <tbody>
              {organizations.map((org) => (
                <tr key={org.id}>
                  <Td>
                    <span className="font-medium">{org.name}</span> <span className="font-mono text-xs text-muted">{org.slug}</span>
                  </Td>
                  <Td>{org.accountManager ? (org.accountManager.name ?? org.accountManager.email) : <span className="text-muted">Unassigned</span>}</Td>
                  <Td>{org._count.memberships}</Td>
                  <Td>{org._count.workspaces}</Td>
                  <Td>{org._count.requests}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
        <Card title="Staff">
          <ul className="divide-y divide-border" aria-label="Staff">
            {staff.map((person) => (
              <li key={person.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                <span>
                  <span className="font-medium">{person.name ?? person.email}</span> <span className="text-sm text-muted">{person.email}</span>
                </span>
                <Badge tone={person.staffRole === "ADMIN" ? "accent" : "neutral"}>{person.staffRole === "ADMIN" ? "Admin" : "Account manager"}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
