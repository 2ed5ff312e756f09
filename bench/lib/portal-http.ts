// The portal bench's HTTP side: the demo sign-in (a session cookie), one page view at a time (status, bytes,
// the SQL statements the server sent for it, from its FLOE_BENCH_QUERY_COUNT_FILE) and autocannon load
// (requests/s and p50/p95/p99 from every response's time).
import fs from "node:fs";
import autocannon from "autocannon";
import { quantile } from "./stats";

export async function signIn(baseUrl: string, email: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const answer = await fetch(`${baseUrl}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, json: "true", callbackUrl: baseUrl }).toString(),
  });
  const session = answer.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => /session-token=/.test(c));
  if (!session) throw new Error(`demo sign-in as ${email} gave no session cookie (HTTP ${answer.status})`);
  return session;
}

export type Target = { name: string; path: string; cookie: string; limits: { queries: number; kB?: number } };
export type Load = {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
};

export function load(baseUrl: string, target: Target, seconds: number, connections: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const statuses: Record<string, number> = {};
    const instance = autocannon(
      { url: baseUrl + target.path, connections, duration: seconds, headers: { cookie: target.cookie } },
      (error: Error | null, result: autocannon.Result) => {
        if (error) return reject(error);
        times.sort((a, b) => a - b);
        resolve({
          requests: result.requests.total,
          rps: result.requests.total / seconds,
          p50: quantile(times, 0.5),
          p95: quantile(times, 0.95),
          p99: quantile(times, 0.99),
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          statuses,
        });
      },
    );
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

/** Statements the server sent to PostgreSQL so far (its FLOE_BENCH_QUERY_COUNT_FILE). */
function serverQueries(countFile: string): number {
  return fs.existsSync(countFile) ? Number(fs.readFileSync(countFile, "utf8")) : 0;
}

export type Probe = { status: number; bytes: number; queries: number[] };

/** One page view at a time (nothing else in flight): its status, its bytes and the statements it cost. */
export async function probe(baseUrl: string, target: Target, countFile: string, views = 3): Promise<Probe> {
  const result: Probe = { status: 0, bytes: 0, queries: [] };
  for (let i = 0; i <= views; i++) {
    const before = serverQueries(countFile);
    const answer = await fetch(baseUrl + target.path, { headers: { cookie: target.cookie }, redirect: "manual" });
    const body = await answer.arrayBuffer();
    // The first view warms the server's caches (route modules, the auth secret); it is not counted.
    if (i > 0) result.queries.push(serverQueries(countFile) - before);
    result.status = answer.status;
    result.bytes = body.byteLength;
    // BENCH_SAVE_BODIES=<dir>: keep the last view's body, to see what a page's bytes are made of.
    if (process.env.BENCH_SAVE_BODIES) {
      fs.mkdirSync(process.env.BENCH_SAVE_BODIES, { recursive: true });
      const file = `${target.name.replace(/[^a-z0-9]+/gi, "-")}.${answer.headers.get("content-type")?.includes("json") ? "json" : "html"}`;
      fs.writeFileSync(`${process.env.BENCH_SAVE_BODIES}/${file}`, Buffer.from(body));
    }
    if (answer.status !== 200) break;
  }
  return result;
}
