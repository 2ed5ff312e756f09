// A migrated database of its own for a test file whose work must not see other files' rows (e.g. the
// provisioning suite, which points the shared provider accounts at its own emulator). Must run before the
// first use of lib/db or lib/config in that file's process: both read DATABASE_URL lazily, once.
import { randomBytes } from "node:crypto";
import { createDatabase } from "../../scripts/lib/postgres";
import { migrateDeploy } from "../../scripts/lib/prisma-cli";

export async function useIsolatedDatabase(label: string): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set: run through vitest (lib/testing/test-db.ts) or npm test");
  const url = await createDatabase(base, `${label}_${randomBytes(4).toString("hex")}`);
  await migrateDeploy(url);
  process.env.DATABASE_URL = url;
  return url;
}
