// Bench 6 — Portal under load. 5,000 organisations (bulk createMany, plus the demo world and one real
// provisioned request of a demo brand), `next start` on the .next-bench build on loopback, measured at two
// volumes of the same organisations: 10k share requests, then 100k (`--scale 10k|100k` picks one). Per page
// — brand home, a request detail, the manager queue (filtered, page 50), the status endpoint the live view
// polls — it prints the SQL statements one page view sends (counted by the server on its pool,
// lib/db-query-counter.ts, through FLOE_BENCH_QUERY_COUNT_FILE: exact, not sampled), the bytes of one page
// view, and with autocannon at 1 and 10 connections requests/s and p50/p95/p99 (from every response's time).
// Before the first volume, with only 500 of the organisations seeded, the queue page's bytes are recorded
// too: a page whose size grows with the number of brands shows it there. Non-2xx answers are counted and
// reported. Peak RSS of the web server is sampled throughout (bench/memory.ts reports it).
// The bulk world is bench/lib/portal-world.ts, sign-in, probes and load bench/lib/portal-http.ts.
import "./lib/quiet-sdk";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { db } from "../lib/db";
import { approveAndProvision, waiveAndRelease } from "../lib/provisioning/provision-commands";
import { startWorker } from "../lib/provisioning/worker";
import { freePort } from "../scripts/lib/free-port";
import { type Service } from "../scripts/lib/processes";
import { startWebService } from "../scripts/lib/local-stack";
import { BENCH_DIST_DIR, buildForBench, hasBenchBuild } from "./bundle";
import { accountManagerId, brandWithRequest, waitForStates } from "./lib/fixtures";
import { table } from "./lib/markdown";
import { readPrevious, sideBySide } from "./lib/portal-compare";
import { load, probe, signIn, type Load, type Probe, type Target } from "./lib/portal-http";
import { seedOrganizations, seedRequests, type BulkWorld } from "./lib/portal-world";
import { isMain, main, numberFlag, readResult, tmpDir, type BenchBody } from "./lib/run";
import { RssSampler, type RssReport } from "./lib/rss";
import { startBenchWorld, stopBenchPostgres } from "./lib/stack";
import { fmt, summarize } from "./lib/stats";

let cleanup: (() => Promise<void>)[] = [];

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

type TargetResult = { path: string; probe: Probe; runs: Record<string, Load[]> };
export type PortalScale = { label: string; requests: number; targets: Record<string, TargetResult> };
export type PortalData = {
  scales: PortalScale[];
  /** Queue page 1 (region filter) bytes and statements with only the first 500 organisations seeded. */
  queueAt500: Probe | null;
  webRss: RssReport | null;
  seeded: number;
};

const SCALES = { "10k": 2, "100k": 20 } as const;

export const portalBench: BenchBody = async (options, notes) => {
  const orgCount = numberFlag(options, "orgs", 5000);
  const scaleFlag = options.flags.scale;
  const scales = (
    typeof scaleFlag === "string" ? [scaleFlag] : options.quick ? ["10k"] : Object.keys(SCALES)
  ) as (keyof typeof SCALES)[];
  for (const scale of scales)
    if (!(scale in SCALES)) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(", ")}`);
  const seconds = numberFlag(options, "duration", options.quick ? 2 : 5);
  const connectionCounts = [1, numberFlag(options, "connections", 10)];
  const reps = options.flags.reps !== undefined ? options.reps : options.quick ? 1 : 3;

  // The previous figures, printed beside this run's (--previous <file>, else the last bench/results/portal.json).
  const previousFlag = options.flags.previous;
  const previous = readPrevious(typeof previousFlag === "string" ? previousFlag : undefined, readResult("portal"));
  const world = await startBenchWorld("portal", { latencyMs: 0 });
  cleanup.push(() => world.emulator.stop());
  let buildSeconds: number | null = null;
  // Reuses .next-bench (the bundle bench builds it just before in a full run); --fresh-build rebuilds.
  if (!hasBenchBuild() || options.flags["fresh-build"] !== undefined)
    buildSeconds = await buildForBench({ DATABASE_URL: world.databaseUrl });
  else if (!options.reuseBuild)
    notes.push(`portal: reused the existing ${BENCH_DIST_DIR} build (pass --fresh-build to rebuild)`);

  const managerId = await accountManagerId();
  const tag = randomBytes(3).toString("hex");
  const bulkOwner = await db.user.create({ data: { email: `bulk-owner-${tag}@bench.example`, name: "Bulk Owner" } });
  const bulk: BulkWorld = {
    tag,
    ownerId: bulkOwner.id,
    datasets: await db.dataset.findMany({ select: { id: true } }),
    orgs: [],
    workspaces: [],
  };
  // One real request of a demo brand, provisioned by the real worker: the detail page and status endpoint show it.
  const worker = await startWorker({ concurrency: 1, log: () => {} });
  const acme = await brandWithRequest("bportal", {
    lakeRegion: "AWS_US_EAST_1",
    consumerAccount: "ACMERETAIL.ANALYTICS",
    consumerRegion: "AWS_US_EAST_1",
    datasetKeys: ["changelogs"],
    includePii: false,
  });
  await approveAndProvision({ requestId: acme.requestId, approverId: managerId });
  await waitForStates([acme.requestId], ["ACTIVE", "FAILED", "AWAITING_PROOF"], 60_000);
  // A first share into an account the brand has not proven waits for proof of control; the manager waives it.
  const first = await db.shareRequest.findUniqueOrThrow({ where: { id: acme.requestId }, select: { state: true } });
  if (first.state === "AWAITING_PROOF")
    await waiveAndRelease({ requestId: acme.requestId, actorId: managerId, reason: "Benchmark world" });
  await waitForStates([acme.requestId], ["ACTIVE", "FAILED"], 60_000);
  await worker.stop();
  // The request lives in a fresh brand; make the demo owner a member so the brand pages open for her too.
  const owner = await db.user.findUniqueOrThrow({ where: { email: "olivia@acme.example" } });
  await db.membership.create({ data: { userId: owner.id, organizationId: acme.organizationId, role: "OWNER" } });

  fs.mkdirSync(tmpDir, { recursive: true });
  const countFile = path.join(tmpDir, `portal-queries-${process.pid}.txt`);
  fs.rmSync(countFile, { force: true });
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
      FLOE_BENCH_QUERY_COUNT_FILE: countFile,
      NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-for-next-auth",
      NEXTAUTH_URL: baseUrl,
    },
    true,
  );
  cleanup.unshift(async () => {
    await web.stop();
    fs.rmSync(countFile, { force: true });
  });
  const rss = new RssSampler("web", () => web.child.pid).start();

  const brandCookie = await signIn(baseUrl, "olivia@acme.example");
  const managerEmail = (await db.user.findUniqueOrThrow({ where: { id: managerId } })).email;
  const managerCookie = await signIn(baseUrl, managerEmail);
  const queueParams = { state: "all", region: "AWS_US_EAST_1" };
  const queuePage1: Target = {
    name: "manager queue (region filter, page 1)",
    path: `/console?${new URLSearchParams(queueParams)}`,
    cookie: managerCookie,
    limits: { queries: 8, kB: 60 },
  };

  const seedStarted = Date.now();
  const firstOrgs = Math.min(500, orgCount);
  await seedOrganizations(bulk, 0, firstOrgs);
  await seedRequests(bulk, managerId, 0, SCALES["10k"]);
  const queueAt500 = await probe(baseUrl, queuePage1, countFile);
  await seedOrganizations(bulk, firstOrgs, orgCount);
  await seedRequests(bulk, managerId, 0, SCALES["10k"], [firstOrgs, orgCount]);
  let perOrgSeeded: number = SCALES["10k"];
  const seedSeconds = [(Date.now() - seedStarted) / 1000];

  const data: PortalData = { scales: [], queueAt500, webRss: null, seeded: 0 };
  const sections: string[] = [];
  for (const scale of scales) {
    if (SCALES[scale] > perOrgSeeded) {
      const started = Date.now();
      await seedRequests(bulk, managerId, perOrgSeeded, SCALES[scale]);
      perOrgSeeded = SCALES[scale];
      seedSeconds.push((Date.now() - started) / 1000);
    }
    const requests = await db.shareRequest.count();
    data.seeded = requests;
    let after: string | null = null;
    try {
      const reached = await queueCursor(queueParams, managerId, 50);
      after = reached.after;
      if (reached.page < 50)
        notes.push(`portal ${scale}: the filtered queue has only ${reached.page} pages; measured its last page`);
    } catch (error) {
      notes.push(
        `portal ${scale}: could not compute the page-50 cursor with lib/console/queue (${(error as Error).message}); measured page 1`,
      );
    }
    const targets: Target[] = [
      { name: "brand home", path: `/o/${acme.slug}`, cookie: brandCookie, limits: { queries: 6 } },
      {
        name: "request detail",
        path: `/o/${acme.slug}/requests/${acme.requestId}`,
        cookie: brandCookie,
        limits: { queries: 10 },
      },
      {
        name: "manager queue (region filter, page 50)",
        path: `/console?${new URLSearchParams({ ...queueParams, ...(after ? { after } : {}) })}`,
        cookie: managerCookie,
        limits: { queries: 8, kB: 60 },
      },
      queuePage1,
      {
        name: "status endpoint (live view poll)",
        path: `/api/orgs/${acme.slug}/requests/${acme.requestId}/status`,
        cookie: brandCookie,
        limits: { queries: 3 },
      },
    ];
    const result: PortalScale = { label: scale, requests, targets: {} };
    const rows: string[][] = [];
    for (const target of targets) {
      const probed = await probe(baseUrl, target, countFile);
      const entry: TargetResult = { path: target.path, probe: probed, runs: {} };
      result.targets[target.name] = entry;
      const queries = probed.queries.length ? Math.max(...probed.queries) : NaN;
      const kB = probed.bytes / 1000;
      const verdict = [
        queries <= target.limits.queries ? "" : `queries > ${target.limits.queries}`,
        target.limits.kB === undefined || kB <= target.limits.kB ? "" : `kB > ${target.limits.kB}`,
      ].filter(Boolean);
      const head = [
        target.name,
        probed.queries.every((q) => q === queries) ? String(queries) : probed.queries.join("/"),
        kB.toFixed(1),
      ];
      if (probed.status !== 200) {
        notes.push(`portal ${scale}: ${target.name} (${target.path}) answered HTTP ${probed.status}; not load-tested`);
        rows.push([...head, ...connectionCounts.flatMap(() => ["–", "–"]), `HTTP ${probed.status}`]);
        continue;
      }
      const cells: string[] = [];
      let failures = 0;
      for (const connections of connectionCounts) {
        await load(baseUrl, target, 1, connections); // warm-up
        const runs: Load[] = [];
        for (let i = 0; i < reps; i++) runs.push(await load(baseUrl, target, seconds, connections));
        entry.runs[String(connections)] = runs;
        failures += runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
        cells.push(
          fmt(summarize(runs.map((r) => r.rps)), 0),
          `${fmt(summarize(runs.map((r) => r.p50)), 0)} / ${fmt(summarize(runs.map((r) => r.p95)), 0)} / ${fmt(summarize(runs.map((r) => r.p99)), 0)}`,
        );
      }
      rows.push([...head, ...cells, [String(failures), ...verdict].join("; ")]);
      process.stdout.write(`  ${scale} ${rows[rows.length - 1].join(" | ")}\n`);
    }
    data.scales.push(result);
    sections.push(
      `#### ${requests} requests over ${orgCount} organisations (+ demo world)`,
      "",
      table(
        [
          "target",
          "queries / view",
          "kB / view",
          ...connectionCounts.flatMap((c) => [`req/s @${c}`, `p50 / p95 / p99 ms @${c}`]),
          "non-2xx/errors; over limit",
        ],
        rows,
      ),
      "",
    );
  }
  data.webRss = rss.stop();
  const loadAtEnd = os.loadavg();
  const markdown = [
    `### Portal under load (next start on loopback; ${connectionCounts.join(" and ")} connections × ${seconds} s, ${reps} reps, median (min–max))`,
    "",
    ...sections,
    sideBySide(previous, data, connectionCounts, loadAtEnd),
    `Queries per view: SQL statements the server sent for one page view (3 views after one warm-up; one number when all agree). Limits: brand home ≤ 6, request detail ≤ 10, queue ≤ 8 and ≤ 60 kB, status ≤ 3. Queue page 1 with 500 organisations: ${queueAt500.status === 200 ? `${(queueAt500.bytes / 1000).toFixed(1)} kB, ${queueAt500.queries.join("/")} queries` : `HTTP ${queueAt500.status}`}.`,
    "",
    `Paths at the last volume: ${Object.entries(data.scales.at(-1)?.targets ?? {})
      .map(([name, t]) => `${name} \`${t.path}\``)
      .join(
        "; ",
      )}. Bulk seeding took ${seedSeconds.map((x) => x.toFixed(1)).join(" + ")} s${buildSeconds !== null ? `; build ${buildSeconds} s` : ""}. Web server peak RSS ${data.webRss.peakTreeRssMb} MB.`,
    "",
  ].join("\n");
  return {
    title: "Portal under load",
    settings: { orgCount, scales, seconds, connectionCounts, reps, loadAverageAtEnd: loadAtEnd },
    data,
    markdown,
  };
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
