// Runs the Prisma CLI (WASM schema engine, pg adapter: see prisma.config.ts) against a given database.
import { spawn } from "node:child_process";
import path from "node:path";

const prismaBin = path.resolve("node_modules/.bin/prisma");

export function runPrisma(args: string[], databaseUrl: string, options: { quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, args, {
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) {
        if (!options.quiet && out.trim()) process.stdout.write(out);
        resolve(out);
      } else reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${err || out}`));
    });
  });
}

/** Applies every migration in prisma/migrations that the database has not seen yet. */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  await runPrisma(["migrate", "deploy"], databaseUrl, { quiet: true });
}
