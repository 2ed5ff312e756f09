// A provisioning worker as its own OS process (scripts/worker.ts compiled, exactly what `npm run worker` runs),
// pointed at a test harness: so a test can SIGKILL it mid-run, or run several against one queue.
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { PROVISIONER_KEY_ENV, type Harness } from "./provisioning-harness";

export type WorkerProcess = {
  pid: number;
  /** Everything it printed, stdout and stderr, line by line. */
  lines: string[];
  /** Resolves once the worker polls the queue; rejects if it exits first. */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<void>;
  stop(): Promise<void>;
};

export function spawnWorker(harness: Harness, env: Record<string, string> = {}): WorkerProcess {
  // Exactly what `npm run worker` runs: the compiled bundle on plain node (scripts/build-worker.mjs, rebuilt when a
  // source is newer), one process, so a signal reaches the worker itself. The react-server condition makes
  // `server-only` importable outside Next.js.
  const cwd = path.resolve(import.meta.dirname, "../../..");
  execFileSync(process.execPath, ["scripts/build-worker.mjs"], { cwd, stdio: "ignore" });
  const child = spawn(process.execPath, ["--conditions=react-server", ".build/worker/worker.mjs"], {
    cwd,
    env: {
      ...process.env,
      DATABASE_URL: harness.databaseUrl,
      SNOWFLAKE_ACCESS_URL: harness.emulator.url,
      [PROVISIONER_KEY_ENV]: process.env[PROVISIONER_KEY_ENV],
      WORKER_CONCURRENCY: "6",
      WORKER_STALE_AFTER_SECONDS: "60",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        lines.push(line);
        if (line.includes("working provisioning-run")) resolve();
      }
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    void exited.then(({ code, signal }) =>
      reject(new Error(`worker exited (${code ?? signal}) before it was ready:\n${lines.join("\n")}`)),
    );
  });
  ready.catch(() => {});
  return {
    pid: child.pid!,
    lines,
    ready,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.kill("SIGTERM");
      await exited;
      clearTimeout(timer);
    },
  };
}
