import pg from "pg";
import { logger } from "@/lib/logger";

// PostgreSQL tells every web process when a request's live status changed: triggers on ShareRequest
// (state), ProvisioningRun (new run, state), ProvisioningStep (state, attempts) and AuditEvent (new event
// of a request) call pg_notify on STATUS_CHANNEL with the request id as the whole payload (migration
// 20261201120000_request_status_notify). Because the triggers sit on the tables, no writer can forget to
// announce a change: lib/requests' commands, the run executor's step updates and any future writer all do.
// NOTIFY reaches every connection that LISTENs to the database, so any number of web instances see every
// change, whichever process (worker, another web instance, a script) made it.
//
// One hub per process holds ONE listening connection, shared by every open status stream; streams
// subscribe by request id. The payload carries no data, so a stream re-reads (with its own tenant and
// authorization checks) on every notification. A notification lost while the connection is down cannot
// be replayed, so after a reconnect every subscriber is told to re-read.

export const STATUS_CHANNEL = "floe_request_status";

type Listener = () => void;

export type StatusHub = {
  /** Calls `listener` whenever `requestId` may have changed (and after a reconnect). Returns the unsubscribe. */
  subscribe(requestId: string, listener: Listener): () => void;
  /** Resolves once LISTEN is active (so a read made after it cannot miss a later change); rejects if the database cannot be reached. */
  ready(): Promise<void>;
  /** Open streams in this process (for the connection limit). */
  subscriberCount(): number;
  close(): Promise<void>;
};

/** The hub as createStatusHub makes it: also one subscription to every notification of its channel. */
export type ChannelHub = StatusHub & {
  /** Calls `listener` on every notification of the channel, whatever its payload (and after a reconnect). */
  subscribeAll(listener: Listener): () => void;
};

const RECONNECT_MIN_MS = 250;
/** The listener key of subscribeAll (payloads are ids: never this). */
const ALL = "\u0000all";
const RECONNECT_MAX_MS = 15_000;

/**
 * `channel`: STATUS_CHANNEL unless given — the same one-connection hub serves other notifications too (a worker
 * process listens to RUN_QUEUED_CHANNEL of lib/provisioning/queue.ts with it, to pick a new run up at once).
 */
export function createStatusHub(options: {
  connectionString: string;
  log?: (message: string) => void;
  channel?: string;
}): ChannelHub {
  const channel = options.channel ?? STATUS_CHANNEL;
  const listeners = new Map<string, Set<Listener>>();
  const log = options.log ?? ((message: string) => logger.warn({ component: "live-status" }, message));
  let client: pg.Client | null = null;
  let listening: Promise<void> | null = null;
  let closed = false;
  let backoff = RECONNECT_MIN_MS;
  let reconnectTimer: NodeJS.Timeout | null = null;

  function dispatch(requestId: string) {
    for (const listener of listeners.get(requestId) ?? []) listener();
    for (const listener of listeners.get(ALL) ?? []) listener();
  }

  function everyone() {
    for (const set of listeners.values()) for (const listener of set) listener();
  }

  function connect(): Promise<void> {
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: "floe-live-status",
      keepAlive: true,
    });
    client = next;
    const attempt = (async () => {
      await next.connect();
      next.on("notification", (message) => {
        if (message.channel === channel && message.payload) dispatch(message.payload);
      });
      await next.query(`LISTEN ${channel}`);
    })();
    next.on("error", (error) => lost(next, error));
    next.on("end", () => lost(next, new Error("connection ended")));
    return attempt.then(
      () => {
        const wasReconnect = backoff > RECONNECT_MIN_MS;
        backoff = RECONNECT_MIN_MS;
        // Anything that changed while we were not listening is caught by a re-read.
        if (wasReconnect) everyone();
      },
      (error: unknown) => {
        lost(next, error as Error);
        throw error;
      },
    );
  }

  function lost(which: pg.Client, error: Error) {
    if (client !== which || closed) return;
    client = null;
    listening = null;
    which.end().catch(() => undefined);
    if (listeners.size === 0) return;
    log(`listening connection lost (${error.message}); reconnecting in ${backoff} ms`);
    const delay = backoff;
    backoff = Math.min(backoff * 2, RECONNECT_MAX_MS);
    reconnectTimer ??= setTimeout(() => {
      reconnectTimer = null;
      if (!closed && !listening && listeners.size > 0) listening = connect().catch(() => undefined);
    }, delay);
    reconnectTimer.unref?.();
  }

  function ensure(): Promise<void> {
    if (closed) return Promise.reject(new Error("The live status hub is closed"));
    listening ??= connect();
    return listening;
  }

  const hub: ChannelHub = {
    subscribe(requestId, listener) {
      let set = listeners.get(requestId);
      if (!set) listeners.set(requestId, (set = new Set()));
      set.add(listener);
      void ensure().catch(() => undefined);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(requestId);
      };
    },
    subscribeAll(listener) {
      return hub.subscribe(ALL, listener);
    },
    ready: ensure,
    subscriberCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      listeners.clear();
      const current = client;
      client = null;
      listening = null;
      await current?.end().catch(() => undefined);
    },
  };
  return hub;
}
