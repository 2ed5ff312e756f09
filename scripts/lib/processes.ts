// Child processes started by the dev, start and test scripts: prefixed output, readiness checks, and one
// shutdown path so Ctrl-C stops everything that was started (and nothing that was not).
import { spawn, type ChildProcess } from "node:child_process";

export type Service = { name: string; child: ChildProcess; stop: () => Promise<void> };

const running = new Set<Service>();

export function startService(
  name: string,
  command: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; quiet?: boolean; onLine?: (line: string) => void } = {},
): Service {
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() reaches grandchildren (next → its workers)
  });
  const forward = (stream: NodeJS.ReadableStream, target: NodeJS.WriteStream) => {
    let buffer = "";
    stream.on("data", (chunk) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        options.onLine?.(line);
        if (!options.quiet) target.write(`[${name}] ${line}\n`);
      }
    });
  };
  forward(child.stdout!, process.stdout);
  forward(child.stderr!, process.stderr);

  const service: Service = {
    name,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        running.delete(service);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 8000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        signalGroup(child, "SIGTERM");
      }),
  };
  running.add(service);
  return service;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].reverse().map((s) => s.stop()));
}

/** Waits until `url` answers (any HTTP status below 500), or the service exits, or the timeout passes. */
export async function waitForHttp(url: string, service: Service | null, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service && service.child.exitCode !== null)
      throw new Error(`${service.name} exited with code ${service.child.exitCode} before it was ready`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}

/** Stops every started service on Ctrl-C / SIGTERM, then runs `cleanup` (e.g. stop embedded Postgres). */
export function stopAllOnSignal(cleanup: () => Promise<void>): void {
  let stopping = false;
  const handler = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping everything this script started…`);
    await stopAll();
    await cleanup();
    process.exit(0);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

export function runToCompletion(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
