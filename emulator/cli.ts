// `npm run emulator` (serve) and `npm run emulator:reset` — the local Snowflake for development.
import { readdir, rm } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import type { EmulatorEngine } from "./engine/index";
import { startEmulator } from "./index";
import { readEmulatorEnv } from "./server/env";
import { loadEngine } from "./server/load-engine";
import { ensureProvisionerKey, registerProvisionerKey } from "./server/provisioner-key";
import { adminTokenPath, writeAdminToken } from "./server/admin-token";

const USAGE = "usage: tsx emulator/cli.ts serve | reset";

async function serve(): Promise<void> {
  const env = readEmulatorEnv();
  const dataDir = path.resolve(env.EMULATOR_DATA_DIR);
  const key = await ensureProvisionerKey(dataDir);
  // Written before the server listens, so whoever waits for the health endpoint can read it right after.
  const adminToken = await writeAdminToken(dataDir);
  const emulator = await startEmulator({
    adminToken,
    port: env.EMULATOR_PORT,
    host: env.EMULATOR_HOST,
    dataDir,
    seed: true,
    password: env.EMULATOR_PASSWORD,
    provisionerPublicKeyPem: key.publicKeyPem,
    latencyMs: env.EMULATOR_LATENCY_MS,
    faults: env.EMULATOR_FAULTS,
    sessionTokenValiditySeconds: env.EMULATOR_SESSION_TOKEN_VALIDITY_SECONDS,
    masterTokenValiditySeconds: env.EMULATOR_MASTER_TOKEN_VALIDITY_SECONDS,
    logLevel: env.EMULATOR_LOG_LEVEL,
  });
  const registered = await registerProvisionerKey(emulator.engine as EmulatorEngine, key.publicKeyPem);
  const faults = emulator.faults.get();
  const lines = [
    `Snowflake emulator listening on ${emulator.url}`,
    `  data dir: ${dataDir}`,
    `  FLOE_PROVISIONER private key: ${key.privateKeyPath}${key.created ? " (new)" : ""}`,
    ...(registered.length ? [`  registered its public key for FLOE_PROVISIONER in ${registered.join(", ")}`] : []),
    ...describeAccounts(emulator.engine as EmulatorEngine),
    `  admin API: ${emulator.url}/__emulator/ (loopback, no browsers) with Authorization: Bearer ${adminToken}`,
    `  admin token (new each start): ${adminTokenPath(dataDir)}`,
    ...(faults.latencyMs || faults.rules.length
      ? [`  faults: latency ${faults.latencyMs} ms, ${faults.rules.length} rule(s)`]
      : []),
  ];
  console.log(lines.join("\n"));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the emulator…`);
    await emulator.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

/** The seeded accounts and their users (never passwords), read from the engine's catalog. */
function describeAccounts(engine: EmulatorEngine): string[] {
  const accounts = Object.values(engine.catalogSnapshot().accounts);
  return [
    "  accounts (locator  org-account  region: users):",
    ...accounts.map(
      ({ account: a, users }) =>
        `    ${a.locator}  ${a.organization}-${a.name}  ${a.region}: ${Object.keys(users).join(", ")}`,
    ),
  ];
}

async function reset(): Promise<void> {
  const env = readEmulatorEnv();
  const dataDir = path.resolve(env.EMULATOR_DATA_DIR);
  // A mistyped EMULATOR_DATA_DIR must not wipe something precious.
  if ([path.parse(dataDir).root, homedir(), process.cwd()].includes(dataDir)) {
    throw new Error(`Refusing to wipe ${dataDir}: point EMULATOR_DATA_DIR at the emulator's own directory.`);
  }
  // The key pair survives a reset so the app's configured private key keeps working.
  const entries = await readdir(dataDir).catch(() => [] as string[]);
  await Promise.all(
    entries.filter((e) => e !== "keys").map((e) => rm(path.join(dataDir, e), { recursive: true, force: true })),
  );
  const key = await ensureProvisionerKey(dataDir);
  const engine = await loadEngine({
    dataDir,
    seed: true,
    password: env.EMULATOR_PASSWORD,
    provisionerPublicKeyPem: key.publicKeyPem,
  });
  await engine.close();
  console.log(`Emulator data in ${dataDir} wiped and re-seeded (keys kept).`);
}

const command = process.argv[2];
const run = command === "serve" ? serve : command === "reset" ? reset : null;
if (!run) {
  console.error(USAGE);
  process.exit(2);
}
run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
