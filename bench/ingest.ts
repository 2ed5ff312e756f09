// Bench 7 — Ingest pipeline (lake migration 5). On the bench emulator's US lake, with its clock frozen and
// driven through the admin API:
//   landing — events landed into the PIPELINE landing tables through Floe's provider executor (snowflake-sdk,
//             the statements `npm run lake:ingest` sends: 250 bound records per INSERT), wall clock events/s;
//   tasks   — the next minute's load tasks (4 datasets) moving them into RAW (type, filter, deduplicate,
//             heartbeat): the wall time of that clock step, events/s;
//   freshness — at a stated rate, one emulator second at a time: each event's landing time → the time it is
//             first visible through a consumer's mounted share (read as the consumer), p50/p95. This is
//             EMULATOR CLOCK time: the tasks run every minute, so it measures the schedule (0–60 s wait), not
//             Snowflake's task latency; the wall time each task minute took is reported beside it.
import "./lib/quiet-sdk";
import { db } from "../lib/db";
import { EventGenerator } from "../lib/lake/ingest/events";
import { landingInserts } from "../lib/lake/ingest/landing-insert";
import { lakeTables } from "../lib/lake/lake-tables";
import { allPipelineObjects } from "../lib/lake/pipeline-objects";
import { createProviderExecutors } from "../lib/provisioning/provider-executors";
import { connectTracked, type TestConnection } from "../emulator/testing/start-test-emulator";
import { table } from "./lib/markdown";
import { isMain, main, numberFlag, type BenchBody } from "./lib/run";
import { startBenchWorld, stopBenchPostgres } from "./lib/stack";
import { fmt, quantile, summarize } from "./lib/stats";

const LAKE = "ENGAGEMENT_LAKE_US";
const WS = "5f1a0c3e9b2d4a7f8c6e0a01"; // Acme Web
const SHARE = "FLOE_BENCH_INGEST";
let cleanup: (() => Promise<void>)[] = [];

export const ingestBench: BenchBody = async (options) => {
  const events = numberFlag(options, "events", options.quick ? 500 : 2000);
  const rate = numberFlag(options, "rate", options.quick ? 10 : 20);
  const minutes = numberFlag(options, "minutes", options.quick ? 2 : 3);
  const reps = options.reps;
  const world = await startBenchWorld("ingest");
  cleanup.push(() => world.emulator.stop());
  const executors = createProviderExecutors();
  cleanup.unshift(() => executors.close());
  const open = new Set<TestConnection>();
  cleanup.unshift(async () => void (await Promise.allSettled([...open].map((c) => c.close()))));
  const connect = (account: string) =>
    connectTracked({ account, username: "ADMIN", password: "emulator", accessUrl: world.emulator.url }, open);
  const provider = await connect("FLOEDATA-LAKE_US");
  const consumer = await connect("ACMERETAIL-ANALYTICS");
  const account = await db.providerAccount.findFirstOrThrow({ where: { accountName: "LAKE_US" } });
  const lake = await executors.forAccount(account.id);

  // Start on a whole minute + 1 s, so the tasks' minutes are easy to read.
  let now = Math.ceil(Date.now() / 60_000) * 60_000 + 1000;
  await world.emulator.admin.clock.freeze(now);
  const tables = lakeTables();
  const views = tables.map((t) => `MOUNTED.SHARED.${t.catalogName}`);
  const setup = [
    ...allPipelineObjects().map((p) => `ALTER TASK ${LAKE}.PIPELINE.${p.task} RESUME`),
    `CREATE SHARE ${SHARE}`,
    `GRANT USAGE ON DATABASE ${LAKE} TO SHARE ${SHARE}`,
    `GRANT USAGE ON SCHEMA ${LAKE}.SHARED TO SHARE ${SHARE}`,
    ...tables.map((t) => `GRANT SELECT ON VIEW ${LAKE}.SHARED.${t.catalogName} TO SHARE ${SHARE}`),
    `ALTER SHARE ${SHARE} ADD ACCOUNTS = ACMERETAIL.ANALYTICS`,
    ...[...new Set(tables.map((t) => t.datasetKey))].map(
      (key) =>
        `INSERT INTO ${LAKE}.SHARING.ENTITLEMENTS (SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII) VALUES ('${SHARE}', '${key}', '${WS}', 'ACMERETAIL.ANALYTICS', 'AWS_US_EAST_1', FALSE)`,
    ),
  ];
  for (const q of setup) await provider.execute(q);
  await consumer.execute(`CREATE DATABASE MOUNTED FROM SHARE FLOEDATA.LAKE_US.${SHARE}`);
  const gen = new EventGenerator({ workspaces: [WS], seed: 42, firstOffset: 1 });
  const land = async (count: number, at: number) => {
    for (const s of landingInserts(LAKE, gen.batch(count, new Date(at)))) await lake.run(s.toStatement());
  };
  const loaded = async () =>
    Number(
      (
        await provider.execute<{ N: number }>(
          `SELECT COALESCE(SUM(EVENTS_LOADED), 0) AS N FROM ${LAKE}.PIPELINE.FRESHNESS WHERE WORKSPACE_ID = '${WS}'`,
        )
      )[0].N,
    );
  const advance = async (ms: number) => {
    const t = performance.now();
    const moved = await world.emulator.admin.clock.advance({ ms });
    now = moved.epochMs;
    return { runs: moved.runs, wallMs: performance.now() - t };
  };

  // 1. Landing and task throughput.
  const landingRate: number[] = [];
  const taskRate: number[] = [];
  const taskWall: number[] = [];
  for (let i = 0; i < reps; i++) {
    const before = await loaded();
    const t = performance.now();
    await land(events, now);
    landingRate.push(events / ((performance.now() - t) / 1000));
    const step = await advance(60_000);
    const moved = (await loaded()) - before;
    if (moved !== events) throw new Error(`the tasks moved ${moved} of ${events} events`);
    taskRate.push(events / (step.wallMs / 1000));
    taskWall.push(step.wallMs);
  }

  // 2. Freshness at `rate` events/s: land each emulator second, advance one second, note when the consumer sees them.
  await advance(60_000 - (now % 60_000) + 1000); // to :01 of the next minute
  const startSec = Math.floor(now / 1000);
  const landedAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  const minuteWall: number[] = [];
  const visibleQuery = views.map((v) => `SELECT ID, TIME FROM ${v} WHERE TIME >= ${startSec}`).join(" UNION ALL ");
  for (let s = 0; s < minutes * 60; s++) {
    const batch = gen.batch(rate, new Date(now));
    for (const r of batch) landedAt.set(String(r.content.ID), now);
    for (const st of landingInserts(LAKE, batch)) await lake.run(st.toStatement());
    const step = await advance(1000);
    if (step.runs > 0) {
      minuteWall.push(step.wallMs);
      for (const row of await consumer.execute<{ ID: string }>(visibleQuery))
        if (!seenAt.has(row.ID)) seenAt.set(row.ID, now);
    }
  }
  const lagSeconds = [...landedAt].filter(([id]) => seenAt.has(id)).map(([id, t]) => (seenAt.get(id)! - t) / 1000);
  const sorted = [...lagSeconds].sort((a, b) => a - b);
  const unseen = landedAt.size - lagSeconds.length; // landed in the last, not yet run minute
  const s = {
    landing: summarize(landingRate),
    tasks: summarize(taskRate),
    taskWall: summarize(taskWall),
    minuteWall: summarize(minuteWall),
  };
  const p50 = quantile(sorted, 0.5);
  const p95 = quantile(sorted, 0.95);
  const markdown = [
    `### Ingest pipeline (US lake, ${events} events per rep × ${reps} reps; freshness at ${rate} events/s for ${minutes} emulator minutes, median (min–max))`,
    "",
    table(
      ["measure", "value"],
      [
        ["landed into PIPELINE landing tables (wall clock, events/s)", fmt(s.landing, 0)],
        ["moved by the next minute's tasks into RAW (wall clock, events/s)", fmt(s.tasks, 0)],
        ["wall time of that task minute (4 tasks, ms)", fmt(s.taskWall, 0)],
        [
          `end-to-end freshness, landed → visible in the consumer's mounted share (EMULATOR clock, s)`,
          `p50 ${p50.toFixed(0)}, p95 ${p95.toFixed(0)} (${lagSeconds.length} events)`,
        ],
        ["wall time of each task minute during the freshness run (ms)", fmt(s.minuteWall, 0)],
      ],
    ),
    "",
    `Freshness is measured on the emulator's frozen clock, one second at a time: it is the wait for the next minute's task run (the schedule), with the tasks' own run time counted as zero; ${unseen} events landed in the last minute were not yet due. Wall-clock figures are the emulator's (DuckDB), not Snowflake's.`,
    "",
  ].join("\n");
  return {
    title: "Ingest pipeline",
    settings: { events, rate, minutes, reps, clock: "emulator (frozen, advanced by the admin API)" },
    data: { landingRate, taskRate, taskWall, minuteWall, lagSeconds, p50, p95, unseen, summary: s },
    markdown,
  };
};

export async function stopIngestBench() {
  for (const fn of cleanup) await fn().catch(() => {});
  cleanup = [];
}

if (isMain(import.meta.url)) {
  await main("ingest", ingestBench, async () => {
    await stopIngestBench();
    await stopBenchPostgres();
  });
}
