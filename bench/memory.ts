// Bench 5 — Memory. Peak RSS (process tree, sampled every 200 ms from /proc; plus the largest process's
// VmHWM) of a provisioning worker and of the emulator while bench 2 drains its approvals, and of the web
// server (`next start`) while bench 6 load-tests it. Those benches sample as they run; this one collects
// their figures from bench/results/{throughput,portal}.json when they were written by this `npm run bench`
// (BENCH_RUN_STARTED) or, run alone, runs a short version of each first. `--web-only`: only the web server's
// figure (from the portal bench), without the worker/emulator part (whose short throughput run opens 100
// approvals at once and failed with Prisma P2028 on a loaded machine).
import { portalBench, stopPortalBench, type PortalData } from "./portal";
import { throughputBench, stopThroughputBench, type Phase } from "./throughput";
import { table } from "./lib/markdown";
import { isMain, main, readResult, runBench, type BenchBody, type BenchOptions, type BenchResult } from "./lib/run";
import { stopBenchPostgres } from "./lib/stack";

function fresh(result: BenchResult | null): boolean {
  const since = process.env.BENCH_RUN_STARTED;
  return !!result && !!since && Date.parse(result.startedAt) >= Number(since);
}

export const memoryBench: BenchBody = async (options, notes) => {
  const webOnly = options.flags["web-only"] !== undefined;
  let throughput = webOnly ? null : readResult("throughput");
  if (!webOnly && !fresh(throughput)) {
    notes.push("memory: ran a short throughput bench (2 workers, 1 rep) to sample worker and emulator memory");
    const small: BenchOptions = { ...options, flags: { ...options.flags, workers: "2", reps: "1" }, reps: 1 };
    throughput = await runBench("throughput", throughputBench, small);
    await stopThroughputBench();
  }
  let portal = readResult("portal");
  if (!fresh(portal)) {
    notes.push("memory: ran a short portal bench (1 rep, 3 s per target) to sample web server memory");
    const small: BenchOptions = {
      ...options,
      reuseBuild: true,
      flags: { scale: "10k", ...options.flags, reps: "1", duration: "3" },
      reps: 1,
    };
    portal = await runBench("portal", portalBench, small);
    await stopPortalBench();
  }
  const phases = throughput ? (throughput.data as { phases: Phase[] }).phases : [];
  const rows: string[][] = [];
  for (const n of [...new Set(phases.map((p) => p.workers))].sort((a, b) => a - b)) {
    const ps = phases.filter((p) => p.workers === n);
    const workerTree = Math.max(...ps.flatMap((p) => p.workerRss.map((r) => r.peakTreeRssMb)));
    const workerHwm = Math.max(...ps.flatMap((p) => p.workerRss.map((r) => r.peakProcessHwmMb)));
    const emulatorTree = Math.max(...ps.map((p) => p.emulatorRss.peakTreeRssMb));
    const emulatorHwm = Math.max(...ps.map((p) => p.emulatorRss.peakProcessHwmMb));
    rows.push([`worker (one of ${n}, bench 2)`, String(workerTree), String(workerHwm)]);
    rows.push([`emulator (with ${n} worker(s), bench 2)`, String(emulatorTree), String(emulatorHwm)]);
  }
  const web = (portal!.data as PortalData).webRss;
  rows.push([
    "web server, next start (bench 6 load)",
    String(web?.peakTreeRssMb ?? "n/a"),
    String(web?.peakProcessHwmMb ?? "n/a"),
  ]);
  const markdown = [
    "### Memory: peak RSS",
    "",
    table(["process", "peak RSS of process tree MB (200 ms samples)", "largest process VmHWM MB"], rows),
    "",
    "Process tree = tsx/next launcher + the node process doing the work (the launcher is ~40–60 MB of it).",
    "",
  ].join("\n");
  return {
    title: "Memory",
    settings: {},
    data: { rows, throughputStartedAt: throughput?.startedAt ?? null, portalStartedAt: portal!.startedAt },
    markdown,
  };
};

if (isMain(import.meta.url)) {
  await main("memory", memoryBench, async () => {
    await stopThroughputBench();
    await stopPortalBench();
    await stopBenchPostgres();
  });
}
