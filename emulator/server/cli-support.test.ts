// What the CLI relies on: environment parsing and the provisioner key files.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { readEmulatorEnv } from "./env";
import { publicKeyFingerprint } from "./jwt-auth";
import { ensureProvisionerKey } from "./provisioner-key";
import { adminTokenPath, readAdminToken, writeAdminToken } from "./admin-token";

test("env: defaults, EMULATOR_FAULTS as config or rule list, readable errors", () => {
  expect(readEmulatorEnv({})).toMatchObject({
    EMULATOR_PORT: 4080,
    EMULATOR_DATA_DIR: ".data/emulator",
    EMULATOR_HOST: "127.0.0.1",
  });
  const env = readEmulatorEnv({
    EMULATOR_PORT: "0",
    EMULATOR_LATENCY_MS: "25",
    EMULATOR_FAULTS: JSON.stringify([{ kind: "http_error", sqlPattern: "^CREATE SHARE", times: 2 }]),
  });
  expect(env.EMULATOR_PORT).toBe(0);
  expect(env.EMULATOR_LATENCY_MS).toBe(25);
  expect(env.EMULATOR_FAULTS).toEqual([
    { kind: "http_error", status: 503, target: "query", sqlPattern: "^CREATE SHARE", times: 2 },
  ]);
  expect(() => readEmulatorEnv({ EMULATOR_FAULTS: "{nope" })).toThrow(/EMULATOR_FAULTS: is not valid JSON/);
  expect(() => readEmulatorEnv({ EMULATOR_PORT: "http" })).toThrow(/EMULATOR_PORT/);
});

test("admin token: a new random token per start, in a 0600 file of the data dir", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "floe-emulator-token-"));
  try {
    const first = await writeAdminToken(dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect((await stat(adminTokenPath(dir))).mode & 0o777).toBe(0o600);
    expect(await readAdminToken(dir)).toBe(first);
    const second = await writeAdminToken(dir);
    expect(second).not.toBe(first);
    expect(await readAdminToken(dir)).toBe(second);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("provisioner key: PKCS#8 private key with mode 0600, created once and then reused", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "floe-emulator-key-"));
  try {
    const first = await ensureProvisionerKey(dir);
    expect(first.created).toBe(true);
    expect(first.privateKeyPath).toBe(path.join(dir, "keys", "floe_provisioner.p8"));
    expect((await stat(first.privateKeyPath)).mode & 0o777).toBe(0o600);
    const second = await ensureProvisionerKey(dir);
    expect(second.created).toBe(false);
    expect(publicKeyFingerprint(second.publicKeyPem)).toBe(publicKeyFingerprint(first.publicKeyPem));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
