// PostgreSQL restarted (fast shutdown, then start) while provisioning runs are in flight: a worker process
// (scripts/worker.ts, as deployed) and this process (the web side: approvals, reads) must both carry on
// once the database is back, every run must end ACTIVE or FAILED with its reason, and Snowflake must hold
// exactly what Postgres says: no orphaned or duplicated shares, grants or entitlements.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRestartablePostgres, type RestartablePostgres } from "./support/restartable-postgres";

// A dedicated cluster (the suite's shared one must not go down under other test files), set before
// anything reads DATABASE_URL.
const postgres: RestartablePostgres = await startRestartablePostgres();
process.env.DATABASE_URL = postgres.url;
process.env.WORKER_STALE_AFTER_SECONDS = "3";

const { db } = await import("@/lib/db");
const { approveAndProvision } = await import("@/lib/provisioning/provision-commands");
const { createProviderExecutors } = await import("@/lib/provisioning/provider-executors");
const { stopBoss } = await import("@/lib/provisioning/queue");
const { reconcile, reconciliationProblems } = await import("@/lib/provisioning/testing/reconcile");
const { startProvisioningHarness } = await import("@/lib/provisioning/testing/provisioning-harness");
const { accountManagerId, submitTestRequest, waitFor } = await import("@/lib/provisioning/testing/scenario-world");
const { spawnWorker } = await import("@/lib/provisioning/testing/worker-process");
const { writeResult } = await import("./support/results");

type Harness = Awaited<ReturnType<typeof startProvisioningHarness>>;
let harness: Harness;
let worker: ReturnType<typeof spawnWorker> | undefined;
const executors = createProviderExecutors();

beforeAll(async () => {
  // 250 ms per Snowflake round trip: a run takes a few seconds, long enough to restart under it.
  harness = await startProvisioningHarness({ latencyMs: 250 });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await executors.close();
  await db.$disconnect();
  await harness?.stop();
  await postgres.destroy();
});

/** Where every run stands, and what the worker process said (and whether it is still alive). */
async function diagnose(requestIds: string[], w: NonNullable<typeof worker>): Promise<string> {
  const runs = await db.provisioningRun.findMany({
    where: { requestId: { in: requestIds } },
    select: {
      requestId: true,
      state: true,
      lockedBy: true,
      heartbeatAt: true,
      steps: { select: { key: true, state: true, attempts: true }, orderBy: { position: "asc" } },
    },
  });
  const exited = await Promise.race([
    w.exited.then((e) => JSON.stringify(e)),
    new Promise<string>((r) => setTimeout(() => r("still running"), 50)),
  ]);
  const lines = runs.map(
    (r) =>
      `${r.requestId} ${r.state} locked=${r.lockedBy} beat=${r.heartbeatAt?.toISOString()} ${r.steps.map((s) => `${s.key}:${s.state}/${s.attempts}`).join(" ")}`,
  );
  return [...lines, `worker: ${exited}`, ...w.lines.slice(-40)].join("\n");
}

async function runningSteps(requestIds: string[]): Promise<number> {
  return db.provisioningStep.count({ where: { state: "RUNNING", run: { requestId: { in: requestIds } } } });
}

describe("database restarted mid-run", () => {
  it("every run ends ACTIVE or FAILED with its reason, both processes reconnect, and Snowflake matches Postgres", async () => {
    worker = spawnWorker(harness, { WORKER_STALE_AFTER_SECONDS: "3", WORKER_CONCURRENCY: "4" });
    await worker.ready;
    const approverId = await accountManagerId();
    const before = await Promise.all(
      (["in-us", "in-eu", "x-us-west", "in-us"] as const).map((p) => submitTestRequest(p)),
    );
    const ids = before.map((r) => r.requestId);
    await Promise.all(ids.map((requestId) => approveAndProvision({ requestId, approverId })));

    // Restart once statements are in flight: steps RUNNING means Snowflake is being called right now.
    const deadline = Date.now() + 30_000;
    while ((await runningSteps(ids)) < 2) {
      if (Date.now() > deadline) throw new Error(`runs never got going:\n${worker.lines.join("\n")}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const inFlight = await runningSteps(ids);
    const restartedAt = Date.now();
    await postgres.stop();
    // The outage itself (not a wait for a race): 2 s down, so every pool meets it — heartbeats, queue
    // polls, and the statements that finish in Snowflake meanwhile and try to record themselves.
    await new Promise((r) => setTimeout(r, 2_000));
    await postgres.start();
    const downMs = Date.now() - restartedAt;

    // The web side works again: a new approval after the restart goes through the same pools.
    const after = await submitTestRequest("in-eu", { workspaces: 2 });
    await approveAndProvision({ requestId: after.requestId, approverId });
    const all = [...ids, after.requestId];

    const states: Record<string, string> = {};
    try {
      for (const id of all) states[id] = await waitFor(id, ["ACTIVE", "FAILED"], 45_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await diagnose(all, worker)}`);
    }
    const failed = await db.shareRequest.findMany({
      where: { id: { in: all }, state: "FAILED" },
      select: { id: true, failureStepKey: true, runs: { select: { errorCode: true, errorMessage: true } } },
    });
    for (const f of failed)
      expect({ step: f.failureStepKey, reason: f.runs[0]?.errorMessage ?? null }).toEqual({
        step: expect.any(String),
        reason: expect.any(String),
      });
    const workerAlive =
      worker.lines.length > 0 &&
      (await Promise.race([
        worker.exited.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), 50)),
      ]));
    expect(workerAlive, `the worker process exited:\n${worker.lines.slice(-30).join("\n")}`).toBe(true);

    const report = await reconcile({ executors });
    const problems = reconciliationProblems(report);
    const runs = await db.provisioningRun.groupBy({
      by: ["requestId"],
      where: { requestId: { in: all } },
      _count: true,
    });
    // How the runs got through: steps found done or run again after the outage, and the queue bookkeeping
    // the worker had to forgive (see surviveDatabaseRestarts).
    const resumedSteps = await db.provisioningStep.count({
      where: { run: { requestId: { in: all } }, OR: [{ state: "SKIPPED" }, { attempts: { gt: 1 } }] },
    });
    const outcome = {
      resumedSteps,
      queueBookkeepingForgiven: worker.lines.filter((l) => l.includes("queue bookkeeping failed")).length,
      requests: all.length,
      stepsInFlightAtRestart: inFlight,
      databaseDownMs: downMs,
      active: Object.values(states).filter((s) => s === "ACTIVE").length,
      failedWithReason: failed.length,
      runsPerRequest: Math.max(...runs.map((r) => r._count)),
      reconciliationProblems: problems.length,
      checked: report.checked,
      workerSurvived: workerAlive,
    };
    console.log(`database restart: ${JSON.stringify(outcome)}`);
    writeResult("database-restart", outcome);
    expect(problems).toEqual([]);
    expect(outcome.runsPerRequest).toBe(1);
  }, 150_000);
});
