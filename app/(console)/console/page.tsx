import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { RegionLabel } from "@/components/ui/region-label";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { RequestStateBadge } from "@/components/requests/request-state-badge";
import { requireStaff } from "@/lib/auth/guards";
import { listRequestQueue } from "@/lib/console/queue";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Request queue" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await requireStaff();
  const queue = await listRequestQueue({ page: parsePage((await searchParams).page) });
  const now = new Date();

  return (
    <>
      <PageHeader title="Request queue" description={`${queue.total} ${queue.total === 1 ? "request" : "requests"} from all brands, newest first.`} />
      <Card>
        {queue.items.length === 0 ? (
          <EmptyState title="The queue is empty" description="When a brand requests a share, it appears here for review." />
        ) : (
          <>
            <Table caption="Share requests from all brands">
              <thead>
                <tr>
                  <Th>State</Th>
                  <Th>Brand</Th>
                  <Th>Consumer account</Th>
                  <Th>Region</Th>
                  <Th>Datasets</Th>
                  <Th>Requested</Th>
                </tr>
              </thead>
              <tbody>
                {queue.items.map((request) => (
                  <tr key={request.id} data-testid="queue-row">
                    <Td>
                      <RequestStateBadge state={request.state} />
                    </Td>
                    <Td>
                      <span className="font-medium">{request.organization.name}</span>
                      <span className="block text-xs text-muted">{request.requestedBy.name ?? request.requestedBy.email}</span>
                    </Td>
                    <Td className="font-mono text-xs">{request.consumerAccount}</Td>
                    <Td>
                      <RegionLabel id={request.consumerRegion} />
                      {request.crossRegion ? (
                        <Badge className="ml-2" tone="accent">
                          Cross-region from {request.lakeRegion}
                        </Badge>
                      ) : null}
                    </Td>
                    <Td>{request.datasets.map((d) => d.dataset.title).join(", ") || "—"}</Td>
                    <Td className="whitespace-nowrap text-muted">
                      <TimeAgo date={request.createdAt} now={now} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={queue.page} pageCount={queue.pageCount} basePath="/console" label="Queue pages" />
          </>
        )}
      </Card>
    </>
  );
}
