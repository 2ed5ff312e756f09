// vitest globalSetup: one real PostgreSQL for every database test of a run.
// - DATABASE_URL unset: a throwaway embedded cluster (temp dir, free port), deleted at teardown.
// - DATABASE_URL set (scripts/test.ts, CI): used as is after a guard, since tests write rows into it.
// Either way migrations are applied and the reference data every test expects (catalog datasets, provider
// accounts) is ensured once here, before the workers start: doing it per test file would race upserts on
// the same unique keys. That database is then only a template: each test file gets its own copy
// (lib/testing/file-database.ts), so files run in parallel without seeing each other's rows or queue jobs,
// and `<name>_migrated` (migrations only, copied before the reference data) is what useIsolatedDatabase
// copies. Tests still filter by the ids they created (a developer's DATABASE_URL may hold other rows).
import { PrismaPg } from "@prisma/adapter-pg";
import type { TestProject } from "vitest/node";
import { PrismaClient } from "../generated/prisma/client";
import { ensureDatasets, ensureProviderAccounts } from "../../prisma/seed/factories";
import {
  createDatabase,
  databaseName,
  databaseUrl,
  ensurePostgres,
  redact,
  type RunningPostgres,
} from "../../scripts/lib/postgres";
import { migrateDeploy } from "../../scripts/lib/prisma-cli";
import { dropFileDatabases, MIGRATED_TEMPLATE_ENV } from "./file-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

let embedded: RunningPostgres | undefined;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.DATABASE_URL;
  if (given) {
    assertDisposable(given);
  } else {
    embedded = await ensurePostgres("test", () => {});
    process.env.DATABASE_URL = embedded.url;
  }
  const url = process.env.DATABASE_URL as string;
  try {
    await migrateDeploy(url);
    // Workers' databases of an earlier run hold its rows and an older template: start from fresh copies.
    await dropFileDatabases(url);
    const migrated = `${databaseName(url)}_migrated`;
    await createDatabase(url, migrated, databaseName(url));
    process.env[MIGRATED_TEMPLATE_ENV] = databaseUrl(url, migrated);
    await ensureReferenceData(url);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide("databaseUrl", url);
}

export async function teardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  // A given (developer's) cluster keeps the template for the next run, not every worker's copy.
  if (!embedded && url) await dropFileDatabases(url).catch(() => {});
  if (!embedded) return;
  await embedded.stop();
  embedded = undefined;
  delete process.env.DATABASE_URL;
}

const localHosts = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

/** Tests create rows freely: never let a stray DATABASE_URL point them at a shared or production database. */
function assertDisposable(url: string): void {
  let host: string;
  try {
    const parsed = new URL(url);
    // `?host=/var/run/postgresql` is a local Unix socket.
    host = parsed.searchParams.get("host")?.startsWith("/") ? "" : parsed.hostname;
  } catch {
    throw new Error("DATABASE_URL is not a valid postgresql:// URL");
  }
  if (!localHosts.has(host) && process.env.FLOE_ALLOW_REMOTE_TEST_DB !== "1") {
    throw new Error(
      `Refusing to run database tests against ${redact(url)}: the host is not local and the tests write data. ` +
        "Unset DATABASE_URL for a throwaway embedded PostgreSQL, or set FLOE_ALLOW_REMOTE_TEST_DB=1 if that database is disposable.",
    );
  }
}

async function ensureReferenceData(url: string): Promise<void> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    await ensureDatasets(db);
    // Only when missing: a developer's database may hold provider accounts configured for real Snowflake.
    if ((await db.providerAccount.count()) === 0) await ensureProviderAccounts(db);
  } finally {
    await db.$disconnect();
  }
}
