// Bench 3 — Schema preview. For each catalog dataset, as the demo brand "acme" sees it:
//   cold — the dataset's SchemaPreviewCache rows deleted, getSchemaPreview reads Snowflake (columns + samples);
//   warm — getSchemaPreview again, answered from the Postgres cache.
// Catalog queries per dataset = statements the emulator logged during the cold call (and round trips,
// children of a multi-statement request counted once). Warm calls must log none.
import "./lib/quiet-sdk";
import { db } from "../lib/db";
import { closePreviewExecutors } from "../lib/catalog/preview-executors";
import { getSchemaPreview } from "../lib/catalog/get-schema-preview";
import { startCountingProxy } from "./lib/counting-proxy";
import { table } from "./lib/markdown";
import { isMain, main, numberFlag, type BenchBody } from "./lib/run";
import { startBenchWorld, stopBenchPostgres } from "./lib/stack";
import { fmt, summarize } from "./lib/stats";

let cleanup: (() => Promise<void>)[] = [];

export const schemaPreviewBench: BenchBody = async (options, notes) => {
  const latencyMs = numberFlag(options, "latency", 150);
  const warmCalls = numberFlag(options, "warm-calls", 5);
  const reps = options.reps;
  const world = await startBenchWorld("schema_preview", { latencyMs });
  cleanup.push(() => world.emulator.stop());
  const proxy = await startCountingProxy(world.emulator.url);
  cleanup.push(() => proxy.close());
  process.env.SNOWFLAKE_ACCESS_URL = proxy.url;
  cleanup.unshift(() => closePreviewExecutors());

  const org = await db.organization.findUniqueOrThrow({
    where: { slug: "acme" },
    include: { datasets: { include: { dataset: true } } },
  });
  const datasets = org.datasets.map((d) => d.dataset).sort((a, b) => a.key.localeCompare(b.key));
  const clear = (datasetId: string) => db.schemaPreviewCache.deleteMany({ where: { datasetId } });

  // Warm-up (not measured): opens the provider account's connection pool (login).
  await clear(datasets[0].id);
  await getSchemaPreview({ organizationId: org.id, datasetKey: datasets[0].key });

  const data: Record<string, unknown> = {};
  const rows: string[][] = [];
  for (const dataset of datasets) {
    const cold: number[] = [];
    const warm: number[] = [];
    const statements: number[] = [];
    const roundTrips: number[] = [];
    const http: number[] = [];
    const warmStatements: number[] = [];
    let status = "";
    for (let i = 0; i < reps; i++) {
      await clear(dataset.id);
      await world.emulator.admin.clearQueryLog();
      proxy.reset();
      let t = performance.now();
      const preview = await getSchemaPreview({ organizationId: org.id, datasetKey: dataset.key });
      cold.push(performance.now() - t);
      status = String(preview.status);
      const log = await world.emulator.admin.queryLog({ limit: 100_000 });
      statements.push(log.length);
      roundTrips.push(new Set(log.map((e) => e.parentQueryId ?? e.queryId)).size);
      const counts = proxy.counts();
      http.push(Object.values(counts).reduce((a, b) => a + b, 0));
      await world.emulator.admin.clearQueryLog();
      for (let w = 0; w < warmCalls; w++) {
        t = performance.now();
        await getSchemaPreview({ organizationId: org.id, datasetKey: dataset.key });
        warm.push(performance.now() - t);
      }
      warmStatements.push((await world.emulator.admin.queryLog({ limit: 100_000 })).length);
    }
    const s = {
      cold: summarize(cold),
      warm: summarize(warm),
      statements: summarize(statements),
      roundTrips: summarize(roundTrips),
      http: summarize(http),
      warmStatements: summarize(warmStatements),
      coldOverWarm: summarize(cold.map((c, i) => c / summarize(warm.slice(i * warmCalls, (i + 1) * warmCalls)).median)),
    };
    if (s.warmStatements.max > 0)
      notes.push(`schema-preview ${dataset.key}: warm calls reached Snowflake (${s.warmStatements.max} statements)`);
    data[dataset.key] = { status, cold, warm, statements, roundTrips, http, warmStatements, summary: s };
    rows.push([
      dataset.key,
      status,
      fmt(s.cold, 0),
      fmt(s.warm, 1),
      fmt(s.coldOverWarm, 0),
      fmt(s.statements),
      fmt(s.roundTrips),
      fmt(s.http),
      fmt(s.warmStatements),
    ]);
  }
  const markdown = [
    `### Schema preview (brand acme, ${latencyMs} ms per Snowflake request, ${reps} reps × ${warmCalls} warm calls, median (min–max))`,
    "",
    table(
      [
        "dataset",
        "status",
        "cold ms",
        "warm ms",
        "cold/warm",
        "catalog statements",
        "round trips",
        "HTTP requests",
        "statements when warm",
      ],
      rows,
    ),
    "",
  ].join("\n");
  return { title: "Schema preview", settings: { latencyMs, reps, warmCalls }, data, markdown };
};

export async function stopSchemaPreviewBench() {
  for (const fn of cleanup) await fn().catch(() => {});
  cleanup = [];
}

if (isMain(import.meta.url)) {
  await main("schema-preview", schemaPreviewBench, async () => {
    await stopSchemaPreviewBench();
    await stopBenchPostgres();
  });
}
