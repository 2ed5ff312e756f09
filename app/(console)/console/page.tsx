import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { QueueFilterForm } from "@/components/console/queue-filter-form";
import { QueueStateTabs } from "@/components/console/queue-state-tabs";
import { QueueTable } from "@/components/console/queue-table";
import { requireStaff } from "@/lib/auth/guards";
import { listRequestQueue } from "@/lib/console/queue";
import { parseQueueParams, queueSearch } from "@/lib/console/queue-filters";
import { snowflakeRegionIds } from "@/lib/snowflake/regions";

export const metadata: Metadata = { title: "Request queue" };

export default async function QueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireStaff();
  const { after, before, ...filters } = parseQueueParams(await searchParams);
  const now = new Date();
  const queue = await listRequestQueue({ filters, position: { after, before }, viewerId: user.id, now });
  // The regions Floe knows (configuration), not a scan of every request; with this state's count in each.
  const regions = snowflakeRegionIds.map((id) => ({ id, count: queue.countsByRegion[id] ?? 0 }));
  const shown = filters.state ? (queue.countsByState[filters.state] ?? 0) : queue.total;

  return (
    <>
      <PageHeader
        title="Request queue"
        description={`${shown} ${shown === 1 ? "request matches" : "requests match"} these filters.`}
      />
      <QueueStateTabs filters={filters} counts={queue.countsByState} total={queue.total} />
      <Card className="mb-4">
        <QueueFilterForm filters={filters} organization={queue.organization} regions={regions} />
      </Card>
      <Card>
        {queue.items.length === 0 ? (
          <EmptyState
            title="Nothing here"
            description="No request matches these filters. Try another state or clear the filters."
          />
        ) : (
          <>
            <QueueTable rows={queue.items} now={now} viewerId={user.id} />
            <CursorPagination
              label="Queue pages"
              prevHref={queue.prevCursor ? `/console${queueSearch(filters, { before: queue.prevCursor })}` : null}
              nextHref={queue.nextCursor ? `/console${queueSearch(filters, { after: queue.nextCursor })}` : null}
            />
          </>
        )}
      </Card>
    </>
  );
}
