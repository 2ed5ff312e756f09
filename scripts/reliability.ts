// npm run test:reliability — the reliability suite and its report.
//   1. PostgreSQL: DATABASE_URL, or a throwaway embedded cluster (as npm test).
//   2. vitest: reliability/ (authorization matrix, hostile inputs, request limits, database restart,
//      concurrency) and the provisioning fault suites it reports on (lib/provisioning/fault-matrix and
//      worker-crash).
//   3. reliability/results/summary.md from the figures the tests wrote (reliability/results/*.json) and
//      vitest's own report. Exit code 1 when any test failed; the summary says which.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensurePostgres } from "./lib/postgres";
import { orExit } from "./lib/start-error";
import { migrateDeploy } from "./lib/prisma-cli";
import { runToCompletion } from "./lib/processes";
import { renderSummary, type VitestReport } from "../reliability/support/summary";

const faultSuites = ["lib/provisioning/fault-matrix.test.ts", "lib/provisioning/worker-crash.test.ts"];
const resultsDir = path.resolve("reliability/results");
const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "floe-reliability-")), "vitest.json");
process.env.NEXT_TELEMETRY_DISABLED = "1";

const started = Date.now();
const postgres = await orExit(ensurePostgres("test"));
let code = 1;
try {
  await migrateDeploy(postgres.url);
  // Stale figures from an earlier run must not pass for this run's.
  for (const f of fs.existsSync(resultsDir) ? fs.readdirSync(resultsDir) : [])
    if (f.endsWith(".json")) fs.rmSync(path.join(resultsDir, f));
  code = await runToCompletion(
    path.resolve("node_modules/.bin/vitest"),
    ["run", "reliability/", ...faultSuites, "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`],
    { DATABASE_URL: postgres.url, RELIABILITY_RESULTS_DIR: resultsDir },
  );
} finally {
  await postgres.stop();
}

const report: VitestReport | null = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, "utf8")) : null;
const figures = Object.fromEntries(
  fs
    .readdirSync(resultsDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f.replace(/\.json$/, ""), JSON.parse(fs.readFileSync(path.join(resultsDir, f), "utf8"))]),
);
const seconds = Math.round((Date.now() - started) / 1000);
fs.writeFileSync(path.join(resultsDir, "summary.md"), renderSummary({ report, figures, seconds, faultSuites }));
console.log(`\nReliability report: reliability/results/summary.md (${seconds} s)`);
process.exit(code === 0 && report?.success ? 0 : 1);
