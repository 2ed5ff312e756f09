import { Badge } from "@/components/ui/badge";
import { RegionLabel } from "@/components/ui/region-label";
import { TimeAgo } from "@/components/ui/time-ago";
import type { RequestForStaff } from "@/lib/requests/get-request-for-staff";
import type { PlanView } from "@/lib/console/request-review";

/** Who asked for what, where it goes, and what the route costs: the facts an approver checks first. */
export function RequestFacts({ request, plan, now }: { request: RequestForStaff; plan: PlanView; now: Date }) {
  return (
    <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
      <Fact term="Brand">
        <span className="font-medium">{request.organization.name}</span>{" "}
        <span className="font-mono text-xs text-muted">{request.organization.slug}</span>
        <span className="block text-xs text-muted">
          Account manager:{" "}
          {request.organization.accountManager
            ? (request.organization.accountManager.name ?? request.organization.accountManager.email)
            : "unassigned"}
        </span>
      </Fact>
      <Fact term="Requested by">
        {request.requestedBy.name ?? request.requestedBy.email}{" "}
        <span className="block text-xs text-muted">{request.requestedBy.email}</span>
        <span className="block text-xs text-muted">
          <TimeAgo date={request.createdAt} now={now} />
        </span>
      </Fact>
      <Fact term="Consumer account">
        <span className="font-mono" data-testid="consumer-account">
          {request.consumerAccount}
        </span>
        {request.consumerLocator && request.consumerLocator !== request.consumerAccount ? (
          <span className="block text-xs text-muted">locator {request.consumerLocator}</span>
        ) : null}
      </Fact>
      <Fact term="Consumer region">
        <RegionLabel id={request.consumerRegion} />
      </Fact>
      <Fact term="Workspaces">
        <ul>
          {request.workspaces.map(({ workspace }) => (
            <li key={workspace.id}>
              {workspace.name} · <RegionLabel id={workspace.region} />
            </li>
          ))}
        </ul>
      </Fact>
      <Fact term="Datasets">
        <ul>
          {request.datasets.map(({ dataset }) => (
            <li key={dataset.id}>
              {dataset.title} <span className="font-mono text-xs text-muted">{dataset.key}</span>
            </li>
          ))}
        </ul>
        {request.includePii ? (
          <Badge tone="warning" className="mt-1">
            Includes PII columns
          </Badge>
        ) : null}
      </Fact>
      <Fact term="Route">
        {request.crossRegion ? (
          <>
            <Badge tone="accent">Cross-region</Badge>{" "}
            <span className="text-muted">
              from the lake in <RegionLabel id={request.lakeRegion} />
            </span>
          </>
        ) : (
          <span>
            In-region (direct share from the lake in <RegionLabel id={request.lakeRegion} />)
          </span>
        )}
      </Fact>
      {plan.ok ? (
        <Fact term="Lag and cost">
          <span className="block">{plan.description.expectedLag ?? "None: consumers read the lake live."}</span>
          <span className="mt-1 block">
            <Badge tone={plan.description.costClass === "none" ? "success" : "warning"}>
              {plan.description.costClass === "none" ? "No extra cost" : "Replication storage and transfer"}
            </Badge>
          </span>
          <span className="mt-1 block text-xs text-muted">{plan.description.costNote}</span>
        </Fact>
      ) : null}
      {request.note ? (
        <Fact term="Note from the requester" wide>
          <p className="whitespace-pre-wrap">{request.note}</p>
        </Fact>
      ) : null}
    </dl>
  );
}

function Fact({ term, children, wide }: { term: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-xs font-semibold uppercase tracking-wide text-muted">{term}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}
