// The hostile corpus on the read side: cursors, filters, searches and route parameters of pages and read routes.
// Each answers (its first page, an empty search) or refuses with a specific message, never a 500. Kept apart
// from hostile-fields.ts (the writes) for length.
import { GET as auditExport } from "@/app/api/console/audit/export/route";
import { GET as organizationSearch } from "@/app/api/console/organizations/route";
import { GET as runsRoute } from "@/app/api/console/requests/[requestId]/runs/route";
import { GET as dictionaryRoute } from "@/app/api/orgs/[orgSlug]/catalog/[datasetKey]/dictionary/route";
import { GET as statusRoute } from "@/app/api/orgs/[orgSlug]/requests/[requestId]/status/route";
import { searchRegions } from "@/lib/portal/region-search";
import { listOrganizationAuditPage } from "@/lib/portal/audit";
import { listConsoleAuditEvents } from "@/lib/console/audit";
import { parseAuditParams } from "@/lib/console/audit-filters";
import { listRequestQueue } from "@/lib/console/queue";
import { parseQueueParams } from "@/lib/console/queue-filters";
import { listRequestsForOrganization } from "@/lib/requests/list-requests-for-organization";
import { forgedIds, hostileCorpus, type HostileCase } from "./hostile-corpus";
import { as, enc, get, inertPage, inertSearch, type Field } from "./hostile-field-kit";
import type { HostileWorld } from "./hostile-world";
import { routeVerdict } from "./verdict";

export function hostileReadFields(w: HostileWorld): Field[] {
  const { brand } = w;
  const slug = brand.organization.slug;
  const owner = brand.owner;
  const manager = brand.manager;
  const text = (cases: HostileCase[]) => cases.filter((c) => typeof c.value === "string");
  const strings = text(hostileCorpus);
  const ids = (extra: { label: string; id: string }[] = []) => [...hostileCorpus, ...forgedIds(extra)];
  const otherRequest = { label: "another brand's request id", id: w.otherRequestId };

  return [
    // Cursors: a page answers with its first page or a specific "not valid" refusal, never a 500.
    {
      name: "console queue · after cursor",
      policy: "inert",
      cases: strings,
      run: (v) =>
        inertPage(async () => {
          const p = parseQueueParams({ state: "all", after: v as string });
          return listRequestQueue({ filters: p, position: p, viewerId: manager.id });
        }),
    },
    {
      name: "portal requests · cursor",
      policy: "inert",
      cases: strings,
      run: (v) =>
        inertPage(() => listRequestsForOrganization({ organizationId: brand.organization.id, cursor: v as string })),
    },
    {
      name: "portal audit · cursor",
      policy: "inert",
      cases: strings,
      run: (v) =>
        inertPage(() => listOrganizationAuditPage({ organizationId: brand.organization.id, cursor: v as string })),
    },
    {
      name: "console audit · cursor",
      policy: "inert",
      cases: strings,
      run: (v) => inertPage(() => listConsoleAuditEvents({ filters: parseAuditParams({}), cursor: v as string })),
    },
    {
      name: "region search · query",
      policy: "inert",
      cases: strings,
      run: (v) => inertSearch(async () => searchRegions(v as string)),
    },
    ...(["actor", "org", "type", "from", "to", "cursor"] as const).map((key): Field => ({
      name: `audit export · ${key}`,
      policy: "inert",
      cases: strings,
      // Next to a valid filter that matches nothing, so a dropped hostile filter does not export the whole log.
      run: (v) =>
        routeVerdict(
          as(
            manager,
            get(
              auditExport,
              `/api/console/audit/export?${key === "type" ? "actor=nobody%40nowhere.example" : "type=reliability.none"}&${key}=${enc(v)}`,
              {},
            ),
          ) as () => Promise<Response>,
        ),
    })),
    ...(["q", "after"] as const).map((key): Field => ({
      name: `brand search route · ${key}`,
      policy: "inert",
      cases: strings,
      run: (v) =>
        routeVerdict(
          as(
            manager,
            get(organizationSearch, `/api/console/organizations?${key}=${enc(v)}`, {}),
          ) as () => Promise<Response>,
        ),
    })),
    {
      name: "status route · requestId",
      policy: "refuse",
      cases: text(ids([otherRequest])),
      run: (v) =>
        routeVerdict(
          as(
            owner,
            get(statusRoute, `/api/orgs/${slug}/requests/${enc(v)}/status`, { orgSlug: slug, requestId: v }),
          ) as () => Promise<Response>,
        ),
    },
    {
      name: "status route · orgSlug",
      policy: "refuse",
      cases: text(ids([{ label: "another brand's slug", id: w.otherSlug }])),
      run: (v) =>
        routeVerdict(
          as(
            owner,
            get(statusRoute, `/api/orgs/${enc(v)}/requests/${w.activeRequestId}/status`, {
              orgSlug: v,
              requestId: w.activeRequestId,
            }),
          ) as () => Promise<Response>,
        ),
    },
    {
      name: "runs route · requestId",
      policy: "refuse",
      cases: text(ids()),
      run: (v) =>
        routeVerdict(
          as(
            manager,
            get(runsRoute, `/api/console/requests/${enc(v)}/runs`, { requestId: v }),
          ) as () => Promise<Response>,
        ),
    },
    {
      name: "dictionary route · datasetKey",
      policy: "refuse",
      cases: text(ids([{ label: "a dataset outside the contract", id: "changelogs" }])),
      run: (v) =>
        routeVerdict(
          as(
            owner,
            get(dictionaryRoute, `/api/orgs/${slug}/catalog/${enc(v)}/dictionary`, { orgSlug: slug, datasetKey: v }),
          ) as () => Promise<Response>,
        ),
    },
    {
      name: "dictionary route · format",
      policy: "refuse",
      cases: strings,
      run: (v) =>
        routeVerdict(
          as(
            owner,
            get(dictionaryRoute, `/api/orgs/${slug}/catalog/messaging-email/dictionary?format=${enc(v)}`, {
              orgSlug: slug,
              datasetKey: "messaging-email",
            }),
          ) as () => Promise<Response>,
        ),
    },
  ];
}
