import "server-only";
import { db } from "@/lib/db";
import {
  mountInstructions,
  proofInstructions,
  type MountInstructions,
  type ProofInstructions,
} from "@/lib/provisioning/mount-instructions";
import { planForRequest } from "@/lib/provisioning/plan-for-request";
import { storedProvisionPlan } from "@/lib/provisioning/stored-plan";
import type { BrandRequest } from "./request-load";

// The SQL a brand runs to mount its active share. Built from the plan stored with the provision run that
// made the share (what actually ran), loaded through the organisation; re-planning is only the fallback
// for a run whose stored plan does not have the expected shape.

export async function loadMountInstructions(options: {
  organizationId: string;
  requestId: string;
}): Promise<MountInstructions | null> {
  const run = await db.provisioningRun.findFirst({
    where: {
      kind: "PROVISION",
      state: "SUCCEEDED",
      request: { id: options.requestId, organizationId: options.organizationId },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { plan: true },
  });
  const stored = storedProvisionPlan(run?.plan);
  if (stored) return mountInstructions({ plan: stored });
  if (!run) return null;
  const { plan } = await planForRequest(options.requestId, options.organizationId);
  return mountInstructions({ plan });
}

/** For a request waiting for proof: the two statements that mount the share and read its code. */
export async function loadProofInstructions(options: {
  organizationId: string;
  requestId: string;
}): Promise<ProofInstructions | null> {
  const run = await db.provisioningRun.findFirst({
    where: {
      kind: "PROVISION",
      state: "SUCCEEDED",
      request: { id: options.requestId, organizationId: options.organizationId, state: "AWAITING_PROOF" },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { plan: true },
  });
  const stored = storedProvisionPlan(run?.plan);
  return stored ? proofInstructions({ plan: stored }) : null;
}

/** The stored plan of the request's latest run when that run is the succeeded provision run, else null. */
function latestProvisionPlan(request: BrandRequest) {
  const run = request.runs[0];
  return run?.kind === "PROVISION" && run.state === "SUCCEEDED" ? storedProvisionPlan(run.plan) : null;
}

/** Mount SQL from the request page's one read (lib/portal/request-load.ts); a query only when its latest run is not the one. */
export async function mountInstructionsFor(
  request: BrandRequest,
  organizationId: string,
): Promise<MountInstructions | null> {
  if (request.state !== "ACTIVE") return null;
  const stored = latestProvisionPlan(request);
  return stored
    ? mountInstructions({ plan: stored })
    : loadMountInstructions({ organizationId, requestId: request.id });
}

/** Proof SQL from the request page's one read; a query only when its latest run is not the one. */
export async function proofInstructionsFor(
  request: BrandRequest,
  organizationId: string,
): Promise<ProofInstructions | null> {
  if (request.state !== "AWAITING_PROOF") return null;
  const stored = latestProvisionPlan(request);
  return stored
    ? proofInstructions({ plan: stored })
    : loadProofInstructions({ organizationId, requestId: request.id });
}
