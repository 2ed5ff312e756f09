// What every benchmark file shares: its command-line options, its result record (bench/results/<name>.json)
// and the "run me when executed directly" entry point.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type BenchOptions = {
  /** Repetitions of each side-by-side measurement (default 5; --quick: 2). */
  reps: number;
  /** Small settings for a fast check that the bench works end to end. */
  quick: boolean;
  /** Reuse an existing .next-bench build instead of building (portal, memory). */
  reuseBuild: boolean;
  /** Every `--key value` / `--flag` given, for bench-specific settings. */
  flags: Record<string, string | true>;
};

export type BenchResult = {
  name: string;
  title: string;
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; loadAverageAtStart: number[]; node: string };
  settings: Record<string, unknown>;
  /** Everything measured, raw per repetition plus summaries. */
  data: unknown;
  /** The section for summary.md. */
  markdown: string;
  /** Anything the reader must know (skipped parts, missing routes, caveats). */
  notes: string[];
};

export const resultsDir = path.resolve("bench/results");
export const tmpDir = path.resolve("bench/tmp");

export function parseOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) continue;
    const [key, inline] = arg.slice(2).split("=", 2);
    if (inline !== undefined) flags[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) flags[key] = argv[++i];
    else flags[key] = true;
  }
  const quick = flags.quick === true || flags.quick === "1";
  const reps = flags.reps !== undefined ? Math.max(1, Number(flags.reps)) : quick ? 2 : 5;
  return { reps, quick, reuseBuild: flags["reuse-build"] !== undefined, flags };
}

export function numberFlag(options: BenchOptions, key: string, fallback: number): number {
  const value = options.flags[key];
  return value === undefined || value === true ? fallback : Number(value);
}

export function writeResult(result: BenchResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.name}.json`);
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
  return file;
}

export function readResult(name: string): BenchResult | null {
  const file = path.join(resultsDir, `${name}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as BenchResult) : null;
}

export type BenchBody = (
  options: BenchOptions,
  notes: string[],
) => Promise<{ title: string; settings: Record<string, unknown>; data: unknown; markdown: string }>;

/** Runs `body`, records its result; returns it. */
export async function runBench(
  name: string,
  body: BenchBody,
  options: BenchOptions = parseOptions(),
): Promise<BenchResult> {
  const started = Date.now();
  const loadAverageAtStart = os.loadavg().map((v) => Math.round(v * 100) / 100);
  const notes: string[] = [];
  const out = await body(options, notes);
  const result: BenchResult = {
    name,
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 100) / 10,
    machine: { cpus: os.cpus().length, loadAverageAtStart, node: process.version },
    notes,
    ...out,
  };
  writeResult(result);
  return result;
}

/** True when `moduleUrl` is the script node was started with (the bench file run on its own). */
export function isMain(moduleUrl: string): boolean {
  return !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

/** Entry point of a bench file run directly: run, print its section, exit (stopping what it started). */
export async function main(name: string, body: BenchBody, cleanup: () => Promise<void>): Promise<void> {
  let code = 0;
  try {
    const result = await runBench(name, body);
    console.log("\n" + result.markdown);
    for (const note of result.notes) console.log(`note: ${note}`);
  } catch (error) {
    console.error(error);
    code = 1;
  } finally {
    await cleanup().catch((error) => console.error("cleanup failed:", error));
  }
  process.exit(code);
}
