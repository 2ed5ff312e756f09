// A migrated database of its own for a test file whose work must not see other files' rows (e.g. the
// provisioning suite, which points the shared provider accounts at its own emulator). Must run before the
// first use of lib/db or lib/config in that file's process: both read DATABASE_URL lazily, once.
import { randomBytes } from "node:crypto";
import { createDatabase, databaseName } from "../../scripts/lib/postgres";
import { migrateDeploy } from "../../scripts/lib/prisma-cli";
import { MIGRATED_TEMPLATE_ENV } from "./file-database";

export async function useIsolatedDatabase(label: string): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set: run through vitest (lib/testing/test-db.ts) or npm test");
  const name = `${label}_${randomBytes(4).toString("hex")}`;
  // Under vitest the globalSetup keeps a migrated template: copying it takes a fraction of `prisma migrate
  // deploy` (a CLI start plus every migration).
  // Only on the cluster that holds it: a file with a PostgreSQL of its own (reliability/database-restart)
  // migrates its databases itself.
  const templateUrl = process.env[MIGRATED_TEMPLATE_ENV];
  const template = templateUrl && sameCluster(templateUrl, base) ? databaseName(templateUrl) : undefined;
  const url = await createDatabase(base, name, template);
  if (!template) await migrateDeploy(url);
  process.env.DATABASE_URL = url;
  return url;
}

function sameCluster(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  return x.hostname === y.hostname && x.port === y.port && x.searchParams.get("host") === y.searchParams.get("host");
}
