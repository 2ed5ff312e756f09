// npm test — every suite against real services, ending with one line "N passed, N failed".
//   1. PostgreSQL: DATABASE_URL, or a throwaway embedded cluster.
//   2. Unit, database and emulator contract tests (vitest).
//   3. Browser tests (Playwright, Debian's Chromium) against a production build, with the Snowflake
//      emulator and the provisioning worker running beside it.
// `--only unit` or `--only e2e` runs one half; further arguments filter test files.
// NEXT_DIST_DIR (default .next) lets this build live beside a developer's own.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, ensurePostgres } from "./lib/postgres";
import { orExit } from "./lib/start-error";
import { migrateDeploy } from "./lib/prisma-cli";
import { freePort } from "./lib/free-port";
import { runToCompletion, stopAll } from "./lib/processes";
import { startEmulatorService, startWebService, startWorkerService } from "./lib/local-stack";
import { runSeed } from "../prisma/seed";

type Counts = { passed: number; failed: number; skipped: number };

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
// Anything else narrows the run: file filters for vitest and Playwright, e.g. `npm run test:e2e -- e2e/portal`.
const filters = args.filter((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--only");
const bin = (name: string) => path.resolve("node_modules/.bin", name);
// FLOE_TEST_REPORT_DIR keeps the JSON reports (per-file and per-test durations) after the run.
const keptReportDir = process.env.FLOE_TEST_REPORT_DIR;
if (keptReportDir) fs.mkdirSync(keptReportDir, { recursive: true });
const reportDir = keptReportDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "floe-test-reports-"));
process.env.NEXT_TELEMETRY_DISABLED = "1";

const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();
const postgres = await orExit(ensurePostgres("test"));
let exitCode = 0;
try {
  await migrateDeploy(postgres.url);
  if (!only || only === "unit") add(await runVitest(postgres.url));
  if (!only || only === "e2e") add(await runBrowserTests(postgres.url));
} catch (error) {
  console.error(error);
  totals.failed += 1;
} finally {
  await stopAll();
  await postgres.stop();
  if (!keptReportDir) fs.rmSync(reportDir, { recursive: true, force: true });
}
if (totals.failed > 0) exitCode = 1;
console.log(`\nFinished in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(exitCode);

function add(counts: Counts) {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

async function runVitest(databaseUrl: string): Promise<Counts> {
  console.log("\n== Unit, database and emulator tests (vitest)\n");
  // The generated share-boundary suite runs 50 worlds here (about 1.5 s each on 2 cores); `npm run
  // test:reliability` runs its full 200 and records the figures the README quotes.
  const env = { DATABASE_URL: databaseUrl, BOUNDARY_RUNS: process.env.BOUNDARY_RUNS ?? "25" };
  // Chosen files: one vitest run, each file in its project (vitest.config.ts).
  if (filters.length > 0) return vitestCounts(await vitestRun([...filters], env, "vitest.json"), "vitest.json");
  // The whole set: the database project runs its files one at a time as always (they share one database
  // and pg-boss queue), while the unit project — no PostgreSQL, nothing shared — runs beside it in a second
  // process, so the two cores are both busy. Its output is printed when it ends, not interleaved.
  const unitLog = path.join(reportDir, "vitest-unit.log");
  const [unitCode, dbCode] = await Promise.all([
    vitestRun(["--project", "unit"], { ...env, DATABASE_URL: undefined }, "vitest-unit.json", unitLog),
    vitestRun(["--project", "db"], env, "vitest-db.json"),
  ]);
  console.log("\n== Unit tests (ran beside the database tests)\n");
  process.stdout.write(fs.readFileSync(unitLog, "utf8"));
  const unit = vitestCounts(unitCode, "vitest-unit.json");
  const database = vitestCounts(dbCode, "vitest-db.json");
  return {
    passed: unit.passed + database.passed,
    failed: unit.failed + database.failed,
    skipped: unit.skipped + database.skipped,
  };
}

function vitestRun(
  args: string[],
  env: Record<string, string | undefined>,
  reportName: string,
  logFile?: string,
): Promise<number> {
  const argv = [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${path.join(reportDir, reportName)}`,
    ...args,
  ];
  if (!logFile) return runToCompletion(bin("vitest"), argv, env);
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, "w");
    const child = spawn(bin("vitest"), argv, { env: { ...process.env, ...env }, stdio: ["ignore", out, out] });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      fs.closeSync(out);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function vitestCounts(code: number, reportName: string): Counts {
  const report = path.join(reportDir, reportName);
  if (!fs.existsSync(report)) return { passed: 0, failed: 1, skipped: 0 };
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  const counts = {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
  };
  // A suite that fails to load has no failed tests but a failed file: count it, never hide it. The report's
  // `success` too, not only the exit code: with the db project's globalSetup, vitest has exited 0 after a
  // file whose setup threw (measured, vitest 4.1).
  if ((code !== 0 || json.success === false) && counts.failed === 0) {
    counts.failed = Math.max(1, json.numFailedTestSuites ?? 0);
  }
  return counts;
}

async function runBrowserTests(baseUrl: string): Promise<Counts> {
  console.log("\n== Browser tests (Playwright)\n");
  // The browser suite gets a database of its own: seeded demo world, untouched by the vitest suites.
  const databaseUrl = await createDatabase(baseUrl, "floe_e2e");
  await migrateDeploy(databaseUrl);

  const emulatorDir = fs.mkdtempSync(path.join(os.tmpdir(), "floe-emulator-"));
  const emulator = await startEmulatorService({ dataDir: emulatorDir, quiet: true });
  await runSeed(databaseUrl, { providerSecretRef: `file:${emulator.provisionerKeyPath}` });

  const env = {
    DATABASE_URL: databaseUrl,
    SNOWFLAKE_ACCESS_URL: emulator.url,
    FLOE_SECRETS_DIR: emulator.secretsDir,
    NODE_ENV: "production" as const,
    FLOE_DEMO_LOGIN: "1",
    NEXTAUTH_SECRET: "test-secret-that-is-long-enough-for-next-auth",
  };
  console.log("Building the production bundle…");
  // Built without a database on purpose: a build that needs one (a page prerendered with data) fails here.
  const buildCode = await runToCompletion(bin("next"), ["build"], {
    ...env,
    DATABASE_URL: undefined,
    NEXT_TELEMETRY_DISABLED: "1",
  });
  if (buildCode !== 0) return { passed: 0, failed: 1, skipped: 0 };

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  await startWorkerService(env, true);
  await startWebService("production", port, { ...env, NEXTAUTH_URL: baseURL, PORT: String(port) }, true);

  const report = path.join(reportDir, "playwright.json");
  const code = await runToCompletion(bin("playwright"), ["test", "--reporter=list,json", ...filters], {
    ...env,
    BASE_URL: baseURL,
    EMULATOR_URL: emulator.url,
    EMULATOR_ADMIN_TOKEN: emulator.adminToken,
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    PLAYWRIGHT_OUTPUT_DIR: path.join(reportDir, "playwright-output"),
    // The specs import snowflake-sdk (through lib/ and the emulator's client): its AWS SDK's Node-version
    // warning, silenced as everywhere else (lib/snowflake/aws-sdk-node-warning.ts).
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    // Tests drive the lifecycle through lib/ (e.g. approve in a test); `server-only` is a no-op under this condition.
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--conditions=react-server"].filter(Boolean).join(" "),
  });
  await stopAll();
  fs.rmSync(emulatorDir, { recursive: true, force: true });
  if (!fs.existsSync(report)) return { passed: 0, failed: 1, skipped: 0 };
  const stats = JSON.parse(fs.readFileSync(report, "utf8")).stats;
  const counts = { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  if (stats.flaky > 0) console.log(`${stats.flaky} browser test(s) passed only on retry (flaky): see the list above.`);
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  return counts;
}
