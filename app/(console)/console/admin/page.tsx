import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { ProviderAccountForm } from "@/components/console/provider-account-form";
import {
  AllowSsoLinkButton,
  GrantAccountManagerForm,
  RevokeAccountManagerButton,
} from "@/components/console/staff-role-controls";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/guards";
import { getAuthMethods } from "@/lib/auth/options";
import { getAdminOverview } from "@/lib/console/admin";
import {
  allowSsoLinkAction,
  grantAccountManagerAction,
  revokeAccountManagerAction,
  updateProviderAccountAction,
} from "../actions";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const admin = await requireStaff({ admin: true });
  const { providerAccounts, datasets, staff, organizations } = await getAdminOverview();
  const sso = getAuthMethods().oidc;
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Admin"
        description="Provider accounts, datasets, staff and brands. Every change is recorded in the audit trail."
      />
      <div className="grid gap-6">
        <Card
          title="Provider accounts"
          description="One vendor Snowflake account per region. Floe stores where each secret lives, never the secret."
        >
          <ul className="divide-y divide-border">
            {providerAccounts.map((account) => (
              <li key={account.id} className="py-4" data-testid="provider-account">
                <p className="mb-3 flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-semibold">
                    {account.organizationName}.{account.accountName}
                  </span>
                  <span className="font-mono text-xs text-muted">{account.locator}</span>
                  <Badge tone="info">{account.region}</Badge>
                  {account.hostsLake ? (
                    <Badge tone="accent">Lake {account.lakeDatabase}</Badge>
                  ) : (
                    <Badge>Replica target</Badge>
                  )}
                  <Badge>{account.authMethod === "KEY_PAIR" ? "Key pair" : "Password"}</Badge>
                  <span className="text-xs text-muted">{account._count.shares} shares</span>
                </p>
                <ProviderAccountForm account={account} updateProviderAccountAction={updateProviderAccountAction} />
              </li>
            ))}
          </ul>
        </Card>

        <Card title="Datasets" description="What brands can share, and the secure views each dataset grants.">
          <Table caption="Datasets and their Snowflake objects">
            <thead>
              <tr>
                <Th>Dataset</Th>
                <Th>Secure views (schema.view ← base table)</Th>
                <Th>Brands</Th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((dataset) => (
                <tr key={dataset.id}>
                  <Td>
                    <span className="font-medium">{dataset.title}</span>
                    <span className="block font-mono text-xs text-muted">{dataset.key}</span>
                  </Td>
                  <Td>
                    <ul className="space-y-0.5 font-mono text-xs">
                      {dataset.objects.map((o) => (
                        <li key={o.id}>
                          {o.schemaName}.{o.viewName} <span className="text-muted">← {o.baseTable}</span>{" "}
                          {o.containsPii ? <Badge tone="warning">PII</Badge> : null}
                        </li>
                      ))}
                    </ul>
                  </Td>
                  <Td>{dataset._count.organizations}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>

        <Card title="Staff" description="Account managers work the console; admins also see this page.">
          <ul className="mb-4 divide-y divide-border" aria-label="Staff">
            {staff.map((person) => (
              <li
                key={person.id}
                className="flex flex-wrap items-center justify-between gap-2 py-2.5"
                data-testid="staff-member"
              >
                <span>
                  <span className="font-medium">{person.name ?? person.email}</span>{" "}
                  <span className="text-sm text-muted">{person.email}</span>
                  {person.managedOrganizations.length ? (
                    <span className="block text-xs text-muted">
                      Manages {person.managedOrganizations.map((o) => o.name).join(", ")}
                    </span>
                  ) : null}
                </span>
                <span className="flex items-center gap-2">
                  <Badge tone={person.staffRole === "ADMIN" ? "accent" : "neutral"}>
                    {person.staffRole === "ADMIN" ? "Admin" : "Account manager"}
                  </Badge>
                  {sso && person._count.authAccounts > 0 ? <Badge tone="neutral">SSO linked</Badge> : null}
                  {sso && person.ssoLinkAllowedUntil && person.ssoLinkAllowedUntil > now ? (
                    <Badge tone="neutral">SSO link allowed</Badge>
                  ) : null}
                  {sso && person.id !== admin.id ? (
                    <AllowSsoLinkButton
                      userId={person.id}
                      email={person.email}
                      allowSsoLinkAction={allowSsoLinkAction}
                    />
                  ) : null}
                  {person.staffRole === "ACCOUNT_MANAGER" && person.id !== admin.id ? (
                    <RevokeAccountManagerButton
                      userId={person.id}
                      email={person.email}
                      revokeAccountManagerAction={revokeAccountManagerAction}
                    />
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
          <GrantAccountManagerForm grantAccountManagerAction={grantAccountManagerAction} />
        </Card>

        <Card title="Brands">
          <Table caption="Brands">
            <thead>
              <tr>
                <Th>Brand</Th>
                <Th>Account manager</Th>
                <Th>Members</Th>
                <Th>Requests</Th>
              </tr>
            </thead>
            <tbody>
              {organizations.map((org) => (
                <tr key={org.id}>
                  <Td>
                    <span className="font-medium">{org.name}</span>{" "}
                    <span className="font-mono text-xs text-muted">{org.slug}</span>
                  </Td>
                  <Td>
                    {org.accountManager ? (
                      (org.accountManager.name ?? org.accountManager.email)
                    ) : (
                      <span className="text-muted">Unassigned</span>
                    )}
                  </Td>
                  <Td>{org._count.memberships}</Td>
                  <Td>{org._count.requests}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </Card>
      </div>
    </>
  );
}
