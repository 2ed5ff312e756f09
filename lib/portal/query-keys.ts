// React Query keys for the portal, from one factory so a component that polls and an action that
// invalidates always name the same entry. Every key starts with the organisation: a user who switches
// brands never sees another brand's cached data under the same key.
export const portalKeys = {
  all: ["portal"] as const,
  organization: (orgSlug: string) => [...portalKeys.all, "org", orgSlug] as const,
  requests: (orgSlug: string) => [...portalKeys.organization(orgSlug), "requests"] as const,
  request: (orgSlug: string, requestId: string) => [...portalKeys.requests(orgSlug), requestId] as const,
  requestStatus: (orgSlug: string, requestId: string) => [...portalKeys.request(orgSlug, requestId), "status"] as const,
};

/** The status route the detail page polls (app/api/orgs/[orgSlug]/requests/[requestId]/status). */
export function requestStatusUrl(orgSlug: string, requestId: string): string {
  return `/api/orgs/${encodeURIComponent(orgSlug)}/requests/${encodeURIComponent(requestId)}/status`;
}
