// npm run lake:ingest -- --region <REGION> --rate <N>/s [--duration <S>] [--seed <N>]
// Lands realistic events for the region's workspaces (Postgres) in the lake's PIPELINE landing tables
// (lake migration 5), as the Kafka connector would, through Floe's provider executor (snowflake-sdk, binds
// only). The lake's tasks move them into RAW every minute. Ctrl-C stops it.
//   Postgres: DATABASE_URL, or the embedded dev database (.data/postgres, as `npm run dev`).
//   Snowflake: SNOWFLAKE_ACCESS_URL points at the emulator (default: the `npm run dev` one) unless FLOE_SNOWFLAKE=real.
// Run with the react-server condition (see package.json) so `server-only` imports load outside Next.
import { parseIngestArgs } from "../lib/lake/ingest/ingest-args";
import { ensurePostgres } from "./lib/postgres";

let args;
try {
  args = parseIngestArgs(process.argv.slice(2).filter((a) => a !== "--"));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
const useEmulator = (process.env.FLOE_SNOWFLAKE ?? "emulator") !== "real";
if (useEmulator && !process.env.SNOWFLAKE_ACCESS_URL)
  process.env.SNOWFLAKE_ACCESS_URL = `http://127.0.0.1:${process.env.EMULATOR_PORT ?? 4080}`;

const postgres = await ensurePostgres("dev");
process.env.DATABASE_URL = postgres.url;
// Imported after DATABASE_URL is known: lib/db reads the configuration on first use.
const { db } = await import("../lib/db");
const { loadProviderAccounts } = await import("../lib/provisioning/provider-accounts");
const { createProviderExecutors } = await import("../lib/provisioning/provider-executors");
const { runIngest } = await import("../lib/lake/ingest/ingest-loop");
const executors = createProviderExecutors();
const controller = new AbortController();
process.on("SIGINT", () => controller.abort());
process.on("SIGTERM", () => controller.abort());
let code = 0;
try {
  const lake = (await loadProviderAccounts()).find((a) => a.hostsLake && a.lakeDatabase && a.region === args.region);
  if (!lake?.lakeDatabase) throw new Error(`no provider account hosts a lake in ${args.region}`);
  const workspaces = (
    await db.workspace.findMany({ where: { region: args.region }, select: { lakeWorkspaceId: true } })
  )
    .map((w) => w.lakeWorkspaceId)
    .sort();
  if (workspaces.length === 0) throw new Error(`no workspace lives in ${args.region}`);
  const executor = await executors.forAccount(lake.id);
  console.log(
    `Landing ${args.rate} events/s for ${workspaces.length} workspaces in ${lake.lakeDatabase}.PIPELINE${args.duration ? ` for ${args.duration} s` : " (Ctrl-C stops)"}`,
  );
  const stats = await runIngest({
    port: executor,
    database: lake.lakeDatabase,
    workspaces,
    ratePerSecond: args.rate,
    durationSeconds: args.duration,
    seed: args.seed,
    signal: controller.signal,
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`Landed ${stats.events} events in ${stats.statements} statements over ${stats.seconds.toFixed(1)} s.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await executors.close();
  await postgres.stop();
}
process.exit(code);
