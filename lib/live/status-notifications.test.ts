// The notifications behind live status (migration 20261201120000_request_status_notify + the hub): two
// hubs stand for two web instances, each with its own LISTEN connection, while the changes are written
// through the real commands and the run executor's own kind of update on Prisma's pool — a third
// connection, as a worker process would be. NOTIFY is per database, so every instance hears every change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { createBrand, latestRunId, requestInState, type Brand } from "@/lib/testing/request-fixtures";
import { approveShareRequest } from "@/lib/requests/approve-share-request";
import { cancelShareRequest } from "@/lib/requests/cancel-share-request";
import { fakePlan } from "@/lib/testing/request-fixtures";
import { createStatusHub, type StatusHub } from "./status-notifications";

const url = process.env.DATABASE_URL!;
let brand: Brand;
let webA: StatusHub;
let webB: StatusHub;

beforeAll(async () => {
  brand = await createBrand();
  webA = createStatusHub({ connectionString: url, log: () => {} });
  webB = createStatusHub({ connectionString: url, log: () => {} });
});

afterAll(async () => {
  await Promise.all([webA?.close(), webB?.close()]);
});

/** Resolves with the number of calls once `listener` was called `count` times (or rejects after 5 s). */
function heard(
  hub: StatusHub,
  requestId: string,
  count = 1,
): { done: Promise<void>; calls: () => number; stop: () => void } {
  let calls = 0;
  let resolve!: () => void;
  const done = new Promise<void>((r, reject) => {
    resolve = r;
    setTimeout(() => reject(new Error(`no notification for ${requestId} after 5 s (${calls} heard)`)), 5_000).unref();
  });
  const stop = hub.subscribe(requestId, () => {
    calls += 1;
    if (calls >= count) resolve();
  });
  return { done, calls: () => calls, stop };
}

const cancel = (requestId: string) =>
  cancelShareRequest({ requestId, organizationId: brand.organization.id, actorId: brand.member.id });

describe("request status notifications", () => {
  it("reach both web instances when a command changes a request's state, and only that request's subscribers", async () => {
    const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
    const { requestId: otherId } = await requestInState(brand, "PENDING_APPROVAL");
    const a = heard(webA, requestId);
    const b = heard(webB, requestId);
    const other = heard(webA, otherId);
    await Promise.all([webA.ready(), webB.ready()]);
    await approveShareRequest({ requestId, approverId: brand.manager.id, ...fakePlan(brand) });
    await Promise.all([a.done, b.done]);
    // One transaction (request state, run, steps, audit event) is one notification: identical payloads fold.
    expect(a.calls()).toBe(1);
    expect(other.calls()).toBe(0);
    for (const h of [a, b, other]) h.stop();
  });

  it("announce a step's progress as the executor writes it, and not a heartbeat", async () => {
    const { requestId } = await requestInState(brand, "PROVISIONING");
    const { requestId: markerId } = await requestInState(brand, "PENDING_APPROVAL");
    const runId = await latestRunId(requestId);
    await webA.ready();
    const step = heard(webA, requestId);
    await db.provisioningStep.updateMany({
      where: { runId, position: 0 },
      data: { state: "RUNNING", attempts: { increment: 1 } },
    });
    await step.done;
    step.stop();

    const quiet = heard(webA, requestId);
    const marker = heard(webA, markerId);
    await db.provisioningRun.update({ where: { id: runId }, data: { heartbeatAt: new Date() } });
    // Notifications arrive in commit order on one connection: once the marker is heard, a heartbeat's would have been.
    await cancel(markerId);
    await marker.done;
    expect(quiet.calls()).toBe(0);
    quiet.stop();
    marker.stop();
  });

  it("reconnect after the listening connection is killed, and ask every subscriber to re-read", async () => {
    const hub = createStatusHub({ connectionString: url, log: () => {} });
    try {
      const { requestId } = await requestInState(brand, "PENDING_APPROVAL");
      const catchUp = heard(hub, requestId);
      await hub.ready();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        // Both hubs of this file and this one share the application name; kill them all, the others reconnect too.
        const killed = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'floe-live-status' AND datname = current_database()`,
        );
        expect(killed.rowCount).toBeGreaterThanOrEqual(1);
      } finally {
        await admin.end();
      }
      await catchUp.done;
      catchUp.stop();
      await hub.ready();
      const after = heard(hub, requestId);
      await cancel(requestId);
      await after.done;
      after.stop();
    } finally {
      await hub.close();
    }
  });

  it("keep one listening connection per hub however many streams subscribe", async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async () => (await requestInState(brand, "PENDING_APPROVAL")).requestId),
    );
    const stops = ids.flatMap((id) => [webB.subscribe(id, () => {}), webB.subscribe(id, () => {})]);
    await Promise.all([webA.ready(), webB.ready()]);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'floe-live-status' AND datname = current_database()`,
      );
      // webA and webB: two web instances, two connections, for six streams on webB.
      expect(rows[0].n).toBe(2);
      expect(webB.subscriberCount()).toBe(6);
    } finally {
      await admin.end();
      for (const stop of stops) stop();
    }
  });
});
