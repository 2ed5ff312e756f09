// The worker's sweep of runs the queue lost track of (worker.ts sweepLostRuns). Found by
// reliability/database-restart.test.ts (1 run in 3): a run whose handler failed after its claim goes back to
// QUEUED at once (run-claim.test.ts), but when PostgreSQL drops at that moment pg-boss cannot record the
// job's failure, so the job stays "active" (until its 15 min expiry) and the sweep took the run as covered:
// it stayed QUEUED with no worker on it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBrand, latestRunId, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { enqueueRun, getBoss, liveJobs, RUN_QUEUE, stopBoss } from "./queue";
import { staleAfterMs } from "./execute-run";
import { sweepLostRuns } from "./worker";

let brand: Brand;
beforeAll(async () => {
  brand = await createBrand();
});
afterAll(async () => {
  await stopBoss();
});

/** Makes the run's job look fetched by a worker `ageMs` ago whose completion never reached the queue. */
async function jobActiveSince(runId: string, ageMs: number) {
  const boss = await getBoss();
  await boss
    .getDb()
    .executeSql(
      `UPDATE pgboss.job SET state = 'active', started_on = now() - ($3::int * interval '1 millisecond') WHERE name = $1 AND singleton_key = $2`,
      [RUN_QUEUE, runId, ageMs],
    );
}

async function queuedRun(ageMs: number) {
  const { requestId } = await requestInState(brand, "APPROVED");
  const runId = await latestRunId(requestId);
  await db.provisioningRun.update({
    where: { id: runId },
    data: { state: "QUEUED", createdAt: new Date(Date.now() - ageMs) },
  });
  const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: runId }, select: { kind: true } });
  await enqueueRun({ runId, requestId, kind: run.kind });
  return runId;
}

describe("sweepLostRuns", () => {
  it("re-enqueues a QUEUED run whose only job has been active longer than a worker takes to claim it", async () => {
    const runId = await queuedRun(staleAfterMs() + 10_000);
    await jobActiveSince(runId, staleAfterMs() + 5_000);
    await sweepLostRuns();
    const jobs = await liveJobs([runId]);
    // The abandoned active job is cancelled and a new one waits for a worker.
    expect(jobs.map((j) => j.state)).toEqual(["created"]);
  });

  it("leaves a QUEUED run alone while a worker has just fetched its job (the claim follows within moments)", async () => {
    const runId = await queuedRun(staleAfterMs() + 10_000);
    await jobActiveSince(runId, 0);
    const [before] = await liveJobs([runId]);
    await sweepLostRuns();
    const after = await liveJobs([runId]);
    expect(after).toEqual([{ ...before, state: "active" }]);
  });
});
