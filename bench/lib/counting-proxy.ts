// A loopback HTTP proxy in front of the emulator that counts every request snowflake-sdk makes, by kind.
// The emulator's query log sees statements; this sees round trips, including the ones that carry no
// statement (result fetches of multi-statement children, logins, token renewals, telemetry).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type RequestKind = "login" | "query" | "result" | "monitoring" | "abort" | "session" | "telemetry" | "other";
export type ProxyCounts = Record<RequestKind, number>;

function kindOf(pathname: string): RequestKind {
  if (pathname.startsWith("/session/v1/login-request")) return "login";
  if (pathname.startsWith("/queries/v1/query-request")) return "query";
  if (pathname.startsWith("/queries/v1/abort-request")) return "abort";
  if (/^\/queries\/[^/]+\/result/.test(pathname)) return "result";
  if (pathname.startsWith("/monitoring/")) return "monitoring";
  if (pathname.startsWith("/telemetry/")) return "telemetry";
  if (pathname.startsWith("/session")) return "session";
  return "other";
}

const zero = (): ProxyCounts => ({
  login: 0,
  query: 0,
  result: 0,
  monitoring: 0,
  abort: 0,
  session: 0,
  telemetry: 0,
  other: 0,
});

export type CountingProxy = {
  url: string;
  counts(): ProxyCounts;
  /**
   * Dependent round trips since the last reset: requests that paid the latency, grouped into waves — a request
   * that starts while another is still open rides in that one's wave (sent side by side), one that starts after
   * every earlier one ended waited for them and opens a new wave.
   */
  dependentRoundTrips(): number;
  reset(): void;
  close(): Promise<void>;
};

/**
 * `resultFetchLatencyMs` delays result fetches (GET /queries/<id>/result), which the emulator answers at once:
 * against real Snowflake each is a network round trip, so this shows what they would add.
 */
export async function startCountingProxy(
  targetUrl: string,
  options: { resultFetchLatencyMs?: number } = {},
): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  let counts = zero();
  let spans: { start: number; end: number }[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://proxy");
    const kind = kindOf(url.pathname);
    if (!url.pathname.startsWith("/__emulator")) {
      counts[kind]++;
      if (kind !== "other") {
        const span = { start: performance.now(), end: Infinity };
        spans.push(span);
        res.on("close", () => (span.end = performance.now()));
      }
    }
    const delayMs = kind === "result" ? (options.resultFetchLatencyMs ?? 0) : 0;
    if (delayMs > 0) req.pause();
    setTimeout(() => forward(req, res), delayMs);
  });
  function forward(req: http.IncomingMessage, res: http.ServerResponse) {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(String(error));
    });
    req.pipe(upstream);
    req.resume();
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    dependentRoundTrips: () => {
      let waves = 0;
      let openUntil = -Infinity;
      for (const span of [...spans].sort((a, b) => a.start - b.start)) {
        if (span.start >= openUntil) waves++;
        openUntil = Math.max(openUntil, span.end);
      }
      return waves;
    },
    reset: () => {
      counts = zero();
      spans = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
