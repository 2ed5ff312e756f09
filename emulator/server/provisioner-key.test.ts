// The key pair of a fresh data dir: only the key directory is private. `npm run emulator` runs before the
// first `npm run dev` on these machines (as root), and embedded PostgreSQL — which then runs as its own
// user — must still reach .data/postgres, so .data and the emulator's data dir keep the usual mode.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureProvisionerKey } from "./provisioner-key";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "floe-key-dirs-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe("ensureProvisionerKey on a fresh data dir", () => {
  it("makes keys/ 0700 and the private key 0600, and leaves the data dir's parents traversable", async () => {
    const dataDir = path.join(root, ".data/emulator");
    const key = await ensureProvisionerKey(dataDir);
    expect(key.created).toBe(true);
    expect(mode(path.join(dataDir, "keys"))).toBe(0o700);
    expect(mode(key.privateKeyPath)).toBe(0o600);
    for (const dir of [path.join(root, ".data"), dataDir]) expect(mode(dir) & 0o005).toBe(0o005);
  });
});
