// Fifty approvals at once, two worker processes on one queue, and every provider account bounded to three
// statements at a time: every request ends ACTIVE, the emulator never sees more than three statements in
// flight per account (the bound holds across processes), and Snowflake ends exactly as Postgres says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { approveAndProvision } from "./provision-commands";
import { createProviderExecutors } from "./provider-executors";
import { reconcile, reconciliationProblems } from "./testing/reconcile";
import { startProvisioningHarness, type Harness } from "./testing/provisioning-harness";
import { accountManagerId, submitTestRequest, type SharePath } from "./testing/scenario-world";
import { spawnWorker, type WorkerProcess } from "./testing/worker-process";

const REQUESTS = 50;
const MAX_CONCURRENCY = 3;
// Mostly in-region on both lakes, and some through each replication path.
const pathOf = (i: number): SharePath =>
  (["in-us", "in-eu", "in-us", "in-eu", "x-us-west", "in-us", "in-eu", "in-us", "in-eu", "x-eu-west"] as const)[i % 10];

let harness: Harness;
let workers: WorkerProcess[] = [];
const executors = createProviderExecutors();

beforeAll(async () => {
  harness = await startProvisioningHarness({ latencyMs: 20 });
  await db.providerAccount.updateMany({ data: { maxConcurrency: MAX_CONCURRENCY } });
  workers = [spawnWorker(harness, { WORKER_CONCURRENCY: "8" }), spawnWorker(harness, { WORKER_CONCURRENCY: "8" })];
  await Promise.all(workers.map((w) => w.ready));
}, 180_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await executors.close();
  await harness?.stop();
});

describe("50 approvals at once", () => {
  it("provisions every request with two workers, within each account's concurrency bound", async () => {
    const approverId = await accountManagerId();
    const requests: { requestId: string; rows: number }[] = [];
    for (let i = 0; i < REQUESTS; i += 10) {
      requests.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => submitTestRequest(pathOf(i + j))))));
    }
    const ids = requests.map((r) => r.requestId);
    harness.emulator.concurrency.reset();
    const startedAt = Date.now();

    await Promise.all(ids.map((requestId) => approveAndProvision({ requestId, approverId })));

    const deadline = Date.now() + 120_000;
    for (;;) {
      const states = await db.shareRequest.groupBy({ by: ["state"], where: { id: { in: ids } }, _count: true });
      const count = (state: string) => states.find((s) => s.state === state)?._count ?? 0;
      if (count("ACTIVE") === REQUESTS) break;
      expect(count("FAILED"), "no request failed").toBe(0);
      if (Date.now() > deadline)
        throw new Error(
          `not all ACTIVE after 120 s: ${JSON.stringify(states)}\n${workers
            .flatMap((w) => w.lines)
            .slice(-40)
            .join("\n")}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
    const elapsedMs = Date.now() - startedAt;

    // The bound held on every provider account, and was reached: the load really overlapped.
    const providers = await db.providerAccount.findMany({ select: { locator: true } });
    const peaks = harness.emulator.concurrency.snapshot().accounts;
    for (const { locator } of providers)
      expect(peaks[locator]?.peak ?? 0, locator).toBeLessThanOrEqual(MAX_CONCURRENCY);
    expect(Math.max(...providers.map((p) => peaks[p.locator]?.peak ?? 0))).toBe(MAX_CONCURRENCY);

    // Both worker processes took runs.
    const starts = await db.auditEvent.findMany({
      where: { requestId: { in: ids }, type: "request.provisioning_started" },
      select: { details: true },
    });
    const workerPids = new Set(starts.map((e) => String((e.details as { workerId: string }).workerId).split(":")[1]));
    expect([...workerPids].sort()).toEqual(workers.map((w) => String(w.pid)).sort());

    const report = await reconcile({ executors });
    expect(reconciliationProblems(report)).toEqual([]);
    const crossRegion = ids.filter((_, i) => pathOf(i).startsWith("x-")).length;
    expect(report.checked).toMatchObject({
      shares: REQUESTS,
      requests: REQUESTS,
      entitlementRows: REQUESTS + crossRegion,
    });
    console.log(`50 approvals: all ACTIVE in ${elapsedMs} ms; peaks ${JSON.stringify(peaks)}`);
  }, 240_000);
});
