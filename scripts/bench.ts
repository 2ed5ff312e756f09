// npm run bench — Floe's benchmarks (see bench/README.md). Each bench runs in its own process
// (`tsx bench/<file>.ts`, with the react-server condition so lib/**'s "server-only" imports resolve)
// against one throwaway embedded PostgreSQL (or DATABASE_URL) and its own emulator; results go to
// bench/results/<name>.json and the markdown tables to bench/results/summary.md (also printed).
//   npm run bench                          everything (~10 min on 2 cores)
//   npm run bench -- provisioning portal   some of them
//   npm run bench -- --quick               small settings, to check the harness works
//   flags: --reps N, --reuse-build, --latency MS, --throughput-latency MS, --workers 1,2,4, --approvals N,
//          --orgs N, --duration S, --connections N, --result-fetch-latency MS
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { ensurePostgres } from "./lib/postgres";
import { orExit } from "./lib/start-error";

const benches = [
  {
    name: "provisioning",
    file: "bench/provisioning-round-trips.ts",
    aliases: ["provisioning-round-trips", "round-trips"],
  },
  { name: "throughput", file: "bench/throughput.ts", aliases: [] },
  { name: "schema-preview", file: "bench/schema-preview.ts", aliases: ["preview"] },
  { name: "bundle", file: "bench/bundle.ts", aliases: [] },
  { name: "portal", file: "bench/portal.ts", aliases: ["load"] },
  { name: "memory", file: "bench/memory.ts", aliases: [] },
  { name: "ingest", file: "bench/ingest.ts", aliases: ["pipeline", "freshness"] },
  { name: "erasure", file: "bench/erasure.ts", aliases: ["gdpr"] },
] as const;

const args = process.argv.slice(2);
const flags: string[] = [];
const names: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith("--")) {
    flags.push(args[i]);
    if (
      args[i + 1] !== undefined &&
      !args[i + 1].startsWith("--") &&
      !args[i].includes("=") &&
      !["--quick", "--reuse-build", "--fresh-build", "--web-only"].includes(args[i])
    )
      flags.push(args[++i]);
  } else names.push(args[i]);
}
const selected =
  names.length === 0
    ? [...benches]
    : names.map((n) => {
        const found = benches.find((b) => b.name === n || (b.aliases as readonly string[]).includes(n));
        if (!found) {
          console.error(`Unknown bench "${n}". Known: ${benches.map((b) => b.name).join(", ")}`);
          process.exit(2);
        }
        return found;
      });
// The portal bench reuses the build the bundle bench just made.
const runFlags = (name: string) =>
  name === "portal" && selected.some((b) => b.name === "bundle") && !flags.includes("--reuse-build")
    ? [...flags, "--reuse-build"]
    : flags;

const started = Date.now();
process.env.NEXT_TELEMETRY_DISABLED = "1";
const postgres = await orExit(ensurePostgres("test", () => {}));
const env = {
  ...process.env,
  BENCH_DATABASE_URL: postgres.url,
  BENCH_RUN_STARTED: String(started),
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim(),
};
const outcomes: { name: string; code: number; seconds: number }[] = [];
let stopping = false;
const onSignal = () => {
  stopping = true;
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
try {
  for (const bench of selected) {
    if (stopping) break;
    console.log(`\n== ${bench.name} (${bench.file})`);
    const t = Date.now();
    const code = await new Promise<number>((resolve) => {
      const child = spawn(path.resolve("node_modules/.bin/tsx"), [bench.file, ...runFlags(bench.name)], {
        env,
        stdio: "inherit",
      });
      child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
    outcomes.push({ name: bench.name, code, seconds: Math.round((Date.now() - t) / 1000) });
  }
} finally {
  await postgres.stop();
}

const sections: string[] = [];
for (const bench of selected) {
  const file = path.resolve("bench/results", `${bench.name}.json`);
  if (!fs.existsSync(file)) continue;
  const result = JSON.parse(fs.readFileSync(file, "utf8"));
  if (Date.parse(result.startedAt) < started) continue; // not from this run
  sections.push(
    result.markdown,
    ...(result.notes.length ? [result.notes.map((n: string) => `> note: ${n}`).join("\n"), ""] : []),
  );
}
const load = os
  .loadavg()
  .map((v) => v.toFixed(2))
  .join(" ");
const summary = [
  "## Benchmark results",
  "",
  `\`npm run bench${args.length ? " -- " + args.join(" ") : ""}\` on ${new Date(started).toISOString()}, ${os.cpus().length} CPUs, Node ${process.version}, load average at the end ${load}. ` +
    "Shared machine: other builds and tests may have been running, so read the spreads, not just the medians.",
  "",
  ...sections,
  `Benches: ${outcomes.map((o) => `${o.name} ${o.code === 0 ? "ok" : `FAILED (exit ${o.code})`} in ${o.seconds} s`).join(", ")}; total ${Math.round((Date.now() - started) / 1000)} s.`,
  "",
].join("\n");
fs.mkdirSync("bench/results", { recursive: true });
if (sections.length) {
  // A partial run (some benches) keeps the other sections of the previous summary out: the file says what ran.
  fs.writeFileSync("bench/results/summary.md", summary);
}
console.log("\n" + summary);
process.exit(outcomes.some((o) => o.code !== 0) ? 1 : 0);
