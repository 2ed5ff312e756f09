// Instant pickup: enqueueRun announces the sent job on RUN_QUEUED_CHANNEL, and a hub on that channel (what a worker
// process holds, worker.ts) hears it through subscribeAll — after the job is in pg-boss's table, so the worker it
// wakes finds it. A delayed retry (startAfter) announces nothing: no worker could take it yet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createStatusHub, type ChannelHub } from "@/lib/live/status-notifications";
import { enqueueRun, liveJobs, RUN_QUEUED_CHANNEL, stopBoss } from "./queue";

let hub: ChannelHub;

beforeAll(async () => {
  hub = createStatusHub({ connectionString: process.env.DATABASE_URL!, channel: RUN_QUEUED_CHANNEL, log: () => {} });
});

afterAll(async () => {
  await hub?.close();
  await stopBoss();
});

describe("run wake-up notifications", () => {
  it("announce a sent job once it is in the queue, and not a delayed retry", async () => {
    const runId = `wake-${randomUUID()}`;
    const delayed = `wake-${randomUUID()}`;
    let all = 0;
    let delayedHeard = 0;
    hub.subscribeAll(() => (all += 1));
    hub.subscribe(delayed, () => (delayedHeard += 1));
    const heard = new Promise<number>((resolve) =>
      hub.subscribe(runId, () => void liveJobs([runId]).then((jobs) => resolve(jobs.length))),
    );
    await hub.ready();
    await enqueueRun({ runId: delayed, requestId: "r-delayed", kind: "PROVISION" }, { startAfterSeconds: 60 });
    await enqueueRun({ runId, requestId: "r-now", kind: "PROVISION" });
    expect(await heard, "the job is in the queue when its notification arrives").toBe(1);
    // Notifications arrive in commit order: had the delayed job been announced, it would have been heard first.
    expect(delayedHeard).toBe(0);
    expect(all).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
