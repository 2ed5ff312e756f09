// Everything a provisioning test needs, real all the way down: an isolated migrated Postgres with the demo
// world, a Snowflake emulator reached through snowflake-sdk with key-pair auth, and helpers to submit,
// approve and wait for requests the way the app does.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoWorld } from "@/prisma/seed/demo-world";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing/start-test-emulator";
import { useIsolatedDatabase } from "@/lib/testing/isolated-database";

export type Harness = { emulator: TestEmulator; databaseUrl: string; stop(): Promise<void> };

export const PROVISIONER_KEY_ENV = "FLOE_SECRET_TEST_PROVISIONER_KEY";

export async function startProvisioningHarness(options: { latencyMs?: number } = {}): Promise<Harness> {
  const databaseUrl = await useIsolatedDatabase("provisioning");
  const emulator = await startTestEmulator({
    provisionerKey: true,
    lakeRowScale: 0.05,
    latencyMs: options.latencyMs,
    logLevel: "silent",
  });
  process.env[PROVISIONER_KEY_ENV] = emulator.provisionerPrivateKeyPem;
  process.env.SNOWFLAKE_ACCESS_URL = emulator.url;
  const seedClient = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  await seedDemoWorld(seedClient, { providerSecretRef: `env:${PROVISIONER_KEY_ENV}` });
  await seedClient.$disconnect();
  return { emulator, databaseUrl, stop: () => emulator.stop() };
}

/** Polls Postgres until the request reaches one of `states` (what a user watching the page waits for). */
export async function waitForRequestState(
  read: () => Promise<{ state: string } | null>,
  states: string[],
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    last = (await read())?.state ?? "missing";
    if (states.includes(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Request stayed ${last}; expected ${states.join(" or ")} within ${timeoutMs} ms`);
}
