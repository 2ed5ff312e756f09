"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { applyStreamStatus } from "./apply-stream-status";

// Keeps a react-query entry up to date from a server-sent event stream (lib/live/status-event-stream.ts):
// every `status` event replaces the cached data, so components keep reading the query as before. While
// the stream is down the caller polls (refetchInterval) and the hook reconnects with exponential backoff
// (1 s, 2 s, 4 s … 30 s, with jitter so many pages do not return in step). `end` means the status is
// settled: nothing more will come. `gone` means the caller may no longer read it: the poll then shows why.

export type StreamState = "connecting" | "live" | "fallback" | "ended";

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

export function useStatusStream<T>(options: { url: string; queryKey: QueryKey; enabled: boolean }): StreamState {
  const queryClient = useQueryClient();
  const { url, enabled } = options;
  // Without EventSource (old browsers, the server render) the caller polls.
  const [state, setState] = useState<StreamState>(() =>
    !enabled ? "ended" : typeof EventSource === "undefined" ? "fallback" : "connecting",
  );
  // The key is rebuilt on every render; its JSON is what identifies it.
  const keyJson = JSON.stringify(options.queryKey);

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const queryKey = JSON.parse(keyJson) as QueryKey;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let stopped = false;

    const close = () => {
      source?.close();
      source = null;
    };
    const retryLater = () => {
      close();
      if (stopped) return;
      setState("fallback");
      const delay = Math.min(BACKOFF_MIN_MS * 2 ** failures, BACKOFF_MAX_MS);
      failures += 1;
      retryTimer = setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
    };
    function connect() {
      retryTimer = null;
      if (stopped) return;
      const next = new EventSource(url);
      source = next;
      next.addEventListener("status", (event) => {
        failures = 0;
        setState("live");
        applyStreamStatus(queryClient, queryKey, JSON.parse((event as MessageEvent<string>).data) as T);
      });
      next.addEventListener("end", () => {
        close();
        setState("ended");
      });
      next.addEventListener("gone", () => {
        close();
        stopped = true;
        setState("fallback");
      });
      // The server ends a stream after a while so that authorization runs again: come straight back.
      next.addEventListener("reconnect", () => {
        close();
        connect();
      });
      // EventSource would retry by itself, without backoff and without telling us: we do it instead.
      next.onerror = () => {
        if (source === next) retryLater();
      };
    }
    connect();
    return () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      close();
    };
  }, [url, enabled, keyJson, queryClient]);

  return state;
}
