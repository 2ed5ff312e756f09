"use client";

import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from "react";
import { fetchWithRetry, LiveStore, type Fetcher, type LiveKey } from "./live-store";

// The page's LiveStore (components/providers.tsx creates one per mounted page, never at module scope, so
// server renders of different users never share one).
export const LiveStoreContext = createContext<LiveStore | null>(null);

export function useLiveStore(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error("useLiveStore needs <Providers> around it");
  return store;
}

/**
 * An entry of the page's LiveStore, starting from what the server rendered: fetched once on mount (the
 * render may be a moment old), then every `interval(data)` ms while that is a number (false: not at all,
 * e.g. while the event stream pushes, or once the state is terminal). Failed fetches are retried while
 * `retry(failures, error)` allows; then `error` is set until a fetch succeeds (the data stays).
 */
export function useLiveQuery<T>(options: {
  key: LiveKey;
  fetcher: Fetcher<T>;
  initial: T;
  interval: (data: T) => number | false;
  retry: (failures: number, error: Error) => boolean;
}): { data: T; error: Error | null; isRefetchError: boolean } {
  const store = useLiveStore();
  const keyJson = JSON.stringify(options.key);
  store.seed(options.key, options.initial);
  const snapshot = useSyncExternalStore(
    (listener) => store.subscribe(JSON.parse(keyJson) as LiveKey, listener),
    () => store.get<T>(JSON.parse(keyJson) as LiveKey),
    () => store.get<T>(JSON.parse(keyJson) as LiveKey),
  );
  const data = snapshot.data ?? options.initial;
  // The latest fetcher and retry rule, without restarting the effects when the caller rebuilds them.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const key = JSON.parse(keyJson) as LiveKey;
    let stopped = false;
    const refetch = () =>
      fetchWithRetry(
        store,
        key,
        (signal) => latest.current.fetcher(signal),
        (failures, error) => latest.current.retry(failures, error),
        () => stopped,
      );
    const unfollow = store.follow(key, refetch);
    void refetch();
    return () => {
      stopped = true;
      unfollow();
    };
  }, [store, keyJson]);

  const every = options.interval(data);
  useEffect(() => {
    if (every === false) return;
    const key = JSON.parse(keyJson) as LiveKey;
    let stopped = false;
    const timer = setInterval(() => {
      // A fetch still running (slow answer, or retrying) is not doubled.
      if (!store.fetching(key))
        void fetchWithRetry(
          store,
          key,
          (signal) => latest.current.fetcher(signal),
          (failures, error) => latest.current.retry(failures, error),
          () => stopped,
        );
    }, every);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [store, keyJson, every]);

  return { data, error: snapshot.error, isRefetchError: snapshot.error !== null };
}
