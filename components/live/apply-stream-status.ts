import type { QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * Puts a status pushed by the event stream into the query cache. A poll that was already in flight (the page polls
 * while the stream connects) would otherwise land after it with an older read and overwrite it; once the stream
 * has sent its settled status and ended, nothing would correct that. So the in-flight fetch is cancelled first: the
 * pushed status, the newest read, wins.
 */
export function applyStreamStatus<T>(queryClient: QueryClient, queryKey: QueryKey, status: T): void {
  // Synchronous: cancel() settles the fetch's state before setQueryData writes the pushed one.
  void queryClient.cancelQueries({ queryKey, exact: true });
  queryClient.setQueryData(queryKey, status);
}
