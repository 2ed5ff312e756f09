import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import type { StatusHub } from "./status-notifications";

// A server-sent event stream of one request's live status, for a route handler that has already
// authorized the caller (lib/auth/route-guards). It sends the current status at once, then again after
// every notification that the request changed — re-read through `load`, which carries the tenant, after
// `authorize` confirmed the caller may still read it (a signed-out session, a removed membership or a
// withdrawn staff role ends the stream at the next event). Unchanged reads send nothing.
//
// Bounds: one stream per open page, at most LIVE_STREAM_LIMITS.perUser per user and .perProcess in all
// (429 beyond: the page falls back to polling); a comment line every heartbeatMs so proxies and load
// balancers do not cut an idle stream; closed after maxAgeMs so the browser reconnects through the route's
// authorization again; closed after a settled status (nothing changes there without someone acting).

export const LIVE_STREAM_LIMITS = { perProcess: 500, perUser: 10, heartbeatMs: 15_000, maxAgeMs: 5 * 60_000 };

export const EVENT_STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store, no-transform",
  Connection: "keep-alive",
  // nginx and similar proxies buffer responses unless told not to; a buffered stream is no stream.
  "X-Accel-Buffering": "no",
} as const;

/** Whether the caller asked for the stream (EventSource sends this Accept header) rather than one JSON answer. */
export function wantsEventStream(request: Request): boolean {
  return (request.headers.get("accept") ?? "").toLowerCase().includes("text/event-stream");
}

// On globalThis: each route handler is bundled on its own, and both routes' streams count against one bound.
const counters = ((
  globalThis as unknown as { floeLiveStreams?: { total: number; perUser: Map<string, number> } }
).floeLiveStreams ??= { total: 0, perUser: new Map() });
const openPerUser = counters.perUser;

export type StatusStreamOptions<T> = {
  request: Request;
  hub: StatusHub;
  /** The request whose notifications drive the stream. */
  requestId: string;
  /** Whose stream it is, for the per-user bound. */
  userId: string;
  /** Is the caller still allowed? Checked before every read. */
  authorize: () => Promise<boolean>;
  /** The status as the JSON route would answer it (tenant in the query); null when gone. */
  load: () => Promise<T | null>;
  /** A status after which nothing moves without someone acting: sent, then the stream ends. */
  settled: (status: T) => boolean;
  limits?: Partial<typeof LIVE_STREAM_LIMITS>;
};

export function openStatusStream<T>(options: StatusStreamOptions<T>): Response {
  const limits = { ...LIVE_STREAM_LIMITS, ...options.limits };
  const mine = openPerUser.get(options.userId) ?? 0;
  if (counters.total >= limits.perProcess || mine >= limits.perUser) {
    throw new AppError("RATE_LIMITED", "Too many live views are open; this page refreshes by polling instead.");
  }
  counters.total += 1;
  openPerUser.set(options.userId, mine + 1);

  const encoder = new TextEncoder();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    counters.total -= 1;
    const left = (openPerUser.get(options.userId) ?? 1) - 1;
    if (left <= 0) openPerUser.delete(options.userId);
    else openPerUser.set(options.userId, left);
  };
  let stop = release;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      let lastSent = "";
      let reading = false;
      let again = false;
      const timers: NodeJS.Timeout[] = [];
      let unsubscribe = () => {};

      const write = (text: string) => {
        if (done) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const finish = (final?: string) => {
        if (done) return;
        if (final) write(final);
        done = true;
        unsubscribe();
        for (const timer of timers) clearInterval(timer);
        options.request.signal.removeEventListener("abort", onAbort);
        release();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const onAbort = () => finish();
      stop = () => finish();

      // Reads never overlap: a notification during a read asks for one more read after it.
      const refresh = async () => {
        if (done) return;
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            if (!(await options.authorize())) return finish("event: gone\ndata: {}\n\n");
            const status = await options.load();
            if (!status) return finish("event: gone\ndata: {}\n\n");
            const json = JSON.stringify(status);
            if (json !== lastSent) {
              lastSent = json;
              write(`event: status\ndata: ${json}\n\n`);
            }
            if (options.settled(status)) return finish("event: end\ndata: {}\n\n");
          } while (again && !done);
        } catch (error) {
          logger.error(
            { component: "live-status", shareRequestId: options.requestId, err: error },
            "status stream failed",
          );
          // The browser reconnects (with backoff) or falls back to polling.
          finish();
        } finally {
          reading = false;
        }
      };

      unsubscribe = options.hub.subscribe(options.requestId, () => void refresh());
      options.request.signal.addEventListener("abort", onAbort);
      if (options.request.signal.aborted) return finish();
      // Tell EventSource how soon to come back if the connection drops; the page adds its own backoff.
      write("retry: 2000\n\n");
      timers.push(setInterval(() => write(": keep-alive\n\n"), limits.heartbeatMs));
      timers.push(setTimeout(() => finish("event: reconnect\ndata: {}\n\n"), limits.maxAgeMs));
      for (const timer of timers) timer.unref?.();
      // LISTEN first, then the first read: a change committed in between still triggers a re-read.
      options.hub.ready().then(
        () => void refresh(),
        (error: unknown) => {
          logger.error({ component: "live-status", err: error }, "cannot listen for status changes");
          finish();
        },
      );
    },
    // The client went away (the response body was cancelled).
    cancel() {
      stop();
    },
  });

  return new Response(body, { headers: EVENT_STREAM_HEADERS });
}

/** Streams open in this process (tests, health). */
export function openStreamCount(): number {
  return counters.total;
}
