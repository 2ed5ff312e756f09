"use client";

import { useQuery } from "@tanstack/react-query";
import { pollIntervalFor } from "@/lib/portal/poll-interval";
import { portalKeys, requestStatusUrl } from "@/lib/portal/query-keys";
import type { RequestStatus } from "@/lib/portal/request-status.types";

export class StatusFetchError extends Error {
  constructor(readonly status: number) {
    super(status === 404 ? "This request no longer exists or you no longer have access to it." : "We could not load the latest status.");
    this.name = "StatusFetchError";
  }
}

async function fetchStatus(orgSlug: string, requestId: string, signal: AbortSignal): Promise<RequestStatus> {
  const response = await fetch(requestStatusUrl(orgSlug, requestId), { signal, cache: "no-store", headers: { Accept: "application/json" } });
  if (!response.ok) throw new StatusFetchError(response.status);
  return (await response.json()) as RequestStatus;
}

/**
 * A request's live status, starting from what the server rendered and polling while it moves; polling
 * stops by itself at ACTIVE and the settled states (see pollIntervalFor), and pauses in background tabs.
 */
export function useRequestStatus(orgSlug: string, requestId: string, initial: RequestStatus) {
  return useQuery({
    queryKey: portalKeys.requestStatus(orgSlug, requestId),
    queryFn: ({ signal }) => fetchStatus(orgSlug, requestId, signal),
    initialData: initial,
    // The server render is the first data point; polling (by state) takes over from there.
    staleTime: 0,
    refetchInterval: (query) => pollIntervalFor(query.state.data?.state),
    // A 404 will not fix itself; a blip will.
    retry: (count, error) => !(error instanceof StatusFetchError && error.status === 404) && count < 3,
  });
}
