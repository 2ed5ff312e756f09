// One database per db-project test file, so files run in parallel (vitest.config.ts) without seeing each
// other's rows or queue jobs: a copy of the run's template database (migrated, reference data in:
// lib/testing/test-db.ts). PostgreSQL copies it in a fraction of a second; the copies are dropped at the
// start of the next run and, on a given cluster, at teardown.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, databaseName, databaseUrl } from "../../scripts/lib/postgres";

/** Set by the globalSetup: the URL of the migrations-only template that useIsolatedDatabase copies. */
export const MIGRATED_TEMPLATE_ENV = "FLOE_TEST_MIGRATED_TEMPLATE";

const fileSuffix = /_f[0-9a-f]{8}$/;

/** A fresh copy of the template for one test file (a file's worker process runs it alone). */
export async function createFileDatabase(templateUrl: string): Promise<string> {
  const template = databaseName(templateUrl);
  const name = `${template}_f${randomBytes(4).toString("hex")}`;
  try {
    return await createDatabase(templateUrl, name, template);
  } catch (error) {
    // 55006: someone holds a session on the template (e.g. an app pointed at the same DATABASE_URL).
    if ((error as { code?: string }).code !== "55006") throw error;
    throw new Error(
      `Cannot copy the test database "${template}": another session is connected to it. Point DATABASE_URL ` +
        "at a database nothing else uses (or unset it for a throwaway one).",
      { cause: error },
    );
  }
}

/** Drops every file's copy of `templateUrl`'s database (a new run starts from fresh copies). */
export async function dropFileDatabases(templateUrl: string): Promise<void> {
  const template = databaseName(templateUrl);
  await withAdmin(templateUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `${template}\\_f%`,
    ]);
    for (const { datname } of rows) {
      if (fileSuffix.test(datname)) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}

async function withAdmin<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrl(url, "postgres") });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
