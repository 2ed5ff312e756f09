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
