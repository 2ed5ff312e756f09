// Runs `prisma generate` (postinstall). The schema's datasource names env("DATABASE_URL"), which Prisma 6
// insists on resolving even though generating the client never connects; a placeholder keeps a fresh
// `npm install` working without any configuration. Plain .mjs so it runs before tsx is needed.
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://placeholder@localhost:5432/placeholder",
};
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
