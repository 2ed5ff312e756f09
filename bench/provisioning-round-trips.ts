// Bench 1 — Provisioning round trips. One share of 20 secure views, in-region and cross-region, with the
// emulator adding a fixed latency to every HTTP request the driver makes (default 150 ms; logins, query POSTs,
// result GETs of multi-statement children, token renewals… as every HTTPS request to Snowflake pays the network):
//   floe  — approveAndProvision → the worker (in this process) runs the stored plan → ACTIVE;
//   naive — the same kind of plan (a twin request) sent one statement per round trip, sequentially, through
//           the same executors (lib/provisioning/provider-executors: account slot + snowflake-sdk pool);
//   floor — the fewest sequential round trips the plan's steps need × latency (see README).
// HTTP requests are counted by kind by a proxy between snowflake-sdk and the emulator; statements and query
// round trips by the emulator's query log. Repetitions alternate which side goes first.
import "./lib/quiet-sdk";
import { db } from "../lib/db";
import type { Plan, PlanStep, Statement } from "../lib/provisioning/plan-types";
import { planForRequest } from "../lib/provisioning/plan-for-request";
import { approveAndProvision } from "../lib/provisioning/provision-commands";
import { createProviderExecutors } from "../lib/provisioning/provider-executors";
import { verifyStatements } from "../lib/provisioning/verify-share";
import { startWorker, type WorkerHandle } from "../lib/provisioning/worker";
import { createStatusHub } from "../lib/live/status-notifications";
import { startCountingProxy, type CountingProxy, type ProxyCounts } from "./lib/counting-proxy";
import { accountManagerId, brandWithRequest, waitForStates, type ShareSpec } from "./lib/fixtures";
import { table } from "./lib/markdown";
import { isMain, main, numberFlag, type BenchBody } from "./lib/run";
import { startBenchWorld, stopBenchPostgres, type BenchEmulator } from "./lib/stack";
import { fmt, summarize } from "./lib/stats";

// 6 email + 3 push tables (all with PII columns: the plain view and its _ALL variant) + 2 changelog views = 20.
const IN_REGION: ShareSpec = {
  lakeRegion: "AWS_US_EAST_1",
  consumerAccount: "ACMERETAIL.ANALYTICS",
  consumerRegion: "AWS_US_EAST_1",
  datasetKeys: ["messaging-email", "messaging-push", "changelogs"],
  includePii: true,
};
// 6 email + 4 user-behaviour tables, each plain + _ALL = 20; consumer in AWS_US_WEST_2 (no lake there).
const CROSS_REGION: ShareSpec = {
  lakeRegion: "AWS_US_EAST_1",
  consumerAccount: "PACIFICOUTFIT.PROD",
  consumerRegion: "AWS_US_WEST_2",
  datasetKeys: ["messaging-email", "user-behaviors"],
  includePii: true,
};

type Side = {
  wallMs: number;
  runMs?: number;
  pickupMs?: number;
  /** The approval's COMMIT → the claim's COMMIT, both seen as request-status notifications on one listener. */
  commitPickupMs?: number;
  roundTrips: number;
  /** Waves of requests that waited for the previous ones (counting-proxy). */
  dependent: number;
  statements: number;
  http: ProxyCounts;
  failed?: string;
};
type Rep = { floe: Side; naive: Side };

/**
 * The physical floor: requests that must wait for the one before. One Snowflake Scripting block runs any number
 * of statements as one statement (one request, its answer inline), so a run of consecutive steps on one account
 * is one round trip — except a step whose value is made at run time and must stay a bind (the proof code); the
 * read-back is three independent SHOWs, one round trip when sent side by side.
 */
function dependentRoundTrips(plan: Plan): number {
  let trips = 0;
  let previous: string | null = null;
  for (const step of plan.steps) {
    const segment = step.secretBind ? `secret:${step.key}` : step.accountId;
    if (segment !== previous || step.secretBind) trips++;
    previous = segment;
  }
  return trips + 1;
}

function planShape(plan: Plan) {
  const verify = verifyStatements(plan.expectedShare.shareName);
  const steps = plan.steps.map((s: PlanStep) => ({
    key: s.key,
    account: s.accountId,
    statements: s.statements.length,
  }));
  steps.push({ key: "verify" as never, account: plan.expectedShare.accountId, statements: verify.length });
  const views = plan.expectedShare.grants.filter((g) => g.grantedOn === "VIEW").map((g) => g.name);
  return {
    steps,
    views,
    statements: steps.reduce((n, s) => n + s.statements, 0),
    floorRoundTrips: dependentRoundTrips(plan),
  };
}

/** Requests that paid the latency (everything but the proxy's "other"). */
const httpTotal = (c: ProxyCounts) => Object.entries(c).reduce((n, [k, v]) => (k === "other" ? n : n + v), 0);

/** "query 9, result 22" — medians per kind over the reps, kinds that were seen. */
function kindsOf(counts: ProxyCounts[]): string {
  const kinds = Object.keys(counts[0] ?? {}) as (keyof ProxyCounts)[];
  return kinds
    .map((k) => [k, summarize(counts.map((c) => c[k]))] as const)
    .filter(([, sum]) => sum.max > 0)
    .map(([k, sum]) => `${k} ${fmt(sum)}`)
    .join(", ");
}

let cleanup: (() => Promise<void>)[] = [];

export const provisioningBench: BenchBody = async (options, notes) => {
  const latencyMs = numberFlag(options, "latency", 150);
  const reps = options.reps;
  const world = await startBenchWorld("provisioning", { latencyMs });
  const emulator: BenchEmulator = world.emulator;
  cleanup.push(() => emulator.stop());
  const resultFetchLatencyMs = numberFlag(options, "result-fetch-latency", 0);
  const proxy: CountingProxy = await startCountingProxy(emulator.url, { resultFetchLatencyMs });
  cleanup.push(() => proxy.close());
  process.env.SNOWFLAKE_ACCESS_URL = proxy.url; // before the first getConfig() in this process

  const worker: WorkerHandle = await startWorker({ concurrency: 1, log: () => {} });
  // Request-status notifications (triggers on ShareRequest/ProvisioningRun/AuditEvent, delivered at COMMIT): the
  // first after the approve call is the approval's commit, the second the worker's claim (run RUNNING, request
  // PROVISIONING, audit row: one transaction). Their gap is the pickup from commit, free of the approval's own work.
  const status = createStatusHub({ connectionString: world.databaseUrl, log: () => {} });
  cleanup.unshift(() => status.close());
  await status.ready();
  cleanup.unshift(() => worker.stop());
  const naiveExecutors = createProviderExecutors();
  cleanup.unshift(() => naiveExecutors.close());
  const approverId = await accountManagerId();

  async function floe(spec: ShareSpec): Promise<Side> {
    const { requestId } = await brandWithRequest("bprov", spec);
    await emulator.admin.clearQueryLog();
    proxy.reset();
    const seen: number[] = [];
    const unsubscribe = status.subscribe(requestId, () => seen.push(performance.now()));
    const started = Date.now();
    await approveAndProvision({ requestId, approverId });
    await waitForStates([requestId], ["ACTIVE", "FAILED"], 120_000, 10);
    const total = Date.now() - started;
    unsubscribe();
    const http = proxy.counts();
    const log = await emulator.admin.queryLog({ limit: 100_000 });
    const request = await db.shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { state: true, failureStepKey: true },
    });
    const run = await db.provisioningRun.findFirstOrThrow({
      where: { requestId },
      select: { startedAt: true, finishedAt: true, createdAt: true },
    });
    return {
      wallMs: total,
      runMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : undefined,
      pickupMs: run.startedAt ? run.startedAt.getTime() - started : undefined,
      commitPickupMs: seen.length >= 2 ? seen[1] - seen[0] : undefined,
      roundTrips: new Set(log.map((e) => e.parentQueryId ?? e.queryId)).size,
      dependent: proxy.dependentRoundTrips(),
      statements: log.length,
      http,
      failed: request.state === "ACTIVE" ? undefined : `ended ${request.state} at ${request.failureStepKey}`,
    };
  }

  async function naive(spec: ShareSpec): Promise<{ side: Side; plan: Plan }> {
    const { requestId } = await brandWithRequest("bnaive", spec);
    const { plan } = await planForRequest(requestId);
    const work: { accountId: string; statement: Statement }[] = [
      ...plan.steps.flatMap((s) => s.statements.map((statement) => ({ accountId: s.accountId, statement }))),
      ...verifyStatements(plan.expectedShare.shareName).map((statement) => ({
        accountId: plan.expectedShare.accountId,
        statement,
      })),
    ];
    await emulator.admin.clearQueryLog();
    proxy.reset();
    const started = Date.now();
    for (const { accountId, statement } of work) await (await naiveExecutors.forAccount(accountId)).run(statement);
    const wallMs = Date.now() - started;
    const log = await emulator.admin.queryLog({ limit: 100_000 });
    return {
      plan,
      side: {
        wallMs,
        roundTrips: new Set(log.map((e) => e.parentQueryId ?? e.queryId)).size,
        dependent: proxy.dependentRoundTrips(),
        statements: log.length,
        http: proxy.counts(),
      },
    };
  }

  const kinds = [
    { key: "in-region", spec: IN_REGION },
    { key: "cross-region", spec: CROSS_REGION },
  ] as const;
  const data: Record<string, unknown> = { latencyMs, reps };
  const rows: string[][] = [];
  const detail: string[] = [];
  for (const kind of kinds) {
    // Warm-up (not measured): opens the pools (logins) on both sides and, cross-region, creates the
    // replication group that every later share on the path reuses.
    await floe(kind.spec);
    const warm = await naive(kind.spec);
    const shape = planShape(warm.plan);
    const results: Rep[] = [];
    for (let i = 0; i < reps; i++) {
      if (i % 2 === 0) {
        const f = await floe(kind.spec);
        results.push({ floe: f, naive: (await naive(kind.spec)).side });
      } else {
        const n = (await naive(kind.spec)).side;
        results.push({ floe: await floe(kind.spec), naive: n });
      }
      process.stdout.write(
        `  ${kind.key} rep ${i + 1}/${reps}: floe ${results[i].floe.wallMs} ms (${results[i].floe.roundTrips} rt), naive ${results[i].naive.wallMs} ms (${results[i].naive.roundTrips} rt)\n`,
      );
    }
    const failures = results.map((r) => r.floe.failed).filter(Boolean);
    if (failures.length)
      notes.push(`${kind.key}: ${failures.length} floe run(s) did not end ACTIVE: ${failures.join("; ")}`);
    const floorMs = shape.floorRoundTrips * latencyMs;
    const s = {
      floeWall: summarize(results.map((r) => r.floe.wallMs)),
      floeRun: summarize(results.map((r) => r.floe.runMs ?? NaN)),
      floePickup: summarize(results.map((r) => r.floe.pickupMs ?? NaN)),
      floeCommitPickup: summarize(results.map((r) => r.floe.commitPickupMs ?? NaN)),
      naiveWall: summarize(results.map((r) => r.naive.wallMs)),
      floeRoundTrips: summarize(results.map((r) => r.floe.roundTrips)),
      naiveRoundTrips: summarize(results.map((r) => r.naive.roundTrips)),
      floeDependent: summarize(results.map((r) => r.floe.dependent)),
      naiveDependent: summarize(results.map((r) => r.naive.dependent)),
      floeStatements: summarize(results.map((r) => r.floe.statements)),
      naiveStatements: summarize(results.map((r) => r.naive.statements)),
      floeResultFetches: summarize(results.map((r) => r.floe.http.result)),
      floeLogins: summarize(results.map((r) => r.floe.http.login)),
      floeHttp: summarize(results.map((r) => httpTotal(r.floe.http))),
      naiveHttp: summarize(results.map((r) => httpTotal(r.naive.http))),
      naiveResultFetches: summarize(results.map((r) => r.naive.http.result)),
      wallOverFloor: summarize(results.map((r) => r.floe.wallMs / floorMs)),
      runOverFloor: summarize(results.map((r) => (r.floe.runMs ?? NaN) / floorMs)),
      naiveOverFloe: summarize(results.map((r) => r.naive.wallMs / r.floe.wallMs)),
      naiveOverFloeRun: summarize(results.map((r) => r.naive.wallMs / (r.floe.runMs ?? NaN))),
      naiveOverFloor: summarize(results.map((r) => r.naive.wallMs / floorMs)),
    };
    data[kind.key] = { spec: kind.spec, plan: shape, floorMs, reps: results, summary: s };
    rows.push([
      kind.key,
      `${fmt(s.floeStatements)} / ${fmt(s.naiveStatements)}`,
      `${fmt(s.floeRoundTrips)} / ${fmt(s.naiveRoundTrips)}`,
      `${fmt(s.floeDependent)} / ${fmt(s.naiveDependent)}`,
      `${fmt(s.floeHttp)} / ${fmt(s.naiveHttp)}`,
      `${shape.floorRoundTrips} → ${floorMs} ms`,
      fmt(s.floeWall, 0),
      fmt(s.floeRun, 0),
      fmt(s.naiveWall, 0),
      fmt(s.wallOverFloor, 2),
      fmt(s.runOverFloor, 2),
      fmt(s.naiveOverFloe, 2),
      fmt(s.floeCommitPickup, 0),
    ]);
    detail.push(
      `- **${kind.key}** (${kind.spec.datasetKeys.join(" + ")}, includePii, ${kind.spec.lakeRegion} → ${kind.spec.consumerRegion}): ` +
        `${shape.views.length} views: ${shape.views.map((v) => v.split(".").pop()).join(", ")}. ` +
        `Steps (statements): ${shape.steps.map((st) => `${st.key} ${st.statements}`).join(", ")}. ` +
        `HTTP requests by kind, floe: ${kindsOf(results.map((r) => r.floe.http))}; naive: ${kindsOf(results.map((r) => r.naive.http))} ` +
        `(result GETs floe ${fmt(s.floeResultFetches)}, naive ${fmt(s.naiveResultFetches)}); queue pickup from the approve call ${fmt(s.floePickup)} ms, **from the approval's commit ${fmt(s.floeCommitPickup)} ms** (goal median < 50).`,
    );
  }
  const markdown = [
    `### Provisioning: one share of 20 secure views, ${latencyMs} ms per Snowflake request (${reps} reps, median (min–max))`,
    "",
    table(
      [
        "plan",
        "statements floe / naive",
        "query requests floe / naive",
        "dependent round trips floe / naive",
        "HTTP requests floe / naive",
        "floor",
        "floe wall ms",
        "floe run ms",
        "naive wall ms",
        "wall/floor",
        "run/floor",
        "naive/floe",
        "pickup from commit ms",
      ],
      rows,
    ),
    "",
    ...detail,
    "",
    `Every HTTP request pays the ${latencyMs} ms, result fetches included (GET /queries/<id>/result: snowflake-sdk makes one per statement of a multi-statement request, one after another)${resultFetchLatencyMs ? `; this run delayed each result fetch by a further ${resultFetchLatencyMs} ms in the proxy` : ""}. Dependent round trips: HTTP requests grouped into waves (a request sent while another is open rides in its wave). The floor is the plan's dependent round trips — one Snowflake Scripting block per run of consecutive steps on one account, plus the read-back (three SHOWs side by side) — × the latency.`,
    "",
    "floe wall = approve → ACTIVE seen in Postgres (planning, queue pickup, step bookkeeping included); floe run = the run's startedAt → finishedAt; naive = the same kind of plan one statement per round trip, no bookkeeping.",
    "",
  ].join("\n");
  return {
    title: "Provisioning round trips",
    settings: { latencyMs, resultFetchLatencyMs, reps, lakeRowScale: 0.05 },
    data,
    markdown,
  };
};

export async function stopProvisioningBench() {
  for (const fn of cleanup) await fn().catch(() => {});
  cleanup = [];
}

if (isMain(import.meta.url)) {
  await main("provisioning", provisioningBench, async () => {
    await stopProvisioningBench();
    await stopBenchPostgres();
  });
}
