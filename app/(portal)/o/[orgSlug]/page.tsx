import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RegionLabel } from "@/components/ui/region-label";
import { RequestsTable } from "@/components/portal/requests-table";
import { requireMembership } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { getOrganizationHome } from "@/lib/portal/home";

export const metadata: Metadata = { title: "Home" };

export default async function OrganizationHomePage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { organization, membership } = await requireMembership(orgSlug);
  const home = await getOrganizationHome({ organizationId: organization.id });
  const base = `/o/${organization.slug}`;
  const now = new Date();

  return (
    <>
      <PageHeader
        title={organization.name}
        description="Your workspaces and the data shares you have asked for."
        actions={
          roleAtLeast(membership.role, "MEMBER") ? (
            <ButtonLink href={`${base}/requests/new`}>Request a share</ButtonLink>
          ) : null
        }
      />
      {home.activeShareCount > 0 ? (
        <p className="mb-4 text-sm text-muted" data-testid="active-share-count">
          {home.activeShareCount} active {home.activeShareCount === 1 ? "share" : "shares"} delivering data to your
          Snowflake accounts.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          title="Workspaces"
          description="Each workspace's events live in the lake of its region."
          className="lg:col-span-1"
        >
          {home.workspaces.length === 0 ? (
            <p className="text-sm text-muted">No workspaces yet. Your account manager sets them up.</p>
          ) : (
            <ul className="divide-y divide-border" aria-label="Workspaces">
              {home.workspaces.map((workspace) => (
                <li key={workspace.id} className="py-2.5" data-testid="workspace">
                  <p className="font-medium">{workspace.name}</p>
                  <p className="text-sm">
                    <RegionLabel id={workspace.region} />
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card
          title="Share requests"
          className="lg:col-span-2"
          actions={
            home.requestCount > home.requests.length ? (
              <Link href={`${base}/requests`} className="text-sm font-medium text-accent-strong underline">
                View all {home.requestCount}
              </Link>
            ) : null
          }
        >
          {home.requests.length === 0 ? (
            <EmptyState
              title="No share requests yet"
              description="Browse the datasets you can share, then request a live share into your Snowflake account."
              action={<ButtonLink href={`${base}/catalog`}>Browse the catalog</ButtonLink>}
            />
          ) : (
            <RequestsTable requests={home.requests} base={base} now={now} />
          )}
        </Card>
      </div>
    </>
  );
}
