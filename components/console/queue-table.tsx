import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RegionLabel } from "@/components/ui/region-label";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { RequestStateBadge } from "@/components/requests/request-state-badge";
import type { QueueRow } from "@/lib/console/queue";
import { regionDisplayName } from "@/lib/snowflake/regions";

/** The queue's rows; the consumer account links to the review page (one tab stop per row). */
export function QueueTable({ rows, now, viewerId }: { rows: QueueRow[]; now: Date; viewerId: string }) {
  return (
    <Table caption="Share requests from all brands">
      <thead>
        <tr>
          <Th>Request</Th>
          <Th>State</Th>
          <Th>Brand</Th>
          <Th>Region</Th>
          <Th>Datasets</Th>
          <Th>Requested</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((request) => (
          <tr key={request.id} data-testid="queue-row">
            <Td>
              <Link
                href={`/console/requests/${request.id}`}
                className="font-mono text-xs font-medium text-accent-strong underline-offset-2 hover:underline"
              >
                {request.consumerAccount}
              </Link>
            </Td>
            <Td>
              <RequestStateBadge state={request.state} />
            </Td>
            <Td>
              <span className="font-medium">{request.organization.name}</span>
              {request.organization.accountManagerId === viewerId ? (
                <Badge className="ml-2" tone="info">
                  Yours
                </Badge>
              ) : null}
              <span className="block text-xs text-muted">{request.requestedBy.name ?? request.requestedBy.email}</span>
            </Td>
            <Td>
              <RegionLabel id={request.consumerRegion} />
              {request.crossRegion ? (
                <Badge className="ml-2" tone="accent">
                  Cross-region from {regionDisplayName(request.lakeRegion)}
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
  );
}
