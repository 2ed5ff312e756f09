// A revoke asked for while a drift REPAIR run is running: the two must not interleave in Snowflake (the repair
// re-granting or re-writing entitlements after the revoke removed them). The repair is held between its block and
// its read-back (its grant-select step has run in Snowflake, its SUCCEEDED not yet written); the brand revokes;
// on release the repair must stop at its next step (CANCELLED, the read-back never run) and the revoke run must
// start only after the repair ended, then revoke cleanly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { TestConnection } from "@/emulator/testing/start-test-emulator";
import { approveAndProvision, revokeAndDeprovision } from "../provision-commands";
import { createProviderExecutors } from "../provider-executors";
import { startProvisioningHarness, type Harness } from "../testing/provisioning-harness";
import { accountManagerId, submitTestRequest, TEST_VIEW, waitFor } from "../testing/scenario-world";
import { installStepHold, type StepHold } from "../testing/step-hold";
import { startWorker, type WorkerHandle } from "../worker";
import { checkShareDrift } from "./check-share-drift";

let harness: Harness;
let worker: WorkerHandle;
let hold: StepHold;
let executors: ReturnType<typeof createProviderExecutors>;
let provider: TestConnection;
const LAKE = "ENGAGEMENT_LAKE_US";

beforeAll(async () => {
  harness = await startProvisioningHarness();
  // Two jobs at once, so without the guard the revoke run could run beside the held repair.
  worker = await startWorker({ concurrency: 2, log: () => {} });
  executors = createProviderExecutors();
  hold = await installStepHold(harness.databaseUrl);
  provider = await harness.emulator.connect("FLOEDATA-LAKE_US", "ADMIN");
}, 180_000);

afterAll(async () => {
  await hold?.close();
  await worker?.stop();
  await executors?.close();
  await harness?.stop();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("revoke during a drift repair", () => {
  it("stops the repair at its next step and starts the revoke only after it", async () => {
    const { requestId } = await submitTestRequest("in-us", { workspaces: 1 });
    const approverId = await accountManagerId();
    await approveAndProvision({ requestId, approverId });
    expect(await waitFor(requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    const share = await db.share.findUniqueOrThrow({ where: { requestId } });
    await provider.execute(`REVOKE SELECT ON VIEW ${LAKE}.SHARED.${TEST_VIEW} FROM SHARE "${share.name}"`);

    await hold.hold(requestId, "grant-select");
    const checked = await checkShareDrift({ requestId, executors, actor: { type: "SYSTEM" } });
    expect(checked.outcome.status).toBe("repairing");
    const repairId = (checked.outcome as { runId: string }).runId;
    await until(
      () => hold.waiting(),
      (w) => w.length > 0,
      "the repair to reach its held step",
    );

    const revoke = await revokeAndDeprovision({ requestId, actorId: approverId });
    await hold.release();

    const repair = await until(
      () => db.provisioningRun.findUniqueOrThrow({ where: { id: repairId }, include: { steps: true } }),
      (r) => !["QUEUED", "RUNNING"].includes(r.state),
      "the repair to end",
    );
    expect(repair.state).toBe("CANCELLED");
    const steps = Object.fromEntries(repair.steps.map((s) => [s.key, s.state]));
    expect(steps).toEqual({ "grant-select": "SUCCEEDED", verify: "PENDING" });

    expect(await waitFor(requestId, ["REVOKED", "FAILED"])).toBe("REVOKED");
    const revokeRun = await db.provisioningRun.findUniqueOrThrow({
      where: { id: revoke.runId },
      include: { steps: { orderBy: { position: "asc" }, take: 1 } },
    });
    expect(revokeRun.state).toBe("SUCCEEDED");
    // Its first step (the first statement to Snowflake) started after the repair had ended.
    expect(revokeRun.steps[0].startedAt!.getTime()).toBeGreaterThanOrEqual(repair.finishedAt!.getTime());
    const shares = await provider.execute<{ name: string }>(`SHOW SHARES LIKE '${share.name}'`);
    expect(shares.filter((s) => s.name === share.name)).toEqual([]);
  }, 180_000);
});
