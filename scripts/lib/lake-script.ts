// The shared frame of the lake commands (npm run lake:migrate, lake:ingest): Snowflake is the `npm run dev`
// emulator unless FLOE_SNOWFLAKE=real (SNOWFLAKE_ACCESS_URL, else EMULATOR_PORT or 4080); Postgres is
// DATABASE_URL or the embedded dev database; lib/ is imported only once DATABASE_URL is known (lib/db reads
// the configuration on first use). The body gets the provider executors and the process's logger; a
// failure is logged as one error line and exits 1; executors and Postgres are closed either way.
// Run with the react-server condition (see package.json) so `server-only` imports load outside Next.
import type { Logger } from "pino";
import type { createProviderExecutors } from "../../lib/provisioning/provider-executors";
import { logger } from "../../lib/logger";
import { ensurePostgres } from "./postgres";
import { orExit } from "./start-error";

export type LakeScriptContext = {
  executors: ReturnType<typeof createProviderExecutors>;
  log: Logger;
  /** Where the statements go, for the first log line: "the emulator at http://…" or "Snowflake". */
  snowflake: string;
};

export async function runLakeScript(component: string, body: (context: LakeScriptContext) => Promise<void>) {
  const log = logger.child({ component });
  const useEmulator = (process.env.FLOE_SNOWFLAKE ?? "emulator") !== "real";
  if (useEmulator && !process.env.SNOWFLAKE_ACCESS_URL)
    process.env.SNOWFLAKE_ACCESS_URL = `http://127.0.0.1:${process.env.EMULATOR_PORT ?? 4080}`;

  const postgres = await orExit(
    ensurePostgres("dev", (line) => log.info(line)),
    (sentence) => log.error(sentence),
  );
  process.env.DATABASE_URL = postgres.url;
  const { createProviderExecutors } = await import("../../lib/provisioning/provider-executors");
  const executors = createProviderExecutors();
  let code = 0;
  try {
    await body({
      executors,
      log,
      snowflake: useEmulator ? `the emulator at ${process.env.SNOWFLAKE_ACCESS_URL}` : "Snowflake",
    });
  } catch (error) {
    log.error({ err: error }, error instanceof Error ? error.message : String(error));
    code = 1;
  } finally {
    await executors.close();
    await postgres.stop();
  }
  process.exit(code);
}
