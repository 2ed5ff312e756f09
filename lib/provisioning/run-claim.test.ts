// The worker's claim and what follows it: a run the worker claimed and then could not carry on with (an error
// that is neither a Snowflake failure of a step nor a transient one: a database timeout, a broken plan) goes back
// to the queue at once, instead of staying RUNNING under a live lock until the stale sweep (60 s) takes it over.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBrand, latestRunId, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { executeRun } from "./execute-run";
import type { Executors } from "./runtime-types";

let brand: Brand;
beforeAll(async () => {
  brand = await createBrand();
});

const noSnowflake: Executors = {
  forAccount: async () => {
    throw new Error("this test reaches no Snowflake account");
  },
} as unknown as Executors;

describe("after the claim", () => {
  it("an unexpected error puts the claimed run back in the queue at once, unlocked", async () => {
    const { requestId } = await requestInState(brand, "APPROVED");
    const runId = await latestRunId(requestId);
    // A plan the executor cannot read: the error comes after the claim, from Floe's side.
    await db.provisioningRun.update({ where: { id: runId }, data: { plan: { not: "a plan" } } });
    await expect(executeRun({ runId, workerId: "w-claim", executors: noSnowflake })).rejects.toThrow();
    const run = await db.provisioningRun.findUniqueOrThrow({
      where: { id: runId },
      select: { state: true, lockedBy: true },
    });
    expect(run).toEqual({ state: "QUEUED", lockedBy: null });
    // The claim itself committed: the request moved on, and the next claim (the job's retry) takes the run.
    expect((await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("PROVISIONING");
  });
});
