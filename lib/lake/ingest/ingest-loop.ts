// The generator's loop: every tick it lands the events due at the rate so far (fractions carried over), in
// batched INSERTs through a statement port (Floe's provider executor for `npm run lake:ingest`, the engine
// for the bench). Time and waiting are injected, so tests and the bench can drive it without sleeping.
import type { Statement } from "@/lib/snowflake/sql-identifiers";
import { EventGenerator } from "./events";
import { landingInserts } from "./landing-insert";

export type IngestPort = { run(statement: Statement): Promise<unknown> };
export type IngestStats = { events: number; statements: number; seconds: number };

export async function runIngest(options: {
  port: IngestPort;
  database: string;
  workspaces: string[];
  ratePerSecond: number;
  /** Stop after this many seconds (default: until `signal` aborts). */
  durationSeconds?: number;
  seed?: number;
  signal?: AbortSignal;
  tickMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}): Promise<IngestStats> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const tickMs = options.tickMs ?? 1000;
  const gen = new EventGenerator({ workspaces: options.workspaces, seed: options.seed ?? now() & 0x7fffffff });
  const started = now();
  const stopAt = options.durationSeconds === undefined ? Infinity : started + options.durationSeconds * 1000;
  let events = 0;
  let statements = 0;
  let lastLog = started;
  while (!options.signal?.aborted) {
    const t = Math.min(now(), stopAt);
    const due = Math.floor(((t - started) / 1000) * options.ratePerSecond) - events;
    if (due > 0) {
      for (const s of landingInserts(options.database, gen.batch(due, new Date(t)))) {
        await options.port.run(s.toStatement());
        statements++;
      }
      events += due;
    }
    if (t >= stopAt) break;
    if (options.log && t - lastLog >= 10_000) {
      options.log(`${events} events landed in ${Math.round((t - started) / 1000)} s`);
      lastLog = t;
    }
    await sleep(tickMs);
  }
  return { events, statements, seconds: (Math.min(now(), stopAt) - started) / 1000 };
}
