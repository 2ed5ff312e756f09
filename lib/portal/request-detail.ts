import "server-only";
import { allowedTransitions } from "@/lib/requests/state-machine";
import { roleAtLeast } from "@/lib/auth/roles";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { mountInstructionsFor, proofInstructionsFor } from "./mount-sql";
import { loadBrandRequest, type BrandRequest } from "./request-load";

// Everything the request page renders besides the live part (which the status route serves): what was
// asked for, who decided, what the viewer may do, and on ACTIVE the SQL that mounts the share. Built from
// the page's one read of the request (request-load.ts), which the live status shares.

export async function getRequestDetail(options: { organizationId: string; requestId: string; role: OrgRole }) {
  const request = await loadBrandRequest(options.organizationId, options.requestId);
  return request ? requestDetailFrom(request, options) : null;
}

export async function requestDetailFrom(request: BrandRequest, options: { organizationId: string; role: OrgRole }) {
  const transitions = allowedTransitions(request.state);
  // Viewers read only; owners and members act (the actions check again, this only hides buttons).
  const canAct = roleAtLeast(options.role, "MEMBER");
  const [mount, proof] = await Promise.all([
    mountInstructionsFor(request, options.organizationId),
    proofInstructionsFor(request, options.organizationId),
  ]);
  return {
    request,
    mount,
    proof,
    canProve: canAct && transitions.includes("prove_control"),
    canCancel: canAct && transitions.includes("cancel"),
    canRequestRevocation: canAct && transitions.includes("request_revocation"),
  };
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof getRequestDetail>>>;
