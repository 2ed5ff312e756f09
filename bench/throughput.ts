// Bench 2 — Throughput. 100 approvals at once, drained by 1, 2 and 4 worker processes
// (`npm run worker`'s compiled bundle on plain node, WORKER_CONCURRENCY default 4 each) against one emulator (default 50 ms per
// request). Half the requests are in-region on LAKE_US, half on LAKE_EU, so two provider accounts' bounds
// are exercised. Measured per phase: time to drain (approve → every request ACTIVE/FAILED), the emulator's
// per-account peak of in-flight query requests vs ProviderAccount.maxConcurrency (PASS/FAIL), failed runs,
// deadlocks (pg_stat_database.deadlocks delta + "deadlock" in worker logs), and peak RSS of each worker
// process tree and of the emulator (sampled every 200 ms). The bound's theoretical time: every query request holds
// one of its account's slots for at least the latency, so an account needs (its query requests × latency ÷ its
// bound); the two lakes drain side by side, so the theoretical drain is the larger of the two.
import "./lib/quiet-sdk";
import { db } from "../lib/db";
import { approveAndProvision } from "../lib/provisioning/provision-commands";
import { stopBoss } from "../lib/provisioning/queue";
import { startService, type Service } from "../scripts/lib/processes";
import { accountManagerId, brandWithRequest, waitForStates, type ShareSpec } from "./lib/fixtures";
import { table } from "./lib/markdown";
import { isMain, main, numberFlag, type BenchBody, type BenchOptions } from "./lib/run";
import { RssSampler, type RssReport } from "./lib/rss";
import { serverConditionEnv, startBenchWorld, stopBenchPostgres } from "./lib/stack";
import { execFileSync } from "node:child_process";
import { fmt, summarize } from "./lib/stats";

const SPECS: ShareSpec[] = [
  {
    lakeRegion: "AWS_US_EAST_1",
    consumerAccount: "ACMERETAIL.ANALYTICS",
    consumerRegion: "AWS_US_EAST_1",
    datasetKeys: ["messaging-push", "changelogs"],
    includePii: false,
  },
  {
    lakeRegion: "AWS_EU_CENTRAL_1",
    consumerAccount: "NORDLICHT.DWH",
    consumerRegion: "AWS_EU_CENTRAL_1",
    datasetKeys: ["messaging-push", "changelogs"],
    includePii: false,
  },
];

export type Phase = {
  workers: number;
  approvals: number;
  approveMs: number;
  drainMs: number;
  /** Query requests the emulator received per provider account, and the bound's theoretical drain time. */
  queryRequests: number;
  theoreticalMs: number;
  active: number;
  failed: number;
  peaks: Record<string, { peak: number; limit: number; ok: boolean }>;
  boundOk: boolean;
  deadlocksPg: number;
  deadlockLogLines: number;
  workerErrorLines: number;
  workerRss: RssReport[];
  emulatorRss: RssReport;
};

let cleanup: (() => Promise<void>)[] = [];

export function throughputSettings(options: BenchOptions) {
  return {
    approvals: numberFlag(options, "approvals", options.quick ? 20 : 100),
    workerCounts: String(options.flags.workers ?? "1,2,4")
      .split(",")
      .map(Number),
    latencyMs: numberFlag(options, "throughput-latency", 50),
    /** Approvals in flight at once (--approvers): fewer than the process's Prisma pool (10 connections). */
    approvers: numberFlag(options, "approvers", 8),
    reps: options.flags.reps !== undefined ? options.reps : options.quick ? 1 : 3,
  };
}

export const throughputBench: BenchBody = async (options, notes) => {
  const settings = throughputSettings(options);
  const world = await startBenchWorld("throughput", { latencyMs: settings.latencyMs });
  cleanup.push(() => world.emulator.stop());
  cleanup.unshift(() => stopBoss()); // this process enqueues (approveAndProvision) through its own pg-boss
  const approverId = await accountManagerId();
  const accounts = await db.providerAccount.findMany({
    select: { locator: true, accountName: true, maxConcurrency: true },
  });
  const limitOf = new Map(
    accounts.map((a) => [a.locator.toUpperCase(), { limit: a.maxConcurrency, name: a.accountName }]),
  );
  const emulatorPid = () => world.emulator.service.child.pid;

  async function phase(workerCount: number): Promise<Phase> {
    // Fresh requests for every phase (a brand each, half per lake).
    const requestIds: string[] = [];
    for (let i = 0; i < settings.approvals; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, settings.approvals - i) }, (_, j) =>
          brandWithRequest("btp", SPECS[(i + j) % SPECS.length]),
        ),
      );
      requestIds.push(...batch.map((b) => b.requestId));
    }
    const lines: string[] = [];
    const workers: Service[] = [];
    const ready: Promise<void>[] = [];
    for (let w = 0; w < workerCount; w++) {
      let markReady!: () => void;
      ready.push(new Promise<void>((resolve) => (markReady = resolve)));
      workers.push(
        startService(`worker-${w}`, process.execPath, ["--conditions=react-server", ".build/worker/worker.mjs"], {
          quiet: true,
          env: {
            ...serverConditionEnv,
            DATABASE_URL: world.databaseUrl,
            SNOWFLAKE_ACCESS_URL: world.emulator.url,
            NODE_ENV: "production",
            NEXTAUTH_SECRET: "bench-secret-that-is-long-enough-for-next-auth",
          },
          onLine: (line) => {
            lines.push(line);
            if (line.includes("working provisioning-run")) markReady();
          },
        }),
      );
    }
    const stopWorkers = async () => {
      await Promise.all(workers.map((w) => w.stop()));
    };
    cleanup.unshift(stopWorkers);
    await Promise.race([
      Promise.all(ready),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`workers not ready within 120 s:\n${lines.slice(-20).join("\n")}`)), 120_000),
      ),
    ]);
    const workerSamplers = workers.map((w, i) => new RssSampler(`worker-${i}`, () => w.child.pid).start());
    const emulatorSampler = new RssSampler("emulator", emulatorPid).start();
    await world.emulator.admin.resetConcurrency();
    const deadlocksBefore = await pgDeadlocks();

    const started = Date.now();
    // Approvals go through a bounded number of approvers at a time (as staff clicking Approve do, each one a web
    // request holding one connection): 100 interactive transactions started at once on the bench's 10-connection
    // pool waited > Prisma's maxWait for a connection at load ~25 (P2028) — a property of the bench, not the queue.
    await eachAtMost(settings.approvers, requestIds, (requestId) => approveAndProvision({ requestId, approverId }));
    const approveMs = Date.now() - started;
    await waitForStates(requestIds, ["ACTIVE", "FAILED"], 600_000, 100);
    const drainMs = Date.now() - started;

    const snapshot = await world.emulator.admin.concurrency();
    const queryRequests = snapshot.requests.query;
    const bound = Math.min(...accounts.filter((a) => a.maxConcurrency > 0).map((a) => a.maxConcurrency));
    // Requests alternate between the two lakes, so each account gets half.
    const theoreticalMs = ((queryRequests / SPECS.length) * settings.latencyMs) / bound;
    const deadlocksPg = (await pgDeadlocks()) - deadlocksBefore;
    const workerRss = workerSamplers.map((s) => s.stop());
    const emulatorRss = emulatorSampler.stop();
    await stopWorkers();
    cleanup = cleanup.filter((fn) => fn !== stopWorkers);

    const states = await db.shareRequest.groupBy({
      by: ["state"],
      where: { id: { in: requestIds } },
      _count: { _all: true },
    });
    const count = (s: string) => states.find((g) => g.state === s)?._count._all ?? 0;
    const peaks: Phase["peaks"] = {};
    for (const [locator, { peak }] of Object.entries(snapshot.accounts)) {
      const known = limitOf.get(locator.toUpperCase());
      const limit = known?.limit ?? Infinity;
      peaks[known?.name ?? locator] = { peak, limit, ok: peak <= limit };
    }
    return {
      workers: workerCount,
      approvals: requestIds.length,
      approveMs,
      drainMs,
      queryRequests,
      theoreticalMs,
      active: count("ACTIVE"),
      failed: count("FAILED"),
      peaks,
      boundOk: Object.values(peaks).every((p) => p.ok),
      deadlocksPg,
      deadlockLogLines: lines.filter((l) => /deadlock/i.test(l)).length,
      workerErrorLines: lines.filter((l) => /unexpected error|will retry/i.test(l)).length,
      workerRss,
      emulatorRss,
    };
  }

  execFileSync(process.execPath, ["scripts/build-worker.mjs"], { stdio: "inherit" });
  const phases: Phase[] = [];
  for (let rep = 0; rep < settings.reps; rep++) {
    // Rotate the order so drift (other work on the machine, a growing database) does not favour one count.
    const order = settings.workerCounts.map((_, i) => settings.workerCounts[(i + rep) % settings.workerCounts.length]);
    for (const n of order) {
      const p = await phase(n);
      phases.push(p);
      process.stdout.write(
        `  rep ${rep + 1}/${settings.reps}, ${n} worker(s): drained ${p.approvals} in ${p.drainMs} ms, peaks ${Object.entries(
          p.peaks,
        )
          .map(([k, v]) => `${k} ${v.peak}/${v.limit}`)
          .join(", ")}, failed ${p.failed}, deadlocks ${p.deadlocksPg}\n`,
      );
    }
  }

  const rows = settings.workerCounts.map((n) => {
    const ps = phases.filter((p) => p.workers === n);
    const drain = summarize(ps.map((p) => p.drainMs));
    const theoretical = summarize(ps.map((p) => p.theoreticalMs));
    const overTheory = summarize(ps.map((p) => p.drainMs / p.theoreticalMs));
    const requestsPerShare = summarize(ps.map((p) => p.queryRequests / p.approvals));
    const perSecond = summarize(ps.map((p) => p.approvals / (p.drainMs / 1000)));
    const peakText = [...new Set(ps.flatMap((p) => Object.keys(p.peaks)))]
      .sort()
      .map(
        (name) => `${name} ${Math.max(...ps.map((p) => p.peaks[name]?.peak ?? 0))}/${ps[0].peaks[name]?.limit ?? "?"}`,
      )
      .join(", ");
    const bound = ps.every((p) => p.boundOk) ? "PASS" : "FAIL";
    const failed = ps.reduce((s, p) => s + p.failed, 0);
    const deadlocks = ps.reduce((s, p) => s + p.deadlocksPg + p.deadlockLogLines, 0);
    const workerPeak = Math.max(...ps.flatMap((p) => p.workerRss.map((r) => r.peakTreeRssMb)));
    return [
      String(n),
      fmt(summarize(ps.map((p) => p.approveMs)), 0),
      fmt(drain, 0),
      fmt(theoretical, 0),
      fmt(overTheory, 2),
      fmt(requestsPerShare, 1),
      fmt(perSecond, 1),
      peakText,
      bound,
      String(failed),
      deadlocks === 0 ? "0 PASS" : `${deadlocks} FAIL`,
      `${workerPeak}`,
    ];
  });
  const allOk = phases.every((p) => p.boundOk && p.failed === 0 && p.deadlocksPg === 0 && p.deadlockLogLines === 0);
  if (!allOk) notes.push("throughput: a bound, failure or deadlock check FAILED (see data.phases)");
  const markdown = [
    `### Throughput: ${settings.approvals} approvals (${settings.approvers} approvers at a time), ${settings.latencyMs} ms per Snowflake request (${settings.reps} reps, median (min–max))`,
    "",
    table(
      [
        "worker processes",
        "approving ms",
        "drain ms",
        "bound's theoretical ms",
        "drain / theoretical",
        "query requests per share",
        "shares/s",
        "peak in-flight / maxConcurrency (max over reps)",
        "bound",
        "failed runs",
        "deadlocks",
        "worker peak RSS MB",
      ],
      rows,
    ),
    "",
    `Each worker process runs WORKER_CONCURRENCY=4 jobs; requests alternate between LAKE_US and LAKE_EU (messaging-push + changelogs: 5 views). ` +
      `Theoretical = (query requests ÷ 2 lakes) × ${settings.latencyMs} ms ÷ the per-account bound (each request holds a slot for at least the latency). ` +
      `Emulator peak RSS over the bench: ${Math.max(...phases.map((p) => p.emulatorRss.peakTreeRssMb))} MB. Overall: ${allOk ? "PASS" : "FAIL"}.`,
    "",
  ].join("\n");
  return { title: "Throughput", settings, data: { phases }, markdown };
};

/** Runs `fn` over `items` with at most `limit` calls in flight; rejects on the first failure. */
async function eachAtMost<T>(limit: number, items: T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

async function pgDeadlocks(): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ deadlocks: bigint }[]>(
    "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()",
  );
  return Number(rows[0]?.deadlocks ?? 0);
}

export async function stopThroughputBench() {
  for (const fn of cleanup) await fn().catch(() => {});
  cleanup = [];
}

if (isMain(import.meta.url)) {
  await main("throughput", throughputBench, async () => {
    await stopThroughputBench();
    await stopBenchPostgres();
  });
}
