import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { ErasureRetryButton } from "@/components/console/erasure-retry-button";
import { ErasureForm } from "@/components/portal/erasure-form";
import { ErasureStateBadge } from "@/components/portal/erasure-state-badge";
import { requireStaff } from "@/lib/auth/guards";
import { erasureBrands, erasureWorkspaces, listOrganizationErasures } from "@/lib/erasure/erasure-queries";
import { parsePage } from "@/lib/pagination";
import { fileErasureForBrandAction, retryErasureAction } from "./actions";

export const metadata: Metadata = { title: "Erasures" };

const PAGE_SIZE = 50;

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "—");

/** Staff: one brand's erasure requests (pick the brand), filing on its behalf, and retrying a failed one. */
export default async function ConsoleErasuresPage({
  searchParams,
}: {
  searchParams: Promise<{ org?: string | string[]; page?: string | string[] }>;
}) {
  await requireStaff();
  const query = await searchParams;
  const slug = Array.isArray(query.org) ? query.org[0] : query.org;
  const brands = await erasureBrands();
  const brand = brands.find((b) => b.slug === slug) ?? null;
  const header = (
    <PageHeader
      title="Erasures"
      description="GDPR erasure requests per brand. Staff can file one on a brand's behalf (recorded as such) and retry one whose automatic retries ran out."
    />
  );
  const picker = (
    <nav aria-label="Brands" className="mb-4 flex flex-wrap gap-2 text-sm">
      {brands.map((b) => (
        <Link
          key={b.id}
          href={`/console/erasures?org=${encodeURIComponent(b.slug)}`}
          aria-current={b.id === brand?.id ? "page" : undefined}
          className="rounded-md border border-border px-3 py-1 aria-[current=page]:bg-accent aria-[current=page]:text-white"
        >
          {b.name}
        </Link>
      ))}
    </nav>
  );
  if (!brand)
    return (
      <>
        {header}
        {picker}
        <Card>
          <EmptyState title="Pick a brand" description="Choose a brand above to see and file its erasure requests." />
        </Card>
      </>
    );
  const [result, workspaces] = await Promise.all([
    listOrganizationErasures({ organizationId: brand.id, page: parsePage(query.page), pageSize: PAGE_SIZE }),
    erasureWorkspaces(brand.id),
  ]);
  return (
    <>
      {header}
      {picker}
      <div className="space-y-4">
        <Card title={`${brand.name}: requests`}>
          {result.items.length === 0 ? (
            <EmptyState title="No erasure requests" description={`${brand.name} has not filed any yet.`} />
          ) : (
            <>
              <Table caption={`Erasure requests of ${brand.name}`}>
                <thead>
                  <tr>
                    <Th>Filed</Th>
                    <Th>Source</Th>
                    <Th>State</Th>
                    <Th>Requested / matched</Th>
                    <Th>GDPR due</Th>
                    <Th>Completed</Th>
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((e) => (
                    <tr key={e.id}>
                      <Td>{when(e.createdAt)}</Td>
                      <Td>{e.filedByStaffId ? "Staff" : e.source}</Td>
                      <Td>
                        <ErasureStateBadge state={e.state} />
                        {e.state === "FAILED" && e.lastError ? (
                          <p className="mt-1 max-w-xs text-xs break-words text-muted">{e.lastError}</p>
                        ) : null}
                      </Td>
                      <Td>
                        {e.requestedCount.toLocaleString("en")} / {e.matchedCount?.toLocaleString("en") ?? "—"}
                      </Td>
                      <Td>{when(e.dueAt)}</Td>
                      <Td>{when(e.completedAt)}</Td>
                      <Td>
                        {e.state === "FAILED" ? (
                          <ErasureRetryButton erasureId={e.id} action={retryErasureAction} />
                        ) : null}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {/* The page links keep the brand (?org=): without it page 2 would show the brand picker. */}
              <Pagination
                page={result.page}
                pageCount={result.pageCount}
                basePath="/console/erasures"
                query={{ org: brand.slug }}
                label={`Erasure pages of ${brand.name}`}
              />
            </>
          )}
        </Card>
        <Card title={`File on ${brand.name}'s behalf`}>
          <ErasureForm
            action={fileErasureForBrandAction}
            scope={{ organizationId: brand.id }}
            workspaces={workspaces}
          />
        </Card>
      </div>
    </>
  );
}
