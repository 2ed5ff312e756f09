// A worker process killed (SIGKILL) right after a step's statement ran in Snowflake and before Postgres
// recorded it: another worker takes the run over once its heartbeat is stale, finds the step done by the
// step's check instead of running it again, and finishes. Nothing in Snowflake is duplicated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { planForRequest } from "./plan-for-request";
import type { Plan } from "./plan-types";
import { approveAndProvision, revokeAndDeprovision } from "./provision-commands";
import { createProviderExecutors } from "./provider-executors";
import { reconcile, reconciliationProblems } from "./testing/reconcile";
import { runsOf, targetStatement } from "./testing/plan-statements";
import { startProvisioningHarness, type Harness } from "./testing/provisioning-harness";
import {
  accountLocators,
  accountManagerId,
  sharePaths,
  shareFacts,
  stepRow,
  submitTestRequest,
  waitFor,
  type SharePath,
} from "./testing/scenario-world";
import { installStepHold } from "./testing/step-hold";
import { spawnWorker } from "./testing/worker-process";
import { startWorker, type WorkerHandle } from "./worker";

// This process's worker (the one that takes over) treats a run as abandoned after 2 s without a heartbeat.
process.env.WORKER_STALE_AFTER_SECONDS = "2";

const cases: { path: SharePath; step: string; workspaces: number }[] = [
  { path: "in-us", step: "create-share", workspaces: 1 },
  { path: "in-us", step: "write-entitlements", workspaces: 2 },
  { path: "in-eu", step: "add-accounts", workspaces: 1 },
  { path: "x-us-west", step: "refresh-replica", workspaces: 2 },
];

let harness: Harness;
let takeover: WorkerHandle | undefined;
const executors = createProviderExecutors();

beforeAll(async () => {
  harness = await startProvisioningHarness();
}, 180_000);

afterAll(async () => {
  await takeover?.stop();
  await executors.close();
  await harness?.stop();
});

describe("a worker killed between a statement and its record", () => {
  it("is taken over by another worker, which finds each interrupted step done and finishes without duplicates", async () => {
    const approverId = await accountManagerId();
    const locators = await accountLocators();
    const requests = await Promise.all(
      cases.map(async (c) => ({ ...c, ...(await submitTestRequest(c.path, { workspaces: c.workspaces })) })),
    );
    const plans = new Map<string, Plan>();
    for (const r of requests) plans.set(r.requestId, (await planForRequest(r.requestId)).plan);

    const hold = await installStepHold(harness.databaseUrl);
    const first = spawnWorker(harness);
    try {
      await first.ready;
      for (const r of requests) await hold.hold(r.requestId, r.step);
      await Promise.all(requests.map((r) => approveAndProvision({ requestId: r.requestId, approverId })));

      // Every run has sent its step's statement and is now waiting to record it.
      const deadline = Date.now() + 60_000;
      while ((await hold.waiting()).length < requests.length) {
        if (Date.now() > deadline)
          throw new Error(
            `only ${(await hold.waiting()).length} runs reached their held step:\n${first.lines.join("\n")}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
      await first.kill();
      await hold.abandonWaitingAndRelease();
    } finally {
      await first.kill();
      await hold.close();
    }

    for (const r of requests) {
      const target = targetStatement(plans.get(r.requestId)!, r.step, locators);
      const landed = runsOf(harness.emulator.queryLog.list(), target, plans.get(r.requestId)!.shareName).filter(
        (e) => e.outcome === "success",
      );
      expect(landed, `${r.step} reached Snowflake once`).toHaveLength(1);
      const step = await stepRow(r.requestId, "PROVISION", r.step);
      expect({ step: step.key, state: step.state, attempts: step.attempts }).toEqual({
        step: r.step,
        state: "RUNNING",
        attempts: 1,
      });
      expect((await db.shareRequest.findUniqueOrThrow({ where: { id: r.requestId } })).state).toBe("PROVISIONING");
    }

    // A second worker notices the silent runs (its sweep), claims them as stale and resumes them.
    takeover = await startWorker({ concurrency: 4, log: () => {} });
    for (const r of requests) expect(await waitFor(r.requestId, ["ACTIVE", "FAILED"], 30_000), r.step).toBe("ACTIVE");

    for (const r of requests) {
      const plan = plans.get(r.requestId)!;
      const step = await stepRow(r.requestId, "PROVISION", r.step);
      // Found done by its check after the interrupted attempt, not run a second time.
      expect({ step: r.step, state: step.state, attempts: step.attempts }).toEqual({
        step: r.step,
        state: "SKIPPED",
        attempts: 1,
      });
      const target = targetStatement(plan, r.step, locators);
      expect(
        runsOf(harness.emulator.queryLog.list(), target, plan.shareName),
        `${r.step} was not sent again`,
      ).toHaveLength(1);
      const run = await db.provisioningRun.findFirstOrThrow({ where: { requestId: r.requestId, kind: "PROVISION" } });
      expect(run.lockedBy === null || !run.lockedBy.includes(`:${first.pid}:`)).toBe(true);
      expect(await shareFacts(executors, plan)).toEqual({
        shareAccounts: [sharePaths[r.path].consumer],
        grants: plan.expectedShare.grants.length,
        sourceRows: r.rows,
        replicaRows: plan.crossRegion ? r.rows : null,
      });
    }
    expect(reconciliationProblems(await reconcile({ executors }))).toEqual([]);

    // And revoking them leaves nothing behind.
    await Promise.all(requests.map((r) => revokeAndDeprovision({ requestId: r.requestId, actorId: approverId })));
    for (const r of requests) expect(await waitFor(r.requestId, ["REVOKED", "FAILED"])).toBe("REVOKED");
    const after = await reconcile({ executors });
    expect(reconciliationProblems(after)).toEqual([]);
    expect(after.checked).toMatchObject({ shares: 0, entitlementRows: 0 });
  }, 150_000);
});
