import Link from "next/link";
import type { RequestState } from "@/lib/requests/state-machine";
import { Badge } from "@/components/ui/badge";
import { RegionLabel } from "@/components/ui/region-label";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { RequestStateBadge } from "@/components/requests/request-state-badge";

export type PortalRequestRow = {
  id: string;
  state: RequestState;
  consumerAccount: string;
  consumerRegion: string;
  crossRegion: boolean;
  createdAt: Date;
  datasets: { dataset: { title: string } }[];
};

/** A brand's share requests, each linking to its page: state, target, region, datasets, age. */
export function RequestsTable({ requests, base, now }: { requests: PortalRequestRow[]; base: string; now: Date }) {
  return (
    <Table caption="Share requests">
      <thead>
        <tr>
          <Th>Snowflake account</Th>
          <Th>State</Th>
          <Th>Region</Th>
          <Th>Datasets</Th>
          <Th>Requested</Th>
        </tr>
      </thead>
      <tbody>
        {requests.map((request) => (
          <tr key={request.id} data-testid="request-row">
            <Td>
              <Link
                href={`${base}/requests/${request.id}`}
                className="font-mono text-xs font-medium text-accent-strong underline"
              >
                {request.consumerAccount}
              </Link>
            </Td>
            <Td>
              <RequestStateBadge state={request.state} />
            </Td>
            <Td>
              <RegionLabel id={request.consumerRegion} />
              {request.crossRegion ? (
                <Badge className="ml-2" tone="accent">
                  Cross-region
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
