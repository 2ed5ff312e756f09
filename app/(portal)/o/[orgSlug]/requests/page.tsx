import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RequestsTable } from "@/components/portal/requests-table";
import { requireMembership } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { parsePage } from "@/lib/pagination";
import { listOrganizationRequests } from "@/lib/portal/requests";

export const metadata: Metadata = { title: "Requests" };

export default async function RequestsPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const [{ orgSlug }, query] = await Promise.all([params, searchParams]);
  const { organization, membership } = await requireMembership(orgSlug);
  const result = await listOrganizationRequests({ organizationId: organization.id, page: parsePage(query.page) });
  const base = `/o/${organization.slug}`;

  return (
    <>
      <PageHeader
        title="Share requests"
        description={`${result.total} ${result.total === 1 ? "request" : "requests"}, newest first.`}
        actions={
          roleAtLeast(membership.role, "MEMBER") ? (
            <ButtonLink href={`${base}/requests/new`}>Request a share</ButtonLink>
          ) : null
        }
      />
      <Card>
        {result.items.length === 0 ? (
          <EmptyState
            title="No share requests yet"
            description="Pick datasets in the catalog to request a live share into your Snowflake account."
            action={<ButtonLink href={`${base}/catalog`}>Browse the catalog</ButtonLink>}
          />
        ) : (
          <>
            <RequestsTable requests={result.items} base={base} now={new Date()} />
            <Pagination
              page={result.page}
              pageCount={result.pageCount}
              basePath={`${base}/requests`}
              label="Request pages"
            />
          </>
        )}
      </Card>
    </>
  );
}
