// The FLOE_PROVISIONER key pair of a local data dir: created once, so the app's dev config can point at
// the private key file and log in with key-pair auth exactly as it does against real Snowflake.
import { generateKeyPairSync } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EmulatorEngine } from "../engine/index";
import { publicKeyFingerprint } from "./jwt-auth";

export type ProvisionerKey = { privateKeyPath: string; publicKeyPath: string; publicKeyPem: string; created: boolean };

export async function ensureProvisionerKey(dataDir: string): Promise<ProvisionerKey> {
  const dir = path.join(dataDir, "keys");
  const privateKeyPath = path.join(dir, "floe_provisioner.p8");
  const publicKeyPath = path.join(dir, "floe_provisioner.pub");
  if (existsSync(privateKeyPath) && existsSync(publicKeyPath)) {
    return { privateKeyPath, publicKeyPath, publicKeyPem: await readFile(publicKeyPath, "utf8"), created: false };
  }
  // Only the key directory is private: a recursive mkdir with a mode would make the data dir (and .data/)
  // 0700 too, and embedded PostgreSQL, running as its own user under root, could not reach .data/postgres.
  await mkdir(dataDir, { recursive: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  // mode on create, then chmod: the umask must not leave the private key readable by others.
  await writeFile(privateKeyPath, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  await chmod(privateKeyPath, 0o600);
  await writeFile(publicKeyPath, publicKeyPem, { mode: 0o644 });
  return { privateKeyPath, publicKeyPath, publicKeyPem, created: true };
}

/**
 * Makes sure every FLOE_PROVISIONER user accepts the data dir's key — also when the key file was
 * created after the store was seeded (keys/ deleted, or a store seeded without a key). Idempotent.
 */
export async function registerProvisionerKey(engine: EmulatorEngine, publicKeyPem: string): Promise<string[]> {
  const wanted = publicKeyFingerprint(publicKeyPem);
  const body = publicKeyPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  const updated: string[] = [];
  for (const { account, users } of Object.values(engine.catalogSnapshot().accounts)) {
    if (!users.FLOE_PROVISIONER) continue;
    const keys = await engine.publicKeysFor(account.locator, "FLOE_PROVISIONER");
    if (keys?.publicKeysPem.some((pem) => publicKeyFingerprint(pem) === wanted)) continue;
    const session = {
      accountLocator: account.locator,
      user: "FLOE_PROVISIONER",
      role: "ACCOUNTADMIN",
      database: null,
      schema: null,
      warehouse: null,
    };
    await engine.execute(session, `ALTER USER FLOE_PROVISIONER SET RSA_PUBLIC_KEY = '${body}'`, undefined);
    updated.push(account.locator);
  }
  return updated;
}
