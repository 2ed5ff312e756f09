import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { ErasuresTable } from "@/components/portal/erasures-table";
import { requireMembership } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { listOrganizationErasures } from "@/lib/erasure/erasure-queries";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Erasures" };

export default async function ErasuresPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const [{ orgSlug }, query] = await Promise.all([params, searchParams]);
  const { organization, membership } = await requireMembership(orgSlug);
  const result = await listOrganizationErasures({ organizationId: organization.id, page: parsePage(query.page) });
  const base = `/o/${organization.slug}`;
  const canFile = roleAtLeast(membership.role, "OWNER");

  return (
    <>
      <PageHeader
        title="Erasures"
        description={`GDPR erasure requests and their receipts: ${result.total} ${result.total === 1 ? "request" : "requests"}, newest first.`}
        actions={canFile ? <ButtonLink href={`${base}/erasures/new`}>Request an erasure</ButtonLink> : null}
      />
      <Card>
        {result.items.length === 0 ? (
          <EmptyState
            title="No erasure requests yet"
            description="When a data subject asks to be forgotten, file their external user id or e-mail address here. Floe erases it in every region and gives you a verified receipt."
            action={canFile ? <ButtonLink href={`${base}/erasures/new`}>Request an erasure</ButtonLink> : undefined}
          />
        ) : (
          <>
            <ErasuresTable erasures={result.items} base={base} />
            <Pagination
              page={result.page}
              pageCount={result.pageCount}
              basePath={`${base}/erasures`}
              label="Erasure pages"
            />
          </>
        )}
      </Card>
    </>
  );
}
