// Figures the suite measured, one JSON file per concern under reliability/results/ (read by
// scripts/reliability.ts for summary.md). Written by the tests themselves, so the numbers are the run's.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// `npm run test:reliability` points this at reliability/results (committed with the README's figures);
// inside `npm test` the figures go to a temp folder so a test run leaves the working tree clean.
export const resultsDir = process.env.RELIABILITY_RESULTS_DIR ?? path.join(os.tmpdir(), "floe-reliability-results");

export function writeResult(name: string, data: Record<string, unknown>): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  const body = { ...data, measuredAt: new Date().toISOString() };
  fs.writeFileSync(path.join(resultsDir, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
}
