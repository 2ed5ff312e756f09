import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { SubmitShareRequestOptions } from "../../lib/requests/submit-share-request";

// The request lifecycle API (lib/requests, lib/provisioning) for browser tests, through lifecycle-cli.ts.

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, "lifecycle-cli.ts");

async function call<T>(command: string, input: object): Promise<T> {
  const { stdout } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", cli, command, JSON.stringify(input)], {
    env: process.env,
    timeout: 60_000,
  });
  const lastLine = stdout.trim().split("\n").pop() ?? "null";
  return JSON.parse(lastLine) as T;
}

/** What an account manager's approve button does: record the decision, plan the run, enqueue it for the worker. */
export function approveRequest(requestId: string, approverEmail = "amelia@floe.example") {
  return call<{ requestId: string; runId: string }>("approve", { requestId, approverEmail });
}

/** Submits a request through lib/requests (same checks as the form's server action). */
export function submitRequest(options: SubmitShareRequestOptions) {
  return call<{ id: string; state: string }>("submit", options);
}
