// The services behind Floe, started the same way by `npm run dev`, `npm start` and `npm test`:
// the Snowflake emulator (unless real Snowflake is configured), the provisioning worker and the web server.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { readAdminToken } from "../../emulator/server/admin-token";
import { freePort } from "./free-port";
import { runToCompletion, startService, waitForHttp, type Service } from "./processes";

const tsx = path.resolve("node_modules/.bin/tsx");
const next = path.resolve("node_modules/.bin/next");
/** The worker as compiled JavaScript (scripts/build-worker.mjs). */
export const WORKER_BUNDLE = path.resolve(".build/worker/worker.mjs");

export type EmulatorHandle = {
  url: string;
  dataDir: string;
  provisionerKeyPath: string;
  /** The directory holding the provisioner key: Floe's FLOE_SECRETS_DIR when it runs on this emulator. */
  secretsDir: string;
  /** The admin API's token of this start (the emulator writes it to <dataDir>/admin-token). */
  adminToken: string;
  service: Service;
};

/**
 * `npm run lake:migrate` as a child process (it needs the react-server condition for `server-only`):
 * brings every provider account's lake to the latest lake migration and records it in Postgres.
 */
export async function runLakeMigrations(env: Record<string, string | undefined>): Promise<void> {
  const code = await runToCompletion(tsx, ["--conditions=react-server", "scripts/lake-migrate.ts"], env);
  if (code !== 0) throw new Error("lake:migrate failed (see above)");
}

/** Starts the emulator as its own process (its own DuckDB store), waits for its health endpoint. */
export async function startEmulatorService(options: {
  dataDir: string;
  port?: number;
  quiet?: boolean;
  env?: Record<string, string | undefined>;
}): Promise<EmulatorHandle> {
  const port = options.port ?? (await freePort());
  const service = startService("emulator", tsx, ["emulator/cli.ts", "serve"], {
    quiet: options.quiet,
    env: { EMULATOR_PORT: String(port), EMULATOR_DATA_DIR: options.dataDir, ...options.env },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/__emulator/health`, service, 180_000);
  const secretsDir = path.join(options.dataDir, "keys");
  const adminToken = await readAdminToken(options.dataDir);
  return {
    url,
    dataDir: options.dataDir,
    provisionerKeyPath: path.join(secretsDir, "floe_provisioner.p8"),
    secretsDir,
    adminToken,
    service,
  };
}

export async function startWorkerService(env: Record<string, string | undefined>, quiet = false): Promise<Service> {
  // The react-server condition turns `server-only` imports into no-ops outside Next, as inside it.
  // Compiled JavaScript on plain node (scripts/build-worker.mjs): no TypeScript loader in the worker's memory.
  execFileSync(process.execPath, ["scripts/build-worker.mjs"], { stdio: quiet ? "ignore" : "inherit" });
  return startService("worker", process.execPath, ["--conditions=react-server", WORKER_BUNDLE], { env, quiet });
}

/** `npm run lake:ingest` for one lake region at a low rate: the demo's live events (issue 16). */
export function startIngestService(env: Record<string, string | undefined>, region: string, rate: string): Service {
  return startService(
    `ingest ${region.toLowerCase()}`,
    tsx,
    ["--conditions=react-server", "scripts/lake-ingest.ts", "--region", region, "--rate", rate],
    { env, quiet: true },
  );
}

/** `next dev` or `next start` (which needs a build in .next). Resolves once the health route answers. */
export async function startWebService(
  mode: "dev" | "production",
  port: number,
  env: Record<string, string | undefined>,
  quiet = false,
): Promise<Service> {
  const args =
    mode === "dev" ? ["dev", "-p", String(port), "-H", "127.0.0.1"] : ["start", "-p", String(port), "-H", "127.0.0.1"];
  const service = startService("web", next, args, { env: { NEXT_TELEMETRY_DISABLED: "1", ...env }, quiet });
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, service, 300_000);
  return service;
}

const buildIdFile = () => path.resolve(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");

export function hasProductionBuild(): boolean {
  return fs.existsSync(buildIdFile());
}

export function productionBuildTime(): string {
  return fs.statSync(buildIdFile()).mtime.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}
