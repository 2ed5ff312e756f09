import type { RequestState } from "@/lib/generated/prisma/enums";
import { Table, Td, Th } from "@/components/ui/table";
import { RegionLabel } from "@/components/ui/region-label";
import { TimeAgo } from "@/components/ui/time-ago";
import { Badge } from "@/components/ui/badge";
import { RequestStateBadge } from "@/components/requests/request-state-badge";

export type OrganizationRequestItem = {
  id: string;
  state: RequestState;
  consumerAccount: string;
  consumerRegion: string;
  crossRegion: boolean;
  createdAt: Date;
  datasets: { dataset: { title: string } }[];
};

/** A brand's share requests: state, target account and region, datasets, age. */
export function OrganizationRequestsTable({ requests, now }: { requests: OrganizationRequestItem[]; now: Date }) {
  return (
    <Table caption="Share requests">
      <thead>
        <tr>
          <Th>State</Th>
          <Th>Snowflake account</Th>
          <Th>Region</Th>
          <Th>Datasets</Th>
          <Th>Requested</Th>
        </tr>
      </thead>
      <tbody>
        {requests.map((request) => (
          <tr key={request.id} data-testid="request-row">
            <Td>
              <RequestStateBadge state={request.state} />
            </Td>
            <Td className="font-mono text-xs">{request.consumerAccount}</Td>
            <Td>
              <RegionLabel id={request.consumerRegion} />
              {request.crossRegion ? <Badge className="ml-2" tone="accent">Cross-region</Badge> : null}
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
