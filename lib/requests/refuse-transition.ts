import "server-only";
import type { Prisma } from "@/lib/db";
import { conflictError, invalidStateError, notFoundError } from "@/lib/errors";
import type { RequestState } from "@/lib/generated/prisma/enums";
import { describeState, type RequestTransition } from "./state-machine";

// Called when a compare-and-set matched no row: works out why, for a message the person can act on.
// Runs inside the command's transaction (READ COMMITTED), so it sees the decision that beat us.

const verbs: Record<RequestTransition, string> = {
  approve: "approved",
  reject: "rejected",
  cancel: "cancelled",
  start_provisioning: "provisioned",
  activate: "activated",
  await_proof: "set to wait for proof of account control",
  prove_control: "released with a proof of account control",
  fail: "marked as failed",
  retry_provisioning: "retried",
  retry_revocation: "retried",
  request_revocation: "revoked",
  finish_revocation: "marked as revoked",
};

const decisions: readonly RequestTransition[] = ["approve", "reject", "cancel"];

export async function refuseTransition(
  tx: Prisma.TransactionClient,
  options: { requestId: string; organizationId?: string; transition: RequestTransition },
): Promise<never> {
  const current = await tx.shareRequest.findFirst({
    where: { id: options.requestId, organizationId: options.organizationId },
    select: { state: true, decidedBy: { select: { name: true, email: true } } },
  });
  if (!current) throw notFoundError();
  if (decisions.includes(options.transition) && current.state !== "PENDING_APPROVAL") {
    throw conflictError(alreadyDecidedMessage(current.state, current.decidedBy), {
      reason: "already_decided",
      details: { state: current.state },
    });
  }
  throw invalidStateError(
    `This request is ${describeState(current.state)}, so it cannot be ${verbs[options.transition]}.`,
    {
      reason: "invalid_state",
      details: { state: current.state },
    },
  );
}

function alreadyDecidedMessage(state: RequestState, decidedBy: { name: string | null; email: string } | null): string {
  const who = decidedBy ? ` by ${decidedBy.name ?? decidedBy.email}` : "";
  if (state === "CANCELLED") return "This request was already cancelled by the requester.";
  if (state === "REJECTED") return `This request was already rejected${who}.`;
  return `This request was already approved${who}.`;
}
