"use client";

import { useQuery } from "@tanstack/react-query";
import { useStatusStream } from "@/components/live/use-status-stream";
import { pollIntervalFor } from "@/lib/portal/poll-interval";
import { portalKeys, requestStatusUrl } from "@/lib/portal/query-keys";
import type { RequestStatus } from "@/lib/portal/request-status.types";
import { isTerminal } from "@/lib/requests/state-machine";

export class StatusFetchError extends Error {
  constructor(readonly status: number) {
    super(
      status === 404
        ? "This request no longer exists or you no longer have access to it."
        : "We could not load the latest status.",
    );
    this.name = "StatusFetchError";
  }
}

async function fetchStatus(orgSlug: string, requestId: string, signal: AbortSignal): Promise<RequestStatus> {
  const response = await fetch(requestStatusUrl(orgSlug, requestId), {
    signal,
    cache: "no-store",
    headers: { Accept: "application/json" },
  });
  if (!response.ok) throw new StatusFetchError(response.status);
  return (await response.json()) as RequestStatus;
}

/**
 * A request's live status, starting from what the server rendered. The status route's event stream pushes
 * every change into the query (useStatusStream); while the stream is not connected the query polls by
 * state instead (pollIntervalFor), until a terminal state.
 */
export function useRequestStatus(orgSlug: string, requestId: string, initial: RequestStatus) {
  const queryKey = portalKeys.requestStatus(orgSlug, requestId);
  const stream = useStatusStream<RequestStatus>({
    url: requestStatusUrl(orgSlug, requestId),
    queryKey,
    enabled: !isTerminal(initial.state),
  });
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => fetchStatus(orgSlug, requestId, signal),
    initialData: initial,
    // The server render is the first data point; the stream (or polling) takes over from there.
    staleTime: 0,
    refetchInterval: (q) => (stream === "live" || stream === "ended" ? false : pollIntervalFor(q.state.data?.state)),
    // A 404 will not fix itself; a blip will.
    retry: (count, error) => !(error instanceof StatusFetchError && error.status === 404) && count < 3,
  });
  return { ...query, stream };
}
