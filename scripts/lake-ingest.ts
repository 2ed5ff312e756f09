// npm run lake:ingest -- --region <REGION> --rate <N>/s [--duration <S>] [--seed <N>]
// Lands realistic events for the region's workspaces (Postgres) in the lake's PIPELINE landing tables
// (lake migration 5), as the Kafka connector would, through Floe's provider executor (snowflake-sdk, binds
// only). The lake's tasks move them into RAW every minute. Ctrl-C stops it.
//   Postgres: DATABASE_URL, or the embedded dev database (.data/postgres, as `npm run dev`).
//   Snowflake: SNOWFLAKE_ACCESS_URL points at the emulator (default: the `npm run dev` one) unless FLOE_SNOWFLAKE=real.
// Logs structured lines through lib/logger (component "lake-ingest"); scripts/lib/lake-script.ts is the frame.
import { parseIngestArgs } from "../lib/lake/ingest/ingest-args";
import { logger } from "../lib/logger";
import { runLakeScript } from "./lib/lake-script";

let args: ReturnType<typeof parseIngestArgs>;
try {
  args = parseIngestArgs(process.argv.slice(2).filter((a) => a !== "--"));
} catch (error) {
  logger.child({ component: "lake-ingest" }).error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const controller = new AbortController();
process.on("SIGINT", () => controller.abort());
process.on("SIGTERM", () => controller.abort());

await runLakeScript("lake-ingest", async ({ executors, log }) => {
  const { db } = await import("../lib/db");
  const { loadProviderAccounts } = await import("../lib/provisioning/provider-accounts");
  const { runIngest } = await import("../lib/lake/ingest/ingest-loop");
  const lake = (await loadProviderAccounts()).find((a) => a.hostsLake && a.lakeDatabase && a.region === args.region);
  if (!lake?.lakeDatabase) throw new Error(`no provider account hosts a lake in ${args.region}`);
  const workspaces = (
    await db.workspace.findMany({ where: { region: args.region }, select: { lakeWorkspaceId: true } })
  )
    .map((w) => w.lakeWorkspaceId)
    .sort();
  if (workspaces.length === 0) throw new Error(`no workspace lives in ${args.region}`);
  const executor = await executors.forAccount(lake.id);
  log.info(
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
    log: (line) => log.info(line),
  });
  log.info(
    { events: stats.events, statements: stats.statements, seconds: stats.seconds },
    `Landed ${stats.events} events in ${stats.statements} statements over ${stats.seconds.toFixed(1)} s.`,
  );
});
