// Bench 6 — Portal under load. 10k share requests over 500 organisations (bulk createMany, plus the demo
// world and one real provisioned request of the demo brand "acme"), `next start` on the .next-bench build on
// loopback, and autocannon on: the brand home, a request detail page, the manager queue (filtered, page 50)
// and the status endpoint the live view polls. Requests/s and p50/p95/p99 (from every response's time, not
// autocannon's fixed percentiles); non-2xx answers are counted and reported. Peak RSS of the web server is
// sampled throughout (bench/memory.ts reports it).
import "./lib/quiet-sdk";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { db } from "../lib/db";
import { approveAndProvision } from "../lib/provisioning/provision-commands";
import { startWorker } from "../lib/provisioning/worker";
import { freePort } from "../scripts/lib/free-port";
import { type Service } from "../scripts/lib/processes";
import { startWebService } from "../scripts/lib/local-stack";
import { BENCH_DIST_DIR, buildForBench, hasBenchBuild } from "./bundle";
import { accountManagerId, brandWithRequest, waitForStates } from "./lib/fixtures";
import { table } from "./lib/markdown";
import { isMain, main, numberFlag, type BenchBody } from "./lib/run";
import { RssSampler, type RssReport } from "./lib/rss";
import { startBenchWorld, stopBenchPostgres } from "./lib/stack";
import { fmt, quantile, summarize } from "./lib/stats";

let cleanup: (() => Promise<void>)[] = [];
const STATES = [
  "PENDING_APPROVAL",
  "APPROVED",
  "PROVISIONING",
  "ACTIVE",
  "ACTIVE",
  "ACTIVE",
  "REVOKED",
  "REJECTED",
  "CANCELLED",
  "FAILED",
] as const;
const REGIONS = ["AWS_US_EAST_1", "AWS_EU_CENTRAL_1", "AWS_US_WEST_2"];

/** 500 organisations × 20 requests (workspace and dataset rows included), in chunked createMany calls. */
async function seedVolume(orgCount: number, perOrg: number, managerId: string): Promise<number> {
  const datasets = await db.dataset.findMany({ select: { id: true } });
  const tag = randomBytes(3).toString("hex");
  const owner = await db.user.create({ data: { email: `bulk-owner-${tag}@bench.example`, name: "Bulk Owner" } });
  const orgs = Array.from({ length: orgCount }, (_, i) => ({
    id: `bo_${tag}_${i}`,
    slug: `bulk-${tag}-${i}`,
    name: `Bulk Brand ${i}`,
  }));
  const workspaces = orgs.map((o, i) => ({
    id: `bw_${tag}_${i}`,
    organizationId: o.id,
    name: "Main",
    region: REGIONS[i % 2],
    lakeWorkspaceId: `lw${tag}${i}`,
  }));
  const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>, size = 2000) => {
    for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
  };
  await chunk(orgs, (part) => db.organization.createMany({ data: part }));
  await chunk(workspaces, (part) => db.workspace.createMany({ data: part }));
  await chunk(
    orgs.map((o) => ({ userId: owner.id, organizationId: o.id, role: "OWNER" as const })),
    (part) => db.membership.createMany({ data: part }),
  );
  await chunk(
    orgs.flatMap((o) => datasets.map((d) => ({ organizationId: o.id, datasetId: d.id }))),
    (part) => db.organizationDataset.createMany({ data: part }),
  );
  const now = Date.now();
  const requests = orgs.flatMap((o, i) =>
    Array.from({ length: perOrg }, (_, j) => {
      const n = i * perOrg + j;
      const consumerRegion = REGIONS[n % 3];
      const state = STATES[n % STATES.length];
      const decided = state !== "PENDING_APPROVAL" && state !== "CANCELLED";
      const createdAt = new Date(now - ((n * 7919) % (60 * 86_400_000)));
      return {
        id: `br_${tag}_${n}`,
        organizationId: o.id,
        requestedById: owner.id,
        consumerAccount: `BULK${i}.ACCOUNT${j}`,
        consumerRegion,
        lakeRegion: workspaces[i].region,
        crossRegion: consumerRegion !== workspaces[i].region,
        state,
        // The schema's checks: a decision has its decider and time, a rejection its reason.
        decidedById: decided ? managerId : null,
        decidedAt: decided ? createdAt : null,
        decisionReason: state === "REJECTED" ? "Bulk benchmark data" : null,
        createdAt,
      };
    }),
  );
  await chunk(requests, (part) => db.shareRequest.createMany({ data: part }));
  await chunk(
    requests.map((r, n) => ({
      requestId: r.id,
      organizationId: r.organizationId,
      workspaceId: workspaces[Math.floor(n / perOrg)].id,
    })),
    (part) => db.shareRequestWorkspace.createMany({ data: part }),
  );
  await chunk(
    requests.map((r, n) => ({ requestId: r.id, datasetId: datasets[n % datasets.length].id })),
    (part) => db.shareRequestDataset.createMany({ data: part }),
  );
  return requests.length;
}

async function signIn(baseUrl: string, email: string): Promise<string> {
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

/** The `after` cursor that opens page `page` of the queue for these URL params, walked with the queue's own read model. */
async function queueCursor(
  params: Record<string, string>,
  viewerId: string,
  page: number,
): Promise<{ after: string | null; page: number }> {
  const { listRequestQueue } = await import("../lib/console/queue");
  const { parseQueueParams } = await import("../lib/console/queue-filters");
  const parsed = parseQueueParams(params);
  let after: string | null = null;
  for (let p = 1; p < page; p++) {
    const result = await listRequestQueue({ filters: parsed, position: { after, before: null }, viewerId });
    if (!result.nextCursor) return { after, page: p };
    after = result.nextCursor;
  }
  return { after, page };
}

type Target = { name: string; path: string; cookie: string };
type Load = {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
};

function load(baseUrl: string, target: Target, seconds: number, connections: number): Promise<Load> {
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

export type PortalData = {
  targets: Record<string, { path: string; probeStatus: number; runs: Load[] }>;
  webRss: RssReport | null;
  seeded: number;
};

export const portalBench: BenchBody = async (options, notes) => {
  const orgCount = numberFlag(options, "orgs", options.quick ? 50 : 500);
  const perOrg = numberFlag(options, "requests-per-org", 20);
  const seconds = numberFlag(options, "duration", options.quick ? 2 : 5);
  const connections = numberFlag(options, "connections", 10);
  const reps = options.flags.reps !== undefined ? options.reps : options.quick ? 1 : 3;

  const world = await startBenchWorld("portal", { latencyMs: 0 });
  cleanup.push(() => world.emulator.stop());
  let buildSeconds: number | null = null;
  // Reuses .next-bench (the bundle bench builds it just before in a full run); --fresh-build rebuilds.
  if (!hasBenchBuild() || options.flags["fresh-build"] !== undefined)
    buildSeconds = await buildForBench({ DATABASE_URL: world.databaseUrl });
  else if (!options.reuseBuild)
    notes.push(`portal: reused the existing ${BENCH_DIST_DIR} build (pass --fresh-build to rebuild)`);

  const seedStarted = Date.now();
  const managerId = await accountManagerId();
  const seeded = await seedVolume(orgCount, perOrg, managerId);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  // One real request of the demo brand, provisioned by the real worker: the detail page and status endpoint show it.
  const worker = await startWorker({ concurrency: 1, log: () => {} });
  const acme = await brandWithRequest("bportal", {
    lakeRegion: "AWS_US_EAST_1",
    consumerAccount: "ACMERETAIL.ANALYTICS",
    consumerRegion: "AWS_US_EAST_1",
    datasetKeys: ["changelogs"],
    includePii: false,
  });
  await approveAndProvision({ requestId: acme.requestId, approverId: managerId });
  await waitForStates([acme.requestId], ["ACTIVE", "FAILED"], 60_000);
  await worker.stop();
  // The request lives in a fresh brand; make the demo owner a member so the brand pages open for her too.
  const owner = await db.user.findUniqueOrThrow({ where: { email: "olivia@acme.example" } });
  await db.membership.create({ data: { userId: owner.id, organizationId: acme.organizationId, role: "OWNER" } });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const web: Service = await startWebService(
    "production",
    port,
    {
      NODE_OPTIONS: undefined, // not the bench's react-server condition: next start sets up its own
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      DATABASE_URL: world.databaseUrl,
      SNOWFLAKE_ACCESS_URL: world.emulator.url,
      NODE_ENV: "production",
      FLOE_DEMO_LOGIN: "1",
      NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-for-next-auth",
      NEXTAUTH_URL: baseUrl,
    },
    true,
  );
  cleanup.unshift(() => web.stop());
  const rss = new RssSampler("web", () => web.child.pid).start();

  const brandCookie = await signIn(baseUrl, "olivia@acme.example");
  const managerEmail = (await db.user.findUniqueOrThrow({ where: { id: managerId } })).email;
  const managerCookie = await signIn(baseUrl, managerEmail);
  const queueParams = { state: "all", region: "AWS_US_EAST_1" };
  let after: string | null = null;
  try {
    const reached = await queueCursor(queueParams, managerId, 50);
    after = reached.after;
    if (reached.page < 50)
      notes.push(`portal: the filtered queue has only ${reached.page} pages; measured its last page`);
  } catch (error) {
    notes.push(
      `portal: could not compute the page-50 cursor with lib/console/queue (${(error as Error).message}); measured page 1`,
    );
  }
  const queuePath = `/console?${new URLSearchParams({ ...queueParams, ...(after ? { after } : {}) })}`;
  const targets: Target[] = [
    { name: "brand home", path: `/o/${acme.slug}`, cookie: brandCookie },
    { name: "request detail", path: `/o/${acme.slug}/requests/${acme.requestId}`, cookie: brandCookie },
    { name: "manager queue (region filter, page 50)", path: queuePath, cookie: managerCookie },
    {
      name: "status endpoint (live view poll)",
      path: `/api/orgs/${acme.slug}/requests/${acme.requestId}/status`,
      cookie: brandCookie,
    },
  ];

  const data: PortalData = { targets: {}, webRss: null, seeded };
  const rows: string[][] = [];
  for (const target of targets) {
    const probe = await fetch(baseUrl + target.path, { headers: { cookie: target.cookie }, redirect: "manual" });
    await probe.arrayBuffer();
    data.targets[target.name] = { path: target.path, probeStatus: probe.status, runs: [] };
    if (probe.status !== 200) {
      notes.push(
        `portal: ${target.name} (${target.path}) answered HTTP ${probe.status}; not load-tested${probe.status === 404 ? " (route missing?)" : ""}`,
      );
      rows.push([target.name, `HTTP ${probe.status}`, "–", "–", "–", "–", "–"]);
      continue;
    }
    await load(baseUrl, target, 1, connections); // warm-up
    for (let i = 0; i < reps; i++)
      data.targets[target.name].runs.push(await load(baseUrl, target, seconds, connections));
    const runs = data.targets[target.name].runs;
    const non2xx = runs.reduce((s, r) => s + r.non2xx + r.errors, 0);
    rows.push([
      target.name,
      "200",
      fmt(summarize(runs.map((r) => r.rps)), 0),
      fmt(summarize(runs.map((r) => r.p50)), 0),
      fmt(summarize(runs.map((r) => r.p95)), 0),
      fmt(summarize(runs.map((r) => r.p99)), 0),
      String(non2xx),
    ]);
    process.stdout.write(`  ${target.name}: ${rows[rows.length - 1].slice(2).join(" | ")}\n`);
  }
  data.webRss = rss.stop();
  const markdown = [
    `### Portal under load (${seeded} requests over ${orgCount} organisations + demo world; next start on loopback; ${connections} connections × ${seconds} s, ${reps} reps, median (min–max))`,
    "",
    table(["target", "probe", "req/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx/errors"], rows),
    "",
    `Paths: ${targets.map((t) => `${t.name} \`${t.path}\``).join("; ")}. Bulk seed took ${seedSeconds.toFixed(1)} s${buildSeconds !== null ? `; build ${buildSeconds} s` : ""}. Web server peak RSS ${data.webRss.peakTreeRssMb} MB.`,
    "",
  ].join("\n");
  return { title: "Portal under load", settings: { orgCount, perOrg, seconds, connections, reps }, data, markdown };
};

export async function stopPortalBench() {
  for (const fn of cleanup) await fn().catch(() => {});
  cleanup = [];
}

if (isMain(import.meta.url)) {
  await main("portal", portalBench, async () => {
    await stopPortalBench();
    await stopBenchPostgres();
  });
}
