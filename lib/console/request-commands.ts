import "server-only";
import { db } from "@/lib/db";
import { invalidInputError, invalidStateError, notFoundError } from "@/lib/errors";
import {
  approveAndProvision,
  retryAndResume,
  revokeAndDeprovision,
  waiveAndRelease,
} from "@/lib/provisioning/provision-commands";
import { PlanError } from "@/lib/provisioning/plan-types";
import { cancelRun } from "@/lib/requests/cancel-run";
import { rejectShareRequest } from "@/lib/requests/reject-share-request";
import type { RevokeShareInput } from "./request-actions.schema";

// The console's decisions, as the actions call them: each delegates to the lib/requests or
// lib/provisioning command (which holds the rules, the compare-and-set and the audit) and only translates
// what the planner throws into a message for the account manager.

async function withPlanErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PlanError)
      throw invalidStateError(error.message, { reason: "plan_error", details: { planError: error.code } });
    throw error;
  }
}

export function approveRequest(options: { requestId: string; approverId: string }) {
  return withPlanErrors(() => approveAndProvision(options));
}

export function rejectRequest(options: { requestId: string; deciderId: string; reason: string }) {
  return rejectShareRequest(options);
}

export function retryRun(options: { requestId: string; actorId: string }) {
  return retryAndResume(options);
}

/** Staff waive the proof of account control with a reason (audited); the release run starts. */
export function waiveProof(options: { requestId: string; actorId: string; reason: string }) {
  return withPlanErrors(() => waiveAndRelease(options));
}

export function cancelQueuedRun(options: { requestId: string; runId: string; actorId: string }) {
  return cancelRun(options);
}

// Accounts compare without case and the ORG-ACCOUNT / ORG.ACCOUNT spellings alike: people type both.
const sameAccount = (a: string, b: string) =>
  a.trim().toUpperCase().replace(/-/g, ".") === b.trim().toUpperCase().replace(/-/g, ".");

/** Revocation needs the consumer account typed back: the confirmation names what is about to lose access. */
export async function revokeShare(options: RevokeShareInput & { actorId: string }) {
  const request = await db.shareRequest.findUnique({
    where: { id: options.requestId },
    select: { id: true, consumerAccount: true, consumerLocator: true },
  });
  if (!request) throw notFoundError();
  // Either name of the one account confirms it (the locator is what some people know their account by).
  const names = [request.consumerAccount, request.consumerLocator].filter((n): n is string => Boolean(n));
  if (!names.some((name) => sameAccount(options.confirmAccount, name))) {
    const message = `Type ${request.consumerAccount} exactly to confirm which consumer loses access.`;
    throw invalidInputError(message, { reason: "confirmation_mismatch", fieldErrors: { confirmAccount: [message] } });
  }
  return withPlanErrors(() =>
    revokeAndDeprovision({ requestId: request.id, actorId: options.actorId, reason: options.reason }),
  );
}
