import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RegionLabel } from "@/components/ui/region-label";
import { Table, Th } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { RequestStateBadge } from "@/components/requests/request-state-badge";
import type { QueueRow } from "@/lib/console/queue";
import { regionDisplayName } from "@/lib/snowflake/regions";

/**
 * The queue's rows; the consumer account links to the review page (one tab stop per row). Plain <td>s
 * styled by the table's "cells" class (app/globals.css): a class on each of the page's 150 cells would be
 * sent twice (HTML and server-component payload) for nothing.
 */
export function QueueTable({ rows, now, viewerId }: { rows: QueueRow[]; now: Date; viewerId: string }) {
  return (
    <Table caption="Share requests from all brands" className="cells">
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
            <td>
              <Link href={`/console/requests/${request.id}`} className="link">
                {request.consumerAccount}
              </Link>
            </td>
            <td>
              <RequestStateBadge state={request.state} />
            </td>
            <td>
              <span className="font-medium">{request.organization.name}</span>
              {request.organization.accountManagerId === viewerId ? (
                <Badge className="ml-2" tone="info">
                  Yours
                </Badge>
              ) : null}
              <span className="sub">{request.requestedBy.name ?? request.requestedBy.email}</span>
            </td>
            <td>
              <RegionLabel id={request.consumerRegion} />
              {request.crossRegion ? (
                <Badge className="ml-2" tone="accent">
                  Cross-region from {regionDisplayName(request.lakeRegion)}
                </Badge>
              ) : null}
            </td>
            <td>{request.datasets.map((d) => d.dataset.title).join(", ") || "—"}</td>
            <td className="whitespace-nowrap text-muted">
              <TimeAgo date={request.createdAt} now={now} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
