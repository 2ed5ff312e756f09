"use client";

import { useEffect, useState } from "react";
import type { LiveKey } from "./live-store";
import { useLiveStore } from "./use-live-query";

// Keeps a LiveStore entry up to date from a server-sent event stream (lib/live/status-event-stream.ts):
// every `status` event replaces the cached data (and wins over a poll in flight), so components keep reading
// the entry as before. While the stream is down the caller polls (useLiveQuery's interval) and the hook reconnects with exponential backoff
// (1 s, 2 s, 4 s … 30 s, with jitter so many pages do not return in step). `end` means the status is
// settled: nothing more will come. `gone` means the caller may no longer read it: the poll then shows why.

export type StreamState = "connecting" | "live" | "fallback" | "ended";

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

export function useStatusStream<T>(options: { url: string; queryKey: LiveKey; enabled: boolean }): StreamState {
  const store = useLiveStore();
  const { url, enabled } = options;
  // Without EventSource (old browsers, the server render) the caller polls.
  const [state, setState] = useState<StreamState>(() =>
    !enabled ? "ended" : typeof EventSource === "undefined" ? "fallback" : "connecting",
  );
  // The key is rebuilt on every render; its JSON is what identifies it.
  const keyJson = JSON.stringify(options.queryKey);

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const queryKey = JSON.parse(keyJson) as LiveKey;
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
        store.set(queryKey, JSON.parse((event as MessageEvent<string>).data) as T);
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
  }, [url, enabled, keyJson, store]);

  return state;
}
