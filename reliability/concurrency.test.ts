// Races through the real server actions, each caller with its own session, against a real worker and the
// Snowflake emulator: N account managers approving one request, approve vs the requester's cancel, revoke
// while the run is provisioning, and N retries of one failed run. Each race has exactly one outcome, every
// outcome is audited once, and no request ever gets a second run.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => {
  const { session } = await import("./support/session");
  // No session context: memberships are then read by findMembership, for the injected user.
  return { getSessionUser: async () => session.user, getSessionContext: async () => null };
});

import { db } from "@/lib/db";
import * as consoleActions from "@/app/(console)/console/actions";
import * as requestActions from "@/app/(portal)/o/[orgSlug]/requests/[requestId]/actions";
import { planForRequest } from "@/lib/provisioning/plan-for-request";
import { createProviderExecutors } from "@/lib/provisioning/provider-executors";
import { reconcile, reconciliationProblems } from "@/lib/provisioning/testing/reconcile";
import { faultRule, targetStatement } from "@/lib/provisioning/testing/plan-statements";
import { startProvisioningHarness, type Harness } from "@/lib/provisioning/testing/provisioning-harness";
import { accountLocators, submitTestRequest, waitFor } from "@/lib/provisioning/testing/scenario-world";
import { startWorker, type WorkerHandle } from "@/lib/provisioning/worker";
import { createUser } from "@/prisma/seed/factories";
import { writeResult } from "./support/results";
import { asUser } from "./support/session";

const MANAGERS = 5;
let harness: Harness;
let worker: WorkerHandle;
const executors = createProviderExecutors();
type Person = Awaited<ReturnType<typeof createUser>>;
let managers: Person[] = [];
const outcomes: Record<string, unknown> = {};

beforeAll(async () => {
  // Slow enough statements that a run is observably in flight while the races happen.
  harness = await startProvisioningHarness({ latencyMs: 60 });
  worker = await startWorker({ concurrency: 4, log: () => {} });
  managers = await Promise.all(
    Array.from({ length: MANAGERS }, () => createUser(db, { staffRole: "ACCOUNT_MANAGER" })),
  );
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await executors.close();
  await harness?.stop();
});

type Result = { ok: boolean; message?: string };
const okCount = (results: Result[]) => results.filter((r) => r.ok).length;
const auditCount = (requestId: string, type: string) => db.auditEvent.count({ where: { requestId, type } });
const runCount = (requestId: string, kind: "PROVISION" | "REVOKE" = "PROVISION") =>
  db.provisioningRun.count({ where: { requestId, kind } });

async function requester(requestId: string) {
  const r = await db.shareRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { requestedBy: true, organization: { select: { slug: true } } },
  });
  return { user: r.requestedBy, slug: r.organization.slug };
}

describe("concurrency", () => {
  it(`${MANAGERS} account managers approving one request at once: one approval, one run, one audit event`, async () => {
    const { requestId } = await submitTestRequest("in-us");
    const results = (await Promise.all(
      managers.map((m) => asUser(m, () => consoleActions.approveRequestAction({ requestId }))),
    )) as Result[];
    expect(okCount(results)).toBe(1);
    for (const r of results.filter((r) => !r.ok))
      expect(r.message).toMatch(/^This request was already approved by .+\.$/);
    expect(await waitFor(requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    expect({
      runs: await runCount(requestId),
      approved: await auditCount(requestId, "request.approved"),
      active: await auditCount(requestId, "request.active"),
    }).toEqual({ runs: 1, approved: 1, active: 1 });
    outcomes.racingApprovals = { callers: MANAGERS, approved: 1, refused: MANAGERS - 1, runs: 1, auditApproved: 1 };
  }, 60_000);

  it("approve vs the requester's cancel, at five offsets: each request ends approved or cancelled, never both", async () => {
    const tally = { approved: 0, cancelled: 0 };
    // Approving plans before its compare-and-set, so a cancel sent at the same instant tends to win; later
    // cancels sample the rest of the window. Whoever wins, the other must be refused.
    const cancelOffsetsMs = [0, 15, 30, 60, 120];
    for (let i = 0; i < cancelOffsetsMs.length; i++) {
      const { requestId } = await submitTestRequest("in-eu");
      const { user, slug } = await requester(requestId);
      const [approve, cancel] = (await Promise.all([
        asUser(managers[i], () => consoleActions.approveRequestAction({ requestId })),
        asUser(user, async () => {
          await new Promise((r) => setTimeout(r, cancelOffsetsMs[i]));
          return requestActions.cancelRequestAction({ orgSlug: slug, requestId });
        }),
      ])) as Result[];
      expect(okCount([approve, cancel]), JSON.stringify([approve, cancel])).toBe(1);
      const approvedAudits = await auditCount(requestId, "request.approved");
      const cancelledAudits = await auditCount(requestId, "request.cancelled");
      expect(approvedAudits + cancelledAudits).toBe(1);
      if (approve.ok) {
        tally.approved++;
        expect(cancel.message).toMatch(/approved/i);
        expect(await waitFor(requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
        expect(await runCount(requestId)).toBe(1);
      } else {
        tally.cancelled++;
        expect(approve.message).toMatch(/cancelled/i);
        expect((await db.shareRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("CANCELLED");
        expect(await runCount(requestId)).toBe(0);
      }
    }
    outcomes.approveVsCancel = { races: cancelOffsetsMs.length, cancelOffsetsMs, ...tally, bothOrNeither: 0 };
  }, 90_000);

  it("revocation asked while the run is provisioning is refused (brand and console alike), then works once it is active", async () => {
    const { requestId } = await submitTestRequest("in-us");
    const { user, slug } = await requester(requestId);
    expect(await asUser(managers[0], () => consoleActions.approveRequestAction({ requestId }))).toMatchObject({
      ok: true,
    });
    expect(await waitFor(requestId, ["PROVISIONING", "ACTIVE", "FAILED"])).toBe("PROVISIONING");
    const request = await db.shareRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { consumerAccount: true },
    });
    const [brandSide, consoleSide] = (await Promise.all([
      asUser(user, () => requestActions.requestRevocationAction({ orgSlug: slug, requestId })),
      asUser(managers[1], () =>
        consoleActions.revokeShareAction({ requestId, confirmAccount: request.consumerAccount }),
      ),
    ])) as Result[];
    expect(await waitFor(requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    expect([brandSide.ok, consoleSide.ok]).toEqual([false, false]);
    for (const r of [brandSide, consoleSide]) expect(r.message).toMatch(/being provisioned/);
    expect(await auditCount(requestId, "request.revocation_requested")).toBe(0);
    expect(await runCount(requestId, "REVOKE")).toBe(0);

    const again = (await Promise.all([
      asUser(user, () => requestActions.requestRevocationAction({ orgSlug: slug, requestId })),
      asUser(managers[1], () =>
        consoleActions.revokeShareAction({ requestId, confirmAccount: request.consumerAccount }),
      ),
    ])) as Result[];
    expect(okCount(again), JSON.stringify(again)).toBe(1);
    expect(await waitFor(requestId, ["REVOKED", "FAILED"])).toBe("REVOKED");
    expect({
      revokeRuns: await runCount(requestId, "REVOKE"),
      audits: await auditCount(requestId, "request.revocation_requested"),
    }).toEqual({ revokeRuns: 1, audits: 1 });
    outcomes.revokeDuringProvisioning = {
      refusedWhileProvisioning: 2,
      thenRacingRevocations: 2,
      accepted: 1,
      revokeRuns: 1,
    };
  }, 90_000);

  it(`${MANAGERS} retries of one failed run at once: one resumes it, the others are told it is no longer failed`, async () => {
    const { requestId } = await submitTestRequest("in-us", { workspaces: 3 });
    const { plan } = await planForRequest(requestId);
    const rule = harness.emulator.faults.add({
      ...faultRule(targetStatement(plan, "grant-usage", await accountLocators()), "permanent"),
    });
    try {
      expect(await asUser(managers[0], () => consoleActions.approveRequestAction({ requestId }))).toMatchObject({
        ok: true,
      });
      expect(await waitFor(requestId, ["ACTIVE", "FAILED"])).toBe("FAILED");
    } finally {
      harness.emulator.faults.remove(rule.id);
    }
    const results = (await Promise.all(
      managers.map((m) => asUser(m, () => consoleActions.retryRunAction({ requestId }))),
    )) as Result[];
    expect(okCount(results), JSON.stringify(results)).toBe(1);
    for (const r of results.filter((r) => !r.ok)) expect(r.message).toBeTruthy();
    expect(await waitFor(requestId, ["ACTIVE", "FAILED"])).toBe("ACTIVE");
    const run = await db.provisioningRun.findFirstOrThrow({ where: { requestId }, select: { attempt: true } });
    expect({
      runs: await runCount(requestId),
      attempt: run.attempt,
      retried: await auditCount(requestId, "request.retried"),
    }).toEqual({ runs: 1, attempt: 2, retried: 1 });
    outcomes.retryVsRetry = {
      callers: MANAGERS,
      resumed: 1,
      refused: MANAGERS - 1,
      runs: 1,
      auditRetried: 1,
      refusal: results.find((r) => !r.ok)?.message,
    };
  }, 90_000);

  it("leaves Snowflake exactly as Postgres says", async () => {
    const report = await reconcile({ executors });
    expect(reconciliationProblems(report)).toEqual([]);
    writeResult("concurrency", { ...outcomes, reconciliationProblems: 0, checked: report.checked });
  }, 60_000);
});
