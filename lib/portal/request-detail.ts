import "server-only";
import { getRequestForOrganization } from "@/lib/requests/get-request-for-organization";
import { allowedTransitions } from "@/lib/requests/state-machine";
import { roleAtLeast } from "@/lib/auth/roles";
import type { OrgRole } from "@/lib/generated/prisma/enums";
import { loadMountInstructions, loadProofInstructions } from "./mount-sql";

// Everything the request page renders besides the live part (which the status route serves): what was
// asked for, who decided, what the viewer may do, and on ACTIVE the SQL that mounts the share.

export async function getRequestDetail(options: { organizationId: string; requestId: string; role: OrgRole }) {
  const request = await getRequestForOrganization({
    organizationId: options.organizationId,
    requestId: options.requestId,
  });
  if (!request) return null;
  const transitions = allowedTransitions(request.state);
  // Viewers read only; owners and members act (the actions check again, this only hides buttons).
  const canAct = roleAtLeast(options.role, "MEMBER");
  const mount =
    request.state === "ACTIVE"
      ? await loadMountInstructions({ organizationId: options.organizationId, requestId: request.id })
      : null;
  const proof =
    request.state === "AWAITING_PROOF"
      ? await loadProofInstructions({ organizationId: options.organizationId, requestId: request.id })
      : null;
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
