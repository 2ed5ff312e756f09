// The fault matrix: for every step of the in-region, cross-region and revocation plans, one request whose
// run meets a transient fault on that step's statement (retried to success) and one that meets a permanent
// fault (FAILED with the code, then resumed by an account manager's retry). Every request is provisioned
// and then revoked, and after each phase Snowflake must hold exactly what Postgres says (reconciliation).
import { expect } from "vitest";
import type { ActiveRule } from "@/emulator/index";
import { db } from "@/lib/db";
import { planForRequest, revocationPlanForRequest } from "../plan-for-request";
import type { Plan, RevocationPlan } from "../plan-types";
import { approveAndProvision, retryAndResume, revokeAndDeprovision } from "../provision-commands";
import { reconcile, reconciliationProblems } from "./reconcile";
import type { Executors } from "../runtime-types";
import { faultRule, keyOf, planStatements, targetStatement, type FaultMode } from "./plan-statements";
import type { Harness } from "./provisioning-harness";
import {
  consumers,
  sharePaths,
  shareFacts,
  stepRow,
  submitTestRequest,
  waitFor,
  type SharePath,
} from "./scenario-world";
import type { StatementLocks } from "./statement-locks";

export type StepFault = { step: string; mode: FaultMode };
export type Scenario = { id: string; path: SharePath; workspaces: number; provision?: StepFault; revoke?: StepFault };

const inRegionSteps = ["create-share", "grant-usage", "grant-select", "write-entitlements", "add-accounts", "verify"];
const crossRegionSteps = [
  "replication-group-source",
  "write-entitlements",
  "replication-group-replica",
  "refresh-replica",
  "create-share",
  "grant-usage",
  "grant-select",
  "add-accounts",
  "verify",
];
const inRegionRevokeSteps = ["remove-accounts", "delete-entitlements", "drop-share"];
const crossRegionRevokeSteps = ["remove-accounts", "delete-entitlements", "refresh-replica", "drop-share"];
const modes: FaultMode[] = ["transient", "permanent"];

/**
 * Paths are chosen so the faults that target statements shared by many requests spread over both lakes and
 * both replication paths. A transient fault on a replication-group step must meet a group that does not
 * exist yet (else the retry finds it done and skips), so those two scenarios come first on their path.
 */
export function faultMatrix(): Scenario[] {
  const list: Scenario[] = [];
  for (const step of inRegionSteps) {
    for (const mode of modes)
      list.push({
        id: `in-region ${step} ${mode}`,
        path: mode === "transient" ? "in-us" : "in-eu",
        workspaces: 1,
        provision: { step, mode },
      });
  }
  for (const step of crossRegionSteps) {
    for (const mode of modes) {
      const west =
        step === "replication-group-replica"
          ? mode === "transient"
            ? "x-eu-west"
            : "x-us-west"
          : mode === "transient"
            ? "x-us-west"
            : "x-eu-west";
      list.push({ id: `cross-region ${step} ${mode}`, path: west, workspaces: 1, provision: { step, mode } });
    }
  }
  // Distinct row counts keep each faulted entitlement INSERT's text unique on its lake.
  for (const s of list) if (s.provision?.step === "write-entitlements") s.workspaces = s.path.startsWith("in-") ? 2 : 3;
  const attach = (steps: string[], kind: "in" | "x", prefix: string) => {
    for (const step of steps) {
      for (const mode of modes) {
        const path: SharePath =
          kind === "in" ? (mode === "transient" ? "in-us" : "in-eu") : mode === "transient" ? "x-eu-west" : "x-us-west";
        const host = list.find(
          (s) => s.path === path && !s.revoke && !s.provision?.step.startsWith("replication-group"),
        );
        if (!host) throw new Error(`no request left on ${path} for ${step}`);
        host.revoke = { step, mode };
        host.id += ` + ${prefix} ${step} ${mode}`;
      }
    }
  };
  attach(inRegionRevokeSteps, "in", "revoke");
  attach(crossRegionRevokeSteps, "x", "revoke");
  // Queue order: the two "first on the path" scenarios, then those whose faulted statement names their own
  // share (they never wait for each other), then those that need a shared statement to themselves.
  const ownShare = ["create-share", "grant-usage", "grant-select", "add-accounts", "verify"];
  const rank = (s: Scenario) =>
    s.provision?.step.startsWith("replication-group") && s.provision.mode === "transient"
      ? 0
      : ownShare.includes(s.provision?.step ?? "")
        ? 1
        : 2;
  return list.sort((a, b) => rank(a) - rank(b));
}

export type ScenarioContext = {
  harness: Harness;
  executors: Executors;
  locks: StatementLocks;
  locators: Map<string, string>;
  approverId: string;
  consumers: ReturnType<typeof consumers>;
};

export type Prepared = { scenario: Scenario; requestId: string; rows: number; plan: Plan; revokePlan: RevocationPlan };

export async function prepareScenario(scenario: Scenario): Promise<Prepared> {
  const { requestId, rows } = await submitTestRequest(scenario.path, { workspaces: scenario.workspaces });
  const [{ plan }, { plan: revokePlan }] = await Promise.all([
    planForRequest(requestId),
    revocationPlanForRequest(requestId),
  ]);
  return { scenario, requestId, rows, plan, revokePlan };
}

/** Starts both phases (they queue for their statements at once, in call order); each promise settles with its checks. */
export function runScenario(ctx: ScenarioContext, p: Prepared): { provision: Promise<void>; revoke: Promise<void> } {
  const provision = runPhase(ctx, p, "PROVISION");
  const revoke = provision.then(() => runPhase(ctx, p, "REVOKE"));
  provision.catch(() => {});
  revoke.catch(() => {});
  return { provision, revoke };
}

async function runPhase(ctx: ScenarioContext, p: Prepared, kind: "PROVISION" | "REVOKE"): Promise<void> {
  const { scenario, requestId } = p;
  const plan = kind === "PROVISION" ? p.plan : p.revokePlan;
  const fault = kind === "PROVISION" ? scenario.provision : scenario.revoke;
  const done = kind === "PROVISION" ? "ACTIVE" : "REVOKED";
  const mount = kind === "REVOKE" ? await ctx.consumers.mountAndRead(scenario.path, p.plan) : undefined;

  const target = fault ? targetStatement(plan, fault.step, ctx.locators) : undefined;
  const release = await ctx.locks.acquire(planStatements(plan, ctx.locators).map(keyOf), target ? [keyOf(target)] : []);
  let rule: ActiveRule | undefined;
  try {
    if (fault && target) rule = ctx.harness.emulator.faults.add(faultRule(target, fault.mode));
    if (kind === "PROVISION") await approveAndProvision({ requestId, approverId: ctx.approverId });
    else await revokeAndDeprovision({ requestId, actorId: ctx.approverId });
    const settled = await waitFor(requestId, [done, "FAILED"]);
    if (fault && rule) {
      const hits = ctx.harness.emulator.faults.get().rules.find((r) => r.id === rule!.id)?.hits;
      expect(hits, "the fault rule fired exactly once").toBe(1);
      await checkFaultOutcome(ctx, p, kind, fault, settled, done);
    } else {
      expect(settled).toBe(done);
    }
  } finally {
    if (rule) ctx.harness.emulator.faults.remove(rule.id);
    release();
  }

  // (c) Snowflake holds exactly the plan (or, after revocation, nothing), and reconciliation agrees.
  expect(reconciliationProblems(await reconcile({ executors: ctx.executors, shareNames: [plan.shareName] }))).toEqual(
    [],
  );
  const cross = plan.crossRegion;
  const facts = await shareFacts(ctx.executors, plan);
  if (kind === "PROVISION") {
    expect(facts).toEqual({
      shareAccounts: [sharePaths[scenario.path].consumer],
      grants: p.plan.expectedShare.grants.length,
      sourceRows: p.rows,
      replicaRows: cross ? p.rows : null,
    });
  } else {
    expect(facts).toEqual({ shareAccounts: null, grants: 0, sourceRows: 0, replicaRows: cross ? 0 : null });
    // The consumer's database mounted from the share no longer answers.
    await expect(mount!.read()).rejects.toHaveProperty("code");
  }
}

async function checkFaultOutcome(
  ctx: ScenarioContext,
  p: Prepared,
  kind: "PROVISION" | "REVOKE",
  fault: StepFault,
  settled: string,
  done: string,
) {
  const { requestId } = p;
  if (fault.mode === "transient") {
    // Retried by the queue with backoff, never shown as failed; the step ran again after the error.
    const step = await stepRow(requestId, kind, fault.step);
    expect(settled, `${fault.step}: ${step.state} ${step.errorCode} ${step.errorMessage}`).toBe(done);
    expect({ state: step.state, retried: step.attempts >= 2 }).toEqual({ state: "SUCCEEDED", retried: true });
    return;
  }
  if (settled === done && fault.step.startsWith("replication-group")) {
    // The replication group serves every share on its path: when another request already made it, the
    // permanent error is moot — the step's check finds the goal met and the run goes on (execute-run.ts).
    const step = await stepRow(requestId, kind, fault.step);
    expect({ state: step.state, note: step.errorMessage }).toEqual({
      state: "SUCCEEDED",
      note: expect.stringMatching(/already holds the goal/),
    });
    return;
  }
  expect(settled).toBe("FAILED");
  const request = await db.shareRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { failureStepKey: true },
  });
  expect(request.failureStepKey).toBe(fault.step);
  const failed = await stepRow(requestId, kind, fault.step);
  expect({ state: failed.state, errorCode: failed.errorCode, sqlState: failed.sqlState }).toEqual({
    state: "FAILED",
    errorCode: "003001",
    sqlState: "42501",
  });

  await retryAndResume({ requestId, actorId: ctx.approverId });
  expect(await waitFor(requestId, [done, "FAILED"])).toBe(done);
  const resumed = await stepRow(requestId, kind, fault.step);
  // A replication group another request on the same path created meanwhile is found done by the step's check.
  const expected = fault.step.startsWith("replication-group") ? ["SUCCEEDED", "SKIPPED"] : ["SUCCEEDED"];
  expect(expected).toContain(resumed.state);
}
