// The live pages' cache (request status, console runs): what React Query did for them, in the ~2 kB they
// use of it (React Query cost the request pages ~10 kB gzip of first-load JS; README, Performance → Bundle).
// Entries are keyed by an array (lib/portal/query-keys.ts, lib/console/query-keys.ts); `invalidate` takes a
// prefix of keys, as React Query's invalidateQueries did. Every write and every fetch takes a new ticket:
// a fetch's answer is kept only if nothing was written or fetched after it started, so a poll that was in
// flight when the event stream pushed a newer status can never overwrite it (the race of
// e2e/live-status.spec.ts "runs panel follows approval to Active live").

export type LiveKey = readonly unknown[];
export type LiveSnapshot<T> = { data: T | undefined; error: Error | null };
export type Fetcher<T> = (signal: AbortSignal) => Promise<T>;

type Entry = {
  key: LiveKey;
  snapshot: LiveSnapshot<unknown>;
  ticket: number;
  inFlight: AbortController | null;
  listeners: Set<() => void>;
  /** Set while a component follows the entry: how it fetches (with its retries). */
  refetch: (() => Promise<void>) | null;
};

const RETRY_DELAY_MAX_MS = 30_000;

export class LiveStore {
  private readonly entries = new Map<string, Entry>();

  private entry(key: LiveKey): Entry {
    const id = JSON.stringify(key);
    let found = this.entries.get(id);
    if (!found) {
      found = {
        key,
        snapshot: { data: undefined, error: null },
        ticket: 0,
        inFlight: null,
        listeners: new Set(),
        refetch: null,
      };
      this.entries.set(id, found);
    }
    return found;
  }

  private write(entry: Entry, snapshot: LiveSnapshot<unknown>) {
    entry.snapshot = snapshot;
    for (const listener of entry.listeners) listener();
  }

  /** The current data and last error (one object per change, for useSyncExternalStore). */
  get<T>(key: LiveKey): LiveSnapshot<T> {
    return this.entry(key).snapshot as LiveSnapshot<T>;
  }

  /** Seeds an entry with the server-rendered data, unless it already has data. */
  seed<T>(key: LiveKey, data: T) {
    const entry = this.entry(key);
    if (entry.snapshot.data === undefined) entry.snapshot = { data, error: null };
  }

  subscribe(key: LiveKey, listener: () => void): () => void {
    const entry = this.entry(key);
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** Data pushed from elsewhere (the event stream): it wins over any fetch already in flight. */
  set<T>(key: LiveKey, data: T) {
    const entry = this.entry(key);
    entry.ticket += 1;
    entry.inFlight?.abort();
    entry.inFlight = null;
    this.write(entry, { data, error: null });
  }

  /** Whether a fetch of this entry is running. */
  fetching(key: LiveKey): boolean {
    return this.entry(key).inFlight !== null;
  }

  /**
   * Fetches once (replacing a fetch in flight) and stores the answer if it is still the newest. Resolves
   * to "stored", "superseded" (something newer arrived meanwhile) or throws the fetch's error (the entry
   * keeps its data; `fail` records the error once the caller gives up retrying).
   */
  async fetch<T>(key: LiveKey, fetcher: Fetcher<T>): Promise<"stored" | "superseded"> {
    const entry = this.entry(key);
    entry.inFlight?.abort();
    const controller = new AbortController();
    entry.inFlight = controller;
    const ticket = ++entry.ticket;
    try {
      const data = await fetcher(controller.signal);
      if (entry.ticket !== ticket) return "superseded";
      this.write(entry, { data, error: null });
      return "stored";
    } catch (error) {
      if (entry.ticket !== ticket || controller.signal.aborted) return "superseded";
      throw error;
    } finally {
      if (entry.inFlight === controller) entry.inFlight = null;
    }
  }

  /** Records that fetching gave up with this error (the data stays: the page shows the last known state). */
  fail(key: LiveKey, error: Error) {
    const entry = this.entry(key);
    this.write(entry, { data: entry.snapshot.data, error });
  }

  /** Lets `invalidate` refetch an entry while a component follows it; returns the undo. */
  follow(key: LiveKey, refetch: () => Promise<void>): () => void {
    const entry = this.entry(key);
    entry.refetch = refetch;
    return () => {
      if (entry.refetch === refetch) entry.refetch = null;
      entry.inFlight?.abort();
      entry.inFlight = null;
    };
  }

  /** Refetches every followed entry whose key starts with `prefix` (after an action changed the data). */
  async invalidate(prefix: LiveKey): Promise<void> {
    const startsWith = (key: LiveKey) =>
      prefix.length <= key.length && prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]));
    await Promise.all(
      [...this.entries.values()].filter((e) => e.refetch && startsWith(e.key)).map((e) => e.refetch!()),
    );
  }
}

/**
 * Fetches with retries: after the n-th failure waits min(1 s × 2^n, 30 s) and tries again while
 * `retry(n, error)` says so (React Query's default delays), then records the error.
 */
export async function fetchWithRetry<T>(
  store: LiveStore,
  key: LiveKey,
  fetcher: Fetcher<T>,
  retry: (failures: number, error: Error) => boolean,
  isStopped: () => boolean,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  for (let failures = 0; ;) {
    try {
      await store.fetch(key, fetcher);
      return;
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      failures += 1;
      if (isStopped()) return;
      if (!retry(failures - 1, error)) {
        store.fail(key, error);
        return;
      }
      await wait(Math.min(1_000 * 2 ** (failures - 1), RETRY_DELAY_MAX_MS));
      if (isStopped()) return;
    }
  }
}
