// The services a benchmark runs against, started the way scripts/test.ts starts them: PostgreSQL (one
// throwaway embedded cluster per `npm run bench`, shared with the bench processes through
// BENCH_DATABASE_URL), a migrated and seeded database per bench, and the Snowflake emulator as its own
// process (bench/lib/emulator-main.ts). In-process library code (lib/db, lib/provisioning) reads
// DATABASE_URL and SNOWFLAKE_ACCESS_URL lazily, so they are set here before its first use.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createAdminClient, type EmulatorAdminClient } from "../../emulator/admin-client";
import { readAdminToken } from "../../emulator/server/admin-token";
import { runSeed } from "../../prisma/seed";
import { freePort } from "../../scripts/lib/free-port";
import { createDatabase, ensurePostgres, type RunningPostgres } from "../../scripts/lib/postgres";
import { migrateDeploy } from "../../scripts/lib/prisma-cli";
import { startService, waitForHttp, type Service } from "../../scripts/lib/processes";

export const tsxBin = path.resolve("node_modules/.bin/tsx");
/** lib/** imports "server-only"; Node resolves it to its empty build under the react-server condition. */
export const serverConditionEnv = {
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim(),
};

let postgres: RunningPostgres | undefined;

/** The bench cluster: BENCH_DATABASE_URL (set by scripts/bench.ts), else DATABASE_URL, else a throwaway one. */
export async function benchPostgresUrl(): Promise<string> {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  postgres ??= await ensurePostgres("test", () => {});
  process.env.BENCH_DATABASE_URL = postgres.url;
  return postgres.url;
}

/** Closes what in-process library code opened (Prisma, the account-slot pool, pg-boss), then the cluster. */
export async function stopBenchPostgres(): Promise<void> {
  const [{ db }, { closeAccountSlots }, { stopBoss }] = await Promise.all([
    import("../../lib/db"),
    import("../../lib/provisioning/account-slots"),
    import("../../lib/provisioning/queue"),
  ]);
  await stopBoss().catch(() => {});
  await closeAccountSlots().catch(() => {});
  if (process.env.DATABASE_URL) await db.$disconnect().catch(() => {});
  await postgres?.stop();
  postgres = undefined;
}

/** A new migrated database next to the bench cluster's; becomes this process's DATABASE_URL. */
export async function freshDatabase(label: string): Promise<string> {
  const base = await benchPostgresUrl();
  const url = await createDatabase(base, `bench_${label}_${Date.now().toString(36)}`);
  await migrateDeploy(url);
  process.env.DATABASE_URL = url;
  return url;
}

export type BenchEmulator = {
  url: string;
  dataDir: string;
  keyPath: string;
  service: Service;
  admin: EmulatorAdminClient;
  stop(): Promise<void>;
};

export async function startBenchEmulator(
  options: { latencyMs?: number; lakeRowScale?: number } = {},
): Promise<BenchEmulator> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "floe-bench-emulator-"));
  const port = await freePort();
  const service = startService("emulator", tsxBin, ["bench/lib/emulator-main.ts"], {
    quiet: true,
    env: {
      EMULATOR_PORT: String(port),
      EMULATOR_DATA_DIR: dataDir,
      EMULATOR_LATENCY_MS: String(options.latencyMs ?? 0),
      BENCH_LAKE_ROW_SCALE: String(options.lakeRowScale ?? 0.05),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/__emulator/health`, service, 180_000);
  return {
    url,
    dataDir,
    keyPath: path.join(dataDir, "keys", "floe_provisioner.p8"),
    service,
    admin: createAdminClient(url, await readAdminToken(dataDir)),
    async stop() {
      await service.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fresh database + emulator + the demo world (brands, staff, datasets, provider accounts on this emulator). */
export async function startBenchWorld(label: string, options: { latencyMs?: number; lakeRowScale?: number } = {}) {
  const [databaseUrl, emulator] = await Promise.all([freshDatabase(label), startBenchEmulator(options)]);
  await runSeed(databaseUrl, { providerSecretRef: `file:${emulator.keyPath}` });
  // Library config is parsed once per process: callers that want a proxy in between set it before first use.
  process.env.SNOWFLAKE_ACCESS_URL = emulator.url;
  process.env.FLOE_SECRETS_DIR = path.dirname(emulator.keyPath);
  return { databaseUrl, emulator };
}
