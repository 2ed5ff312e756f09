// The portal bench's "side by side" table: this run's figures next to the previous run's, read from
// bench/results/portal.json before this run overwrites it (or from --previous <file>). Statements and
// bytes are exact either way; latencies depend on the machine's load, so the load average of both runs is
// printed with them.
import fs from "node:fs";
import type { BenchResult } from "./run";
import type { Load } from "./portal-http";
import { table } from "./markdown";
import { summarize } from "./stats";

type Probe = { status: number; bytes: number; queries: number[] };
type Scale = {
  label: string;
  requests: number;
  targets: Record<string, { probe: Probe; runs: Record<string, Load[]> }>;
};
type Data = { scales: Scale[]; queueAt500: Probe | null; webRss: { peakTreeRssMb: number } | null };

export function readPrevious(file: string | undefined, fallback: BenchResult | null): BenchResult | null {
  if (file) return JSON.parse(fs.readFileSync(file, "utf8")) as BenchResult;
  return fallback;
}

const median = (runs: Load[] | undefined, pick: (l: Load) => number) =>
  runs?.length ? summarize(runs.map(pick)).median : NaN;
const num = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
const pair = (before: string, now: string) => `${before} → ${now}`;

function cells(target: { probe: Probe; runs: Record<string, Load[]> } | undefined, connections: number[]) {
  const queries = target?.probe.queries.length ? Math.max(...target.probe.queries) : NaN;
  return {
    queries: num(queries),
    kB: target ? num(target.probe.bytes / 1000, 1) : "–",
    latency: connections.map((c) => {
      const runs = target?.runs[String(c)];
      return `${num(median(runs, (l) => l.p50))} / ${num(median(runs, (l) => l.p95))} / ${num(median(runs, (l) => l.p99))}`;
    }),
    rps: connections.map((c) => num(median(target?.runs[String(c)], (l) => l.rps))),
  };
}

export function sideBySide(previous: BenchResult | null, current: Data, connections: number[], loadNow: number[]) {
  if (!previous) return "No previous portal result to compare with.\n";
  const before = previous.data as Data;
  const rows: string[][] = [];
  for (const scale of current.scales) {
    const old = before.scales.find((s) => s.label === scale.label);
    for (const [name, target] of Object.entries(scale.targets)) {
      const a = cells(old?.targets[name], connections);
      const b = cells(target, connections);
      rows.push([
        `${scale.label}: ${name}`,
        pair(a.queries, b.queries),
        pair(a.kB, b.kB),
        ...connections.flatMap((_, i) => [pair(a.latency[i], b.latency[i]), pair(a.rps[i], b.rps[i])]),
      ]);
    }
  }
  const q500 = (d: Data) => (d.queueAt500 ? num(d.queueAt500.bytes / 1000, 1) : "–");
  const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(" / ");
  return [
    `#### Side by side: previous run (${previous.startedAt}, load average ${load(previous.machine.loadAverageAtStart)} at its start) → this run (load average ${load(loadNow)} at its end)`,
    "",
    table(
      [
        "target",
        "queries / view",
        "kB / view",
        ...connections.flatMap((c) => [`p50 / p95 / p99 ms @${c}`, `req/s @${c}`]),
      ],
      rows,
    ),
    "",
    `Queue page 1 with 500 organisations: ${q500(before)} → ${q500(current)} kB. Web server peak RSS: ${before.webRss?.peakTreeRssMb ?? "–"} → ${current.webRss?.peakTreeRssMb ?? "–"} MB.`,
    "",
  ].join("\n");
}
