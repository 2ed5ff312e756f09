// Shared setup for the engine tests: one seeded store per test file (small lake), sessions per account.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEngine, type EmulatorEngine, type EngineOptions } from "../engine/index";
import { publishSeededStore, restoreSeededStore } from "../testing/seeded-store-templates";
import type { Bind, SessionContext, StatementResult } from "../engine/types";

export async function tempEngine(
  options: Partial<EngineOptions> = {},
): Promise<{ engine: EmulatorEngine; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "floe-engine-"));
  const engineOptions = { dataDir: dir, lakeRowScale: 0.05, ...options };
  // This run's seeded store of the same kind, when there is one (emulator/testing/seeded-store-templates.ts).
  if (engineOptions.seed !== false) restoreSeededStore(dir, engineOptions);
  const engine = await createEngine(engineOptions);
  if (engine.seedMillis !== null) publishSeededStore(dir, engineOptions);
  return { engine, dir };
}

export const session = (accountLocator: string, user = "ADMIN", role = "ACCOUNTADMIN"): SessionContext => ({
  accountLocator,
  user,
  role,
  database: null,
  schema: null,
  warehouse: null,
});

export function runner(engine: EmulatorEngine) {
  const run = (s: SessionContext, sql: string, binds?: Bind[]): Promise<StatementResult[]> =>
    engine.execute(s, sql, binds);
  const one = async (s: SessionContext, sql: string, binds?: Bind[]) => (await run(s, sql, binds))[0];
  const fails = async (s: SessionContext, sql: string, binds?: Bind[]) => {
    try {
      await run(s, sql, binds);
    } catch (e) {
      return e as { code: string; sqlState: string; message: string };
    }
    throw new Error(`expected failure: ${sql}`);
  };
  return { run, one, fails };
}

export const text = (v: string): Bind => ({ type: "TEXT", value: v });
