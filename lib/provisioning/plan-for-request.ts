import "server-only";
import { db } from "@/lib/db";
import lake from "@/lib/catalog/engagement-lake.json" with { type: "json" };
import { notFoundError } from "@/lib/errors";
import { describePlan } from "./describe-plan";
import { findAccountProof } from "@/lib/requests/account-proof";
import { planProvisioning, planRelease } from "./plan";
import { planRevocation } from "./plan-revoke";
import type { Plan, PlanCatalog, PlanRequest, RevocationPlan } from "./plan-types";
import { loadTopology } from "./provider-accounts";
import { VERIFY_STEP_KEY, verifyStatements } from "./verify-share";
import type { PlannedStep } from "@/lib/requests/create-run";

// From a stored request to the plan the approver reads and the worker runs (same function, same input).

const catalog: PlanCatalog = lake;

async function loadPlanRequest(requestId: string, organizationId?: string): Promise<PlanRequest> {
  const request = await db.shareRequest.findFirst({
    where: { id: requestId, ...(organizationId ? { organizationId } : {}) },
    select: {
      id: true,
      consumerAccount: true,
      consumerLocator: true,
      consumerRegion: true,
      includePii: true,
      consumerKind: true,
      readerAccount: { select: { accountName: true, adminName: true } },
      organizationId: true,
      organization: { select: { slug: true } },
      workspaces: { select: { workspace: { select: { lakeWorkspaceId: true, region: true } } } },
      datasets: {
        select: { dataset: { select: { key: true, objects: { select: { viewName: true, containsPii: true } } } } },
      },
    },
  });
  if (!request) throw notFoundError("request");
  // A Floe-hosted reader account is the vendor's own: there is no control to prove.
  const reader = request.consumerKind === "READER_ACCOUNT" ? request.readerAccount : null;
  const proof = reader ? true : await findAccountProof(db, request);
  return {
    id: request.id,
    organizationSlug: request.organization.slug,
    consumerAccount: request.consumerAccount,
    consumerLocator: request.consumerLocator,
    consumerRegion: request.consumerRegion,
    includePii: request.includePii,
    accountControl: proof ? "proven" : "unproven",
    workspaces: request.workspaces.map((w) => w.workspace),
    readerAccount: reader ? { name: reader.accountName, adminName: reader.adminName } : null,
    datasets: request.datasets.map(({ dataset }) => ({
      key: dataset.key,
      // The planner names views by catalog table; the _ALL variants follow from includePii.
      views: dataset.objects.filter((o) => !o.containsPii).map((o) => ({ name: o.viewName, containsPii: false })),
    })),
  };
}

export async function planForRequest(
  requestId: string,
  organizationId?: string,
): Promise<{ plan: Plan; description: ReturnType<typeof describePlan> }> {
  const [request, topology] = await Promise.all([loadPlanRequest(requestId, organizationId), loadTopology()]);
  const plan = planProvisioning({ request, topology, catalog });
  return { plan, description: describePlan(plan) };
}

/** The release run of a request waiting for proof (after the code or a waiver): entitlements, code deleted. */
export async function releasePlanForRequest(
  requestId: string,
  organizationId?: string,
): Promise<{ plan: Plan; description: ReturnType<typeof describePlan> }> {
  const [request, topology] = await Promise.all([loadPlanRequest(requestId, organizationId), loadTopology()]);
  const plan = planRelease({ request, topology, catalog });
  return { plan, description: describePlan(plan) };
}

export async function revocationPlanForRequest(
  requestId: string,
  organizationId?: string,
): Promise<{ plan: RevocationPlan; description: ReturnType<typeof describePlan> }> {
  const [request, topology] = await Promise.all([loadPlanRequest(requestId, organizationId), loadTopology()]);
  const plan = planRevocation({ request, topology });
  return { plan, description: describePlan(plan) };
}

/** The run's executable rows: one per plan step, plus the final read-back for a provision run. */
export function plannedSteps(plan: Plan | RevocationPlan): PlannedStep[] {
  const steps: PlannedStep[] = plan.steps.map((step) => ({
    key: step.key,
    providerAccountId: step.accountId,
    sql: step.statements.map((s) => s.sql).join(";\n"),
    binds: step.statements.some((s) => s.binds?.length) ? step.statements.map((s) => s.binds ?? []) : undefined,
  }));
  if (plan.kind === "provision") {
    steps.push({
      key: VERIFY_STEP_KEY,
      providerAccountId: plan.expectedShare.accountId,
      sql: verifyStatements(plan.expectedShare.shareName)
        .map((s) => s.sql)
        .join(";\n"),
    });
  }
  return steps;
}
