// Seeding the emulator's world (accounts, users, the lake and its generated rows) costs a test file about 7 s
// of CPU (28 s of wall time at load 25 on 2 cores), and some 40 files of a run start an emulator. The engine
// already keeps its freshly seeded store as seeded.duckdb beside the live one (reset() copies it back), so a
// run keeps that file once per kind of seed and every later start copies it instead of seeding again: the
// same bytes a fresh seed would write. Only while FLOE_EMULATOR_TEMPLATE_DIR is set (vitest's globalSetup,
// seeded-store-templates.global-setup.ts: a temp dir per run, removed at its end), so a template never
// outlives the code that seeded it. Unset, every start seeds as before.
import { createHash, generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const TEMPLATE_DIR_ENV = "FLOE_EMULATOR_TEMPLATE_DIR";
// The engine's file names (emulator/engine/index.ts): the live store and its pristine seeded copy.
const STORE_FILE = "emulator.duckdb";
const PRISTINE_FILE = "seeded.duckdb";

/** What a seed depends on: two starts with equal kinds seed byte-for-byte equal worlds. */
export type SeedKind = { passwords?: unknown; provisionerPublicKeyPem?: string; lakeRowScale?: number };

function templateFile(kind: SeedKind): string | null {
  const root = process.env[TEMPLATE_DIR_ENV];
  if (!root || !fs.existsSync(root)) return null;
  const key = JSON.stringify([kind.passwords ?? null, kind.provisionerPublicKeyPem ?? null, kind.lakeRowScale ?? 1]);
  return path.join(root, `${createHash("sha256").update(key).digest("hex").slice(0, 16)}.duckdb`);
}

/** Fills a new, empty data dir from this run's template of the same seed; false when there is none (yet). */
export function restoreSeededStore(dataDir: string, kind: SeedKind): boolean {
  const template = templateFile(kind);
  if (!template || !fs.existsSync(template)) return false;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.copyFileSync(template, path.join(dataDir, PRISTINE_FILE));
  fs.copyFileSync(template, path.join(dataDir, STORE_FILE));
  return true;
}

/** After a start that seeded: its pristine store becomes the run's template (written aside, then renamed). */
export function publishSeededStore(dataDir: string, kind: SeedKind): void {
  const template = templateFile(kind);
  const pristine = path.join(dataDir, PRISTINE_FILE);
  if (!template || fs.existsSync(template) || !fs.existsSync(pristine)) return;
  const partial = `${template}.${process.pid}.partial`;
  fs.copyFileSync(pristine, partial);
  fs.renameSync(partial, template); // atomic; a racing worker's identical copy is replaced by an identical one
}

/**
 * The provisioner's key pair, one per run while templates are on (the seed registers its public key, so a
 * template is only reusable with the same key); a fresh pair per start otherwise.
 */
export function provisionerKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const root = process.env[TEMPLATE_DIR_ENV];
  const file = root && fs.existsSync(root) ? path.join(root, "provisioner-key.json") : null;
  if (file && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pair = {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
  if (!file) return pair;
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(pair));
  try {
    fs.linkSync(partial, file); // fails when another worker wrote its pair first: use that one
    return pair;
  } catch {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } finally {
    fs.rmSync(partial, { force: true });
  }
}
