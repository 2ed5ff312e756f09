// React Query keys for the console, from one factory so the panel that polls and the action that
// invalidates always name the same entry. Staff keys live under "console", apart from the portal's.
export const consoleKeys = {
  all: ["console"] as const,
  requests: () => [...consoleKeys.all, "requests"] as const,
  request: (requestId: string) => [...consoleKeys.requests(), requestId] as const,
  runs: (requestId: string) => [...consoleKeys.request(requestId), "runs"] as const,
};

/** The route the runs panel polls (app/api/console/requests/[requestId]/runs). */
export function requestRunsUrl(requestId: string): string {
  return `/api/console/requests/${encodeURIComponent(requestId)}/runs`;
}
