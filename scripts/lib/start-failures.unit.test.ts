// A script that cannot reach its PostgreSQL says so in one sentence that tells what to do, and exits 1:
// no stack trace (issue 19, item 8). Run as the developer runs it, against a port nothing listens on.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { freePort } from "./free-port";

function run(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), [script], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

it("npm run db:migrate against an unreachable DATABASE_URL prints one sentence saying what to do, exit 1", async () => {
  const port = await freePort(); // free: nothing listens there
  const { code, output } = await run("scripts/db-migrate.ts", {
    DATABASE_URL: `postgresql://floe:secret-password@127.0.0.1:${port}/floe`,
  });
  expect(code).toBe(1);
  const lines = output.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]).msg).toBe(
    `Cannot reach the PostgreSQL of DATABASE_URL (postgresql://floe:***@127.0.0.1:${port}/floe: connect ECONNREFUSED 127.0.0.1:${port}): start it or correct DATABASE_URL, or unset DATABASE_URL to use the embedded PostgreSQL.`,
  );
  expect(output).not.toContain("secret-password");
}, 60_000);
