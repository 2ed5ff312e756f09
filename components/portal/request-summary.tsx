import { Badge } from "@/components/ui/badge";
import { RegionLabel } from "@/components/ui/region-label";
import { TimeAgo } from "@/components/ui/time-ago";
import type { RequestDetail } from "@/lib/portal/request-detail";

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="py-2">
      <dt className="text-xs font-semibold uppercase tracking-wide text-muted">{term}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

/** What was asked for and who decided; static for the life of the request. */
export function RequestSummary({ request, now }: { request: RequestDetail["request"]; now: Date }) {
  return (
    <dl className="divide-y divide-border">
      <Row term="Snowflake account">
        <code className="font-mono" data-testid="consumer-account">
          {request.consumerAccount}
        </code>
        {request.consumerLocator && request.consumerLocator !== request.consumerAccount ? (
          <span className="block text-xs text-muted">locator {request.consumerLocator}</span>
        ) : null}
      </Row>
      <Row term="Region">
        <RegionLabel id={request.consumerRegion} />
        {request.crossRegion ? (
          <span className="mt-1 block">
            <Badge tone="accent">Cross-region</Badge>{" "}
            <span className="text-muted">
              data replicated from <RegionLabel id={request.lakeRegion} />
            </span>
          </span>
        ) : null}
      </Row>
      <Row term="Datasets">
        <ul>
          {request.datasets.map(({ dataset }) => (
            <li key={dataset.id}>{dataset.title}</li>
          ))}
        </ul>
        {request.includePii ? (
          <Badge tone="warning" className="mt-1">
            Includes personal data columns
          </Badge>
        ) : null}
      </Row>
      <Row term="Workspaces">
        <ul>
          {request.workspaces.map(({ workspace }) => (
            <li key={workspace.id}>{workspace.name}</li>
          ))}
        </ul>
      </Row>
      <Row term="Requested">
        by {request.requestedBy.name ?? request.requestedBy.email}, <TimeAgo date={request.createdAt} now={now} />
      </Row>
      {request.decidedAt ? (
        <Row term={request.state === "REJECTED" ? "Declined" : "Decided"}>
          {request.decidedBy?.name ? `by ${request.decidedBy.name}, ` : ""}
          <TimeAgo date={request.decidedAt} now={now} />
          {request.decisionReason ? <span className="mt-1 block text-muted">“{request.decisionReason}”</span> : null}
        </Row>
      ) : null}
      {request.note ? (
        <Row term="Your note">
          <span className="whitespace-pre-wrap">{request.note}</span>
        </Row>
      ) : null}
    </dl>
  );
}
