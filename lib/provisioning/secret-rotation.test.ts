// Rotating a provider account's key while Floe runs: the operator registers a second key on the Snowflake
// user (RSA_PUBLIC_KEY_2), replaces the key file (or points secretRef at a new variable), then removes the
// old key. Statements already running finish on their old session; the next statements log in with the new
// key; the old pool closes once it is idle; nothing fails. Real snowflake-sdk against the emulator.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { generateRsaKeyPair, type TestConnection } from "@/emulator/testing/start-test-emulator";
import { connect as sdkConnect, type ConnectionSettings } from "@/lib/snowflake/client";
import { createProviderExecutors } from "./provider-executors";
import { startProvisioningHarness, type Harness } from "./testing/provisioning-harness";

const secretsDir = mkdtempSync(path.join(tmpdir(), "floe-rotation-"));
const keyFile = path.join(secretsDir, "provisioner.p8");
// Before lib/config is first read (it parses the environment once).
process.env.FLOE_SECRETS_DIR = secretsDir;
const keyB = generateRsaKeyPair();
const keyC = generateRsaKeyPair();
const ROTATED_ENV = "FLOE_SECRET_ROTATION_TEST_KEY";

let harness: Harness;
let admin: TestConnection;
let accountId: string;
const keyNames = new Map<string, string>();
/** The key each new Snowflake login used, in order (the executor's connect, instrumented, still the real SDK). */
const logins: string[] = [];
const executors = createProviderExecutors({
  connect: (settings: ConnectionSettings) => {
    const pem =
      settings.auth.kind === "key-pair"
        ? settings.auth.privateKeyPem
        : settings.auth.kind === "key-pair-file"
          ? readFileSync(settings.auth.privateKeyPath, "utf8")
          : "";
    logins.push(keyNames.get(pem.trim()) ?? "unknown");
    return sdkConnect(settings);
  },
});

const body = (pem: string) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
/** Replaces the key file the way an operator should: write aside, then rename over (never a half-written key). */
function writeKeyFile(pem: string) {
  writeFileSync(`${keyFile}.tmp`, pem, { mode: 0o600 });
  renameSync(`${keyFile}.tmp`, keyFile);
}
async function untilSessions(count: number) {
  const deadline = Date.now() + 10_000;
  while (harness.emulator.sessions.open() !== count) {
    if (Date.now() > deadline)
      throw new Error(`emulator has ${harness.emulator.sessions.open()} sessions, expected ${count}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  harness = await startProvisioningHarness();
  const keyA = harness.emulator.provisionerPrivateKeyPem!;
  keyNames.set(keyA.trim(), "A").set(keyB.privateKeyPem.trim(), "B").set(keyC.privateKeyPem.trim(), "C");
  writeKeyFile(keyA);
  const account = await db.providerAccount.findFirstOrThrow({ where: { locator: "FD10001" } });
  accountId = account.id;
  await db.providerAccount.update({
    where: { id: accountId },
    data: { secretRef: `file:${keyFile}`, authMethod: "KEY_PAIR" },
  });
  admin = await harness.emulator.connect("FD10001", "FLOE_PROVISIONER", { role: "ACCOUNTADMIN" });
}, 180_000);

afterAll(async () => {
  await executors.close();
  await admin?.close();
  await harness?.stop();
  rmSync(secretsDir, { recursive: true, force: true });
  delete process.env[ROTATED_ENV];
});

const select = (text: string) => ({ sql: `SELECT '${text}' AS T`, binds: undefined });

describe("provider secret rotation mid-run", () => {
  it("moves to a rotated key file: in-flight statements finish, the old pool closes, nothing fails", async () => {
    const before = harness.emulator.sessions.open();
    const first = await executors.forAccount(accountId);
    await first.run(select("warm"));
    expect(logins).toEqual(["A"]);

    // A statement in flight on key A's session while the key rotates.
    harness.emulator.faults.add({ kind: "latency", sqlPattern: "FLOE_SLOW_MARKER", ms: 1_500, times: 1 });
    const inFlight = first.run(select("FLOE_SLOW_MARKER"));
    await new Promise<void>((resolve) => {
      const poll = () =>
        harness.emulator.concurrency.snapshot().total.inFlight > 0 ? resolve() : setTimeout(poll, 10);
      poll();
    });

    await admin.execute(`ALTER USER FLOE_PROVISIONER SET RSA_PUBLIC_KEY_2 = '${body(keyB.publicKeyPem)}'`);
    writeKeyFile(keyB.privateKeyPem);
    const next = await executors.forAccount(accountId);
    await next.run(select("after rotation"));
    await admin.execute("ALTER USER FLOE_PROVISIONER UNSET RSA_PUBLIC_KEY");

    expect((await inFlight).rows).toEqual([{ T: "FLOE_SLOW_MARKER" }]);
    // Key A's session is closed once its statement finished: only key B's session stays open.
    await untilSessions(before + 1);
    // The executor taken before the rotation follows it too (resolved per statement, not per executor).
    await first.run(select("old executor"));
    await next.runBatch([select("b1"), select("b2")]);
    expect(logins).toEqual(["A", "B"]);
  });

  it("moves to a changed secretRef (a new environment variable) without a restart", async () => {
    process.env[ROTATED_ENV] = keyC.privateKeyPem;
    await admin.execute(`ALTER USER FLOE_PROVISIONER SET RSA_PUBLIC_KEY = '${body(keyC.publicKeyPem)}'`);
    await db.providerAccount.update({ where: { id: accountId }, data: { secretRef: `env:${ROTATED_ENV}` } });
    await admin.execute("ALTER USER FLOE_PROVISIONER UNSET RSA_PUBLIC_KEY_2");

    const executor = await executors.forAccount(accountId);
    expect((await executor.run(select("key C"))).rows).toEqual([{ T: "key C" }]);
    expect(logins).toEqual(["A", "B", "C"]);
  });
});
