import "server-only";
import { db } from "@/lib/db";
import { getRequestForStaff, type RequestForStaff } from "@/lib/requests/get-request-for-staff";
import { describePlan, type PlanDescription } from "@/lib/provisioning/describe-plan";
import { planForRequest, revocationPlanForRequest } from "@/lib/provisioning/plan-for-request";
import { findAccountProof } from "@/lib/requests/account-proof";
import { PlanError, type Plan, type RevocationPlan } from "@/lib/provisioning/plan-types";
import { parseStoredPlan } from "@/lib/provisioning/stored-plan";

// Everything the review page shows about one request. The plan is the one that will run: the stored plan
// of the run once there is one (that is exactly what the worker executes), otherwise a fresh plan from the
// planner (the same function approval calls, so what the approver reads is what gets stored).

export type PlanView =
  | { ok: true; description: PlanDescription; source: "stored" | "planned"; shareName: string }
  | { ok: false; code: string; message: string };

/** Whether the brand has proven control of the consumer account (or staff waived it), for the review page. */
export type AccountControlView =
  | { proven: true; method: "CODE" | "WAIVED"; reason: string | null; at: Date; viaRequestId: string | null }
  | { proven: false; waiting: boolean };

export type RequestReview = {
  request: RequestForStaff;
  accountControl: AccountControlView;
  earlierRequests: {
    id: string;
    state: RequestForStaff["state"];
    consumerAccount: string;
    consumerRegion: string;
    createdAt: Date;
  }[];
  provisionPlan: PlanView;
  revokePlan: PlanView | null;
};

const EARLIER_LIMIT = 10;

async function planView(
  stored: unknown,
  plan: () => Promise<{ plan: Plan | RevocationPlan; description: PlanDescription }>,
): Promise<PlanView> {
  if (stored) {
    const storedPlan = parseStoredPlan(stored);
    return { ok: true, description: describePlan(storedPlan), source: "stored", shareName: storedPlan.shareName };
  }
  try {
    const fresh = await plan();
    return { ok: true, description: fresh.description, source: "planned", shareName: fresh.plan.shareName };
  } catch (error) {
    // The topology cannot serve this request (e.g. no vendor account in the consumer's region): the
    // approver must read why instead of getting an approve button that can only fail.
    if (error instanceof PlanError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/** Staff only (the caller authorises). Null when the request does not exist. */
export async function getRequestReview(options: { requestId: string }): Promise<RequestReview | null> {
  const request = await getRequestForStaff({ requestId: options.requestId });
  if (!request) return null;
  const latestOf = (kind: "PROVISION" | "REVOKE") => request.runs.find((run) => run.kind === kind);

  const [earlierRequests, provisionPlan, revokePlan] = await Promise.all([
    db.shareRequest.findMany({
      where: { organizationId: request.organization.id, createdAt: { lt: request.createdAt } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: EARLIER_LIMIT,
      select: { id: true, state: true, consumerAccount: true, consumerRegion: true, createdAt: true },
    }),
    planView(latestOf("PROVISION")?.plan, () => planForRequest(request.id)),
    // Shown before approval too (how this share would be taken down); a closed decision has nothing to revoke.
    ["REJECTED", "CANCELLED"].includes(request.state)
      ? Promise.resolve(null)
      : planView(latestOf("REVOKE")?.plan, () => revocationPlanForRequest(request.id)),
  ]);
  const proof = await findAccountProof(db, {
    organizationId: request.organization.id,
    consumerAccount: request.consumerAccount,
    consumerLocator: request.consumerLocator,
    consumerRegion: request.consumerRegion,
  });
  const accountControl: AccountControlView = proof
    ? { proven: true, method: proof.method, reason: proof.reason, at: proof.createdAt, viaRequestId: proof.requestId }
    : { proven: false, waiting: request.state === "AWAITING_PROOF" };
  return { request, accountControl, earlierRequests, provisionPlan, revokePlan };
}
