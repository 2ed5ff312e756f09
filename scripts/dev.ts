// npm run dev (or `npm start` with --production): one command for the whole local stack.
//   PostgreSQL (DATABASE_URL or embedded in .data/postgres) → migrations → demo seed → Snowflake emulator
//   (unless FLOE_SNOWFLAKE=real) → lake migrations (emulator only) → provisioning worker → Next.js.
//   Ctrl-C stops everything it started.
import path from "node:path";
import { parseConfig, ConfigError } from "../lib/config";
import { ensurePostgres, redact } from "./lib/postgres";
import { migrateDeploy } from "./lib/prisma-cli";
import { portInUse } from "./lib/free-port";
import { runToCompletion, stopAllOnSignal } from "./lib/processes";
import { hasProductionBuild, productionBuildTime, runLakeMigrations, startEmulatorService, startWebService, startWorkerService } from "./lib/local-stack";
import { runSeed } from "../prisma/seed";
import { demoSignIns } from "../prisma/seed/demo-world";

const production = process.argv.includes("--production");
const port = Number(process.env.PORT ?? 3000);
const useEmulator = (process.env.FLOE_SNOWFLAKE ?? "emulator") !== "real";

if (await portInUse(port)) {
  console.error(`Port ${port} is already in use (another \`npm run dev\`?). Stop it or set PORT=…`);
  process.exit(1);
}

const postgres = await ensurePostgres("dev");
stopAllOnSignal(() => postgres.stop());

try {
  console.log(`Database: ${redact(postgres.url)}`);
  await migrateDeploy(postgres.url);

  const env: Record<string, string | undefined> = { DATABASE_URL: postgres.url, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` };
  let providerSecretRef: string | undefined;
  if (useEmulator) {
    const emulator = await startEmulatorService({ dataDir: path.resolve(".data/emulator"), port: Number(process.env.EMULATOR_PORT ?? 4080) });
    env.SNOWFLAKE_ACCESS_URL = emulator.url;
    providerSecretRef = `file:${path.relative(process.cwd(), emulator.provisionerKeyPath)}`;
    console.log(`Snowflake emulator: ${emulator.url}`);
  }
  // Idempotent: creates the demo world on the first run, leaves later edits to the data alone.
  await runSeed(postgres.url, { providerSecretRef });
  // The emulator's seed builds its lakes with the same lake migrations; this records them per provider
  // account (re-running them on a fresh lake changes nothing) and upgrades an emulator seeded by an older
  // Floe, backfilling from Postgres. Against real Snowflake run `npm run lake:migrate` yourself: it
  // changes the vendor's lakes.
  if (useEmulator) await runLakeMigrations({ ...env, FLOE_SNOWFLAKE: "emulator" });

  // Fail now, with one sentence, rather than on the first page view.
  parseConfig({ ...process.env, ...env, NODE_ENV: production ? "production" : "development" });

  if (production && !hasProductionBuild()) {
    console.log("No production build yet: running `next build` first…");
    const code = await runToCompletion(path.resolve("node_modules/.bin/next"), ["build"], { ...env, NEXT_TELEMETRY_DISABLED: "1" });
    if (code !== 0) throw new Error("next build failed");
  } else if (production) {
    console.log(`Using the production build of ${productionBuildTime()} (run \`npm run build\` after changing the code).`);
  }
  await startWorkerService(env);
  await startWebService(production ? "production" : "dev", port, env);

  console.log(`\nFloe is running at http://localhost:${port}\n`);
  console.log("Demo sign-ins (pick one on the sign-in page):");
  for (const user of demoSignIns()) console.log(`  ${user.email.padEnd(28)} ${user.what}`);
  console.log("\nCtrl-C stops everything.");
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.kill(process.pid, "SIGTERM");
}
