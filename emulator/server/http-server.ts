// The HTTP front: routing, the guards of /__emulator/ (loopback, no browser, the admin token), the one place every
// Snowflake request is counted by kind and pays the injected latency, and the last line of defence that turns
// any unexpected exception into an answer (never a crash, never a hung client).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { hasAdminToken, isBrowserRequest } from "./admin-token";
import type { RequestKind } from "./concurrency";
import { handleAdmin } from "./routes-admin";
import { handleLogin } from "./routes-login";
import { handleQuery } from "./routes-query";
import { handleAbort, handleMonitoring, handleResult } from "./routes-results";
import { handleHeartbeat, handleSessionDelete, handleTelemetry, handleTokenRequest } from "./routes-session";
import { BadRequest, delay, isLoopback, type RequestContext } from "./request";
import type { ServerState } from "./state";
import { applyTransportFault } from "./transport-faults";
import { failure, sendJson } from "./wire";

type Handler = (state: ServerState, rc: RequestContext, id: string) => Promise<void>;

const UUID = "([0-9a-fA-F-]{36})";
const routes: [method: string, path: RegExp, kind: RequestKind, handler: Handler][] = [
  ["POST", /^\/session\/v1\/login-request$/, "login", handleLogin],
  ["POST", /^\/session\/token-request$/, "token", handleTokenRequest],
  ["POST", /^\/session\/heartbeat$/, "session", handleHeartbeat],
  ["POST", /^\/session$/, "session", handleSessionDelete],
  ["POST", /^\/telemetry\/send$/, "telemetry", handleTelemetry],
  ["POST", /^\/queries\/v1\/query-request$/, "query", handleQuery],
  ["POST", /^\/queries\/v1\/abort-request$/, "abort", (s, rc) => handleAbort(s, rc, null)],
  ["POST", new RegExp(`^/queries/${UUID}/abort-request$`), "abort", handleAbort],
  ["GET", new RegExp(`^/queries/${UUID}/result$`), "result", handleResult],
  ["GET", new RegExp(`^/monitoring/queries/${UUID}$`), "monitoring", handleMonitoring],
];

/** Query and login rules look at the body (SQL text, login account), so those routes match them themselves. */
const RULES_MATCHED_BY_ROUTE: ReadonlySet<RequestKind> = new Set(["query", "login"]);

/**
 * Every request to a Snowflake endpoint pays the network, as every HTTPS request to real Snowflake does: counted by
 * kind, then delayed by the injected latency before its route runs. A query request is in the concurrency probe
 * for its whole life, latency included (a slow network keeps a statement in flight), so the probe is entered here.
 * Fault rules for the other kinds (result, monitoring, token, session, abort, telemetry) are applied here too.
 */
async function payNetworkThenRun(
  state: ServerState,
  rc: RequestContext,
  kind: RequestKind,
  run: () => Promise<void>,
): Promise<void> {
  state.concurrency.count(kind);
  const auth = state.sessions.authenticate(rc.req.headers.authorization);
  const session = "session" in auth ? auth.session : null;
  const leave = kind === "query" && session ? state.concurrency.enter(session.context.accountLocator) : () => {};
  try {
    await delay(state.faults.latencyMs, rc.signal);
    if (!RULES_MATCHED_BY_ROUTE.has(kind)) {
      const accounts = session ? [session.context.accountLocator, session.loginAccount] : [];
      const rule = state.faults.take({ target: kind, accounts });
      if (await applyTransportFault(rule, rc)) return;
      if (rule?.kind === "latency") await delay(rule.ms, rc.signal);
      if (rule?.kind === "snowflake_error") return sendJson(rc.res, 200, failure(rule.code, rule.message));
    }
    await run();
  } finally {
    leave();
  }
}

export type HttpFront = { server: Server; inFlight: Set<ServerResponse> };

export function createHttpServer(
  state: ServerState,
  health: () => Record<string, unknown>,
  adminToken: string,
): HttpFront {
  const inFlight = new Set<ServerResponse>();

  async function dispatch(req: IncomingMessage, res: ServerResponse, rc: RequestContext): Promise<void> {
    const path = rc.url.pathname;
    if (path === "/__emulator" || path.startsWith("/__emulator/")) {
      if (!isLoopback(req.socket.remoteAddress)) {
        return sendJson(res, 403, { error: "the emulator admin API answers loopback clients only" });
      }
      if (isBrowserRequest(req.headers)) {
        return sendJson(res, 403, {
          error: "the emulator admin API refuses requests from a browser (Origin / Sec-Fetch-* headers)",
        });
      }
      const authorized = hasAdminToken(req.headers.authorization, adminToken);
      // Health answers without the token (scripts wait on it before reading the token file), with nothing else.
      if (!authorized && req.method === "GET" && /^\/__emulator\/health\/?$/.test(path))
        return sendJson(res, 200, { ok: true });
      if (!authorized) {
        return sendJson(res, 401, {
          error:
            "the emulator admin API needs `Authorization: Bearer <token>`: the token printed at start, also in <data dir>/admin-token",
        });
      }
      return handleAdmin(state, rc, { health });
    }
    for (const [method, pattern, kind, handler] of routes) {
      const match = pattern.exec(path);
      if (match && req.method === method) return payNetworkThenRun(state, rc, kind, () => handler(state, rc, match[1]));
    }
    sendJson(res, 404, {
      data: null,
      code: null,
      success: false,
      message: `The Floe Snowflake emulator does not implement ${req.method} ${path}.`,
    });
  }

  const server = createServer((req, res) => {
    inFlight.add(res);
    const abort = new AbortController();
    // Client gone or server closing: hanging/delayed work stops waiting.
    res.on("close", () => {
      inFlight.delete(res);
      abort.abort();
    });
    const onClosing = () => abort.abort();
    state.closing.addEventListener("abort", onClosing, { once: true });
    res.on("close", () => state.closing.removeEventListener("abort", onClosing));

    const rc: RequestContext = {
      req,
      res,
      url: new URL(req.url ?? "/", "http://emulator.local"),
      signal: abort.signal,
    };
    dispatch(req, res, rc).catch((error: unknown) => {
      if (error instanceof BadRequest)
        return sendJson(res, 400, { success: false, message: error.message, error: error.message });
      state.log.error(`unhandled error on ${req.method} ${rc.url.pathname}`, error);
      // HTTP 200 + success:false so the SDK surfaces it instead of retrying an internal bug.
      sendJson(res, 200, {
        data: null,
        code: "000603",
        message: "SQL execution internal error: emulator failure (see emulator log).",
        success: false,
        headers: null,
      });
    });
  });
  // Keep-alive connections from the SDK's agent must not hold close() open.
  server.keepAliveTimeout = 5_000;
  return { server, inFlight };
}
