import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import { Card } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SharesFilterForm } from "@/components/console/shares-filter-form";
import { SharesTable } from "@/components/console/shares-table";
import { requireStaff } from "@/lib/auth/guards";
import { getQueueFilterOptions } from "@/lib/console/queue";
import { listShares, parseShareParams, type ShareFilters } from "@/lib/console/shares";
import { revokeShareAction } from "../actions";

export const metadata: Metadata = { title: "Shares" };

function sharesHref(filters: ShareFilters, after?: string | null): string {
  const params = new URLSearchParams();
  if (filters.status !== "active") params.set("status", filters.status);
  if (filters.org) params.set("org", filters.org);
  if (filters.region) params.set("region", filters.region);
  if (filters.age) params.set("age", filters.age);
  if (after) params.set("after", after);
  const text = params.toString();
  return `/console/shares${text ? `?${text}` : ""}`;
}

export default async function SharesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff();
  const { after, ...filters } = parseShareParams(await searchParams);
  const now = new Date();
  const [shares, options] = await Promise.all([listShares({ filters, after, now }), getQueueFilterOptions()]);

  return (
    <Providers>
      <PageHeader
        title="Shares"
        description="Snowflake shares Floe created, newest first. Revoking removes the consumer's access at once."
      />
      <Card className="mb-4">
        <SharesFilterForm filters={filters} organizations={options.organizations} regions={options.regions} />
      </Card>
      <Card>
        {shares.items.length === 0 ? (
          <EmptyState
            title="No shares match"
            description="A share appears here when an approved request finishes provisioning."
          />
        ) : (
          <>
            <SharesTable shares={shares.items} now={now} revokeShareAction={revokeShareAction} />
            <CursorPagination
              label="Share pages"
              prevHref={after ? sharesHref(filters) : null}
              nextHref={shares.nextCursor ? sharesHref(filters, shares.nextCursor) : null}
              prevLabel="Newest"
            />
          </>
        )}
      </Card>
    </Providers>
  );
}
