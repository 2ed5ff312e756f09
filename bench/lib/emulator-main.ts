// The Snowflake emulator as a child process for the benchmarks: like `npm run emulator` (emulator/cli.ts),
// plus a lake row scale (BENCH_LAKE_ROW_SCALE) so a throwaway store seeds in seconds, and quiet logs.
// A separate process on purpose: its CPU and memory are measured apart from the code under test.
import path from "node:path";
import { startEmulator } from "../../emulator/index";
import type { EmulatorEngine } from "../../emulator/engine/index";
import { ensureProvisionerKey, registerProvisionerKey } from "../../emulator/server/provisioner-key";
import { writeAdminToken } from "../../emulator/server/admin-token";

const dataDir = path.resolve(process.env.EMULATOR_DATA_DIR ?? "bench/tmp/emulator");
const key = await ensureProvisionerKey(dataDir);
const emulator = await startEmulator({
  adminToken: await writeAdminToken(dataDir),
  port: Number(process.env.EMULATOR_PORT ?? 0),
  dataDir,
  seed: true,
  provisionerPublicKeyPem: key.publicKeyPem,
  lakeRowScale: Number(process.env.BENCH_LAKE_ROW_SCALE ?? 0.05),
  latencyMs: Number(process.env.EMULATOR_LATENCY_MS ?? 0),
  queryLogCapacity: 100_000,
  logLevel: "error",
});
await registerProvisionerKey(emulator.engine as EmulatorEngine, key.publicKeyPem);
console.log(`emulator ready on ${emulator.url}`);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await emulator.close();
    process.exit(0);
  });
}
