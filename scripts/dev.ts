// npm run dev (or `npm start` with --production): one command for the whole local stack.
//   PostgreSQL (DATABASE_URL or embedded in .data/postgres) → migrations → Snowflake emulator (unless
//   FLOE_SNOWFLAKE=real) → demo seed (development only) → lake migrations (emulator only) → provisioning
//   worker → Next.js.
// `npm start` never seeds: it refuses to start until `npm run setup` has created an admin (lib/setup).
// Ctrl-C stops everything it started.
import path from "node:path";
import { parseConfig, ConfigError } from "../lib/config";
import { ensurePostgres, redact } from "./lib/postgres";
import { StartError } from "./lib/start-error";
import { migrateDeploy } from "./lib/prisma-cli";
import { portInUse } from "./lib/free-port";
import { runToCompletion, stopAllOnSignal } from "./lib/processes";
import {
  hasProductionBuild,
  productionBuildTime,
  runLakeMigrations,
  startEmulatorService,
  startIngestService,
  startWebService,
  startWorkerService,
} from "./lib/local-stack";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { prepareStart } from "../lib/setup/prepare-start";
import type { StartPlan } from "../lib/setup/start-plan";
import { demoSignIns } from "../prisma/seed/demo-world";
import { providerAccounts } from "../prisma/seed/demo-tenants";

const demoLakeRegions = () => providerAccounts.filter((a) => a.hostsLake).map((a) => a.region);

const production = process.argv.includes("--production");
const port = Number(process.env.PORT ?? 3000);
const useEmulator = (process.env.FLOE_SNOWFLAKE ?? "emulator") !== "real";

if (await portInUse(port)) {
  console.error(`Port ${port} is already in use (another \`npm run dev\`?). Stop it or set PORT=…`);
  process.exit(1);
}

const postgres = await ensurePostgres("dev").catch((error: unknown) => {
  if (!(error instanceof StartError)) throw error;
  console.error(error.message);
  process.exit(1);
});
stopAllOnSignal(() => postgres.stop());

try {
  console.log(`Database: ${redact(postgres.url)}`);
  await migrateDeploy(postgres.url);

  const env: Record<string, string | undefined> = {
    DATABASE_URL: postgres.url,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  };
  // Fail now, with one sentence, rather than on the first page view.
  const config = parseConfig({ ...process.env, ...env, NODE_ENV: production ? "production" : "development" });
  const prepare = async (providerSecretRef?: string): Promise<StartPlan> => {
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: postgres.url }) });
    try {
      return await prepareStart(db, { production, demoLoginEnabled: config.demoLoginEnabled, providerSecretRef });
    } finally {
      await db.$disconnect();
    }
  };
  // Production decides before starting anything else: without an admin there is nothing to serve.
  let plan = production ? await prepare() : undefined;
  if (plan?.refusal) {
    console.error(`\n${plan.refusal}\n`);
    await postgres.stop();
    process.exit(1);
  }

  let providerSecretRef: string | undefined;
  if (useEmulator) {
    const emulator = await startEmulatorService({
      dataDir: path.resolve(".data/emulator"),
      port: Number(process.env.EMULATOR_PORT ?? 4080),
    });
    env.SNOWFLAKE_ACCESS_URL = emulator.url;
    // The seeded secretRef names the emulator's key file: allow that directory unless the operator chose one.
    env.FLOE_SECRETS_DIR = process.env.FLOE_SECRETS_DIR ?? path.relative(process.cwd(), emulator.secretsDir);
    providerSecretRef = `file:${path.relative(process.cwd(), emulator.provisionerKeyPath)}`;
    console.log(`Snowflake emulator: ${emulator.url}`);
  }
  // Development: the demo world, created on the first run; later edits to the data are left alone.
  plan ??= await prepare(providerSecretRef);
  // The emulator's seed builds its lakes with the same lake migrations; this records them per provider
  // account (re-running them on a fresh lake changes nothing) and upgrades an emulator seeded by an older
  // Floe, backfilling from Postgres. Against real Snowflake run `npm run lake:migrate` yourself: it
  // changes the vendor's lakes.
  if (useEmulator) await runLakeMigrations({ ...env, FLOE_SNOWFLAKE: "emulator" });

  if (production && !hasProductionBuild()) {
    console.log("No production build yet: running `next build` first…");
    const code = await runToCompletion(path.resolve("node_modules/.bin/next"), ["build"], {
      ...env,
      NEXT_TELEMETRY_DISABLED: "1",
    });
    if (code !== 0) throw new Error("next build failed");
  } else if (production) {
    console.log(
      `Using the production build of ${productionBuildTime()} (run \`npm run build\` after changing the code).`,
    );
  }
  await startWorkerService(env);
  // The demo is live: every emulator lake receives a few events a second (their tasks move them each minute).
  if (useEmulator && !production)
    for (const region of demoLakeRegions()) startIngestService(env, region, process.env.FLOE_DEMO_INGEST_RATE ?? "2/s");
  await startWebService(production ? "production" : "dev", port, env);

  console.log(`\nFloe is running at http://localhost:${port}\n`);
  if (plan.showDemoSignIns) {
    console.log("Demo sign-ins (pick one on the sign-in page):");
    for (const user of demoSignIns()) console.log(`  ${user.email.padEnd(28)} ${user.what}`);
    console.log("");
  }
  console.log("Ctrl-C stops everything.");
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof StartError ? error.message : error);
  process.kill(process.pid, "SIGTERM");
}
