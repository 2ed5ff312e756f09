// vitest globalSetup (both projects, vitest.config.ts): a temp dir for this run's seeded emulator stores
// (seeded-store-templates.ts), removed at the end of the run. An outer runner may give one (the env set).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEMPLATE_DIR_ENV } from "./seeded-store-templates";

let created: string | undefined;

export function setup(): void {
  if (process.env[TEMPLATE_DIR_ENV]) return;
  created = fs.mkdtempSync(path.join(os.tmpdir(), "floe-emulator-templates-"));
  process.env[TEMPLATE_DIR_ENV] = created;
}

export function teardown(): void {
  if (!created) return;
  fs.rmSync(created, { recursive: true, force: true });
  delete process.env[TEMPLATE_DIR_ENV];
  created = undefined;
}
