// npm run lake:migrate — applies the pending lake migrations (lib/lake/migrations) to every provider account
// that hosts a lake, records them in Postgres, and refreshes the replicas Floe made of each lake.
//   Postgres: DATABASE_URL, or the embedded dev database (.data/postgres, as `npm run dev`).
//   Snowflake: the provider accounts and secrets stored in Postgres; SNOWFLAKE_ACCESS_URL points at the
//   emulator (default: the `npm run dev` emulator on EMULATOR_PORT or 4080) unless FLOE_SNOWFLAKE=real.
// Logs structured lines through lib/logger (component "lake-migrate"); scripts/lib/lake-script.ts is the frame.
import { runLakeScript } from "./lib/lake-script";

await runLakeScript("lake-migrate", async ({ executors, log, snowflake }) => {
  const { migrateLakes } = await import("../lib/lake/migrate-lakes");
  log.info(`Lake migrations on ${snowflake}`);
  const report = await migrateLakes({ executors, log: (line) => log.info(line) });
  if (report.lakes.length === 0)
    log.warn("no provider account hosts a lake (see the admin console's provider accounts)");
  if (report.replicas.length === 0)
    log.info(
      "no replicas to refresh (secondary databases receive the objects by replication refresh when they are created)",
    );
});
