// npm run lake:migrate — applies the pending lake migrations (lib/lake/migrations) to every provider account
// that hosts a lake, records them in Postgres, and refreshes the replicas Floe made of each lake.
//   Postgres: DATABASE_URL, or the embedded dev database (.data/postgres, as `npm run dev`).
//   Snowflake: the provider accounts and secrets stored in Postgres; SNOWFLAKE_ACCESS_URL points at the
//   emulator (default: the `npm run dev` emulator on EMULATOR_PORT or 4080) unless FLOE_SNOWFLAKE=real.
// Run with the react-server condition (see package.json) so `server-only` imports load outside Next.
import { ensurePostgres } from "./lib/postgres";

const useEmulator = (process.env.FLOE_SNOWFLAKE ?? "emulator") !== "real";
if (useEmulator && !process.env.SNOWFLAKE_ACCESS_URL)
  process.env.SNOWFLAKE_ACCESS_URL = `http://127.0.0.1:${process.env.EMULATOR_PORT ?? 4080}`;

const postgres = await ensurePostgres("dev");
process.env.DATABASE_URL = postgres.url;
// Imported after DATABASE_URL is known: lib/db reads the configuration on first use.
const { migrateLakes } = await import("../lib/lake/migrate-lakes");
const { createProviderExecutors } = await import("../lib/provisioning/provider-executors");
const executors = createProviderExecutors();
let code = 0;
try {
  console.log(
    `Lake migrations on ${useEmulator ? `the emulator at ${process.env.SNOWFLAKE_ACCESS_URL}` : "Snowflake"}:`,
  );
  const report = await migrateLakes({ executors, log: (line) => console.log(`  ${line}`) });
  if (report.lakes.length === 0)
    console.log("  no provider account hosts a lake (see the admin console's provider accounts)");
  if (report.replicas.length === 0)
    console.log(
      "  no replicas to refresh (secondary databases receive the objects by replication refresh when they are created)",
    );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await executors.close();
  await postgres.stop();
}
process.exit(code);
