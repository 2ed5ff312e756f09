// The request lifecycle as data. Pure (no server imports) so the UI can ask "which buttons apply?" with the
// same table the commands enforce. Commands never write a state without `assertTransition` first, and
// then write it with a compare-and-set on `from`, so the table below is the whole truth.
//
//   PENDING_APPROVAL ─approve→ APPROVED ─start→ PROVISIONING ─activate→ ACTIVE ─revoke→ REVOKING ─finish→ REVOKED
//          │ reject → REJECTED                     │                                    │
//          │ cancel → CANCELLED       APPROVED/PROVISIONING ─fail→ FAILED ←fail─ REVOKING
//                                                   FAILED ─retry→ PROVISIONING | REVOKING (the failed run's kind)
//                                                   FAILED ─revoke→ REVOKING (give up and clean up)
//                          PROVISIONING ─await_proof→ AWAITING_PROOF ─prove_control→ PROVISIONING
//                                                     AWAITING_PROOF ─revoke→ REVOKING
//
// Decisions:
// - REVOKING → FAILED exists: a revoke run that fails must be visible and retryable like any other run;
//   its share may still be live, which the UI reads from the failed run's kind (REVOKE).
// - FAILED → REVOKING exists: a provision that can never succeed (e.g. the consumer account does not
//   exist) would otherwise stay FAILED for ever with half-created objects; revoking cleans them up with the
//   same idempotent IF EXISTS steps.
// - APPROVED → FAILED exists: a run can fail before its first step (e.g. the job could not be claimed).
// - AWAITING_PROOF: the first run of a share into a (brand, account) pair not yet proven creates the share
//   and adds the account with no entitlement rows; the only thing the account can read is a one-time code.
//   The code entered by the brand (or a staff waiver) moves it back to PROVISIONING with a second run that
//   writes the entitlements. Withdrawing instead revokes the share (REVOKING).
// - REJECTED, CANCELLED and REVOKED are terminal: a new share needs a new request.

import type { RequestState } from "@/lib/generated/prisma/enums";

// The lifecycle's state vocabularies (request, run, step), for UI code, which does not import Prisma.
export type { RequestState, RunState, StepState } from "@/lib/generated/prisma/enums";

export type RequestTransition =
  | "approve"
  | "reject"
  | "cancel"
  | "start_provisioning"
  | "activate"
  | "await_proof"
  | "prove_control"
  | "fail"
  | "retry_provisioning"
  | "retry_revocation"
  | "request_revocation"
  | "finish_revocation";

export const transitions: Readonly<Record<RequestTransition, { from: readonly RequestState[]; to: RequestState }>> =
  Object.freeze({
    approve: { from: ["PENDING_APPROVAL"], to: "APPROVED" },
    reject: { from: ["PENDING_APPROVAL"], to: "REJECTED" },
    cancel: { from: ["PENDING_APPROVAL"], to: "CANCELLED" },
    start_provisioning: { from: ["APPROVED"], to: "PROVISIONING" },
    activate: { from: ["PROVISIONING"], to: "ACTIVE" },
    await_proof: { from: ["PROVISIONING"], to: "AWAITING_PROOF" },
    prove_control: { from: ["AWAITING_PROOF"], to: "PROVISIONING" },
    fail: { from: ["APPROVED", "PROVISIONING", "REVOKING"], to: "FAILED" },
    retry_provisioning: { from: ["FAILED"], to: "PROVISIONING" },
    retry_revocation: { from: ["FAILED"], to: "REVOKING" },
    request_revocation: { from: ["ACTIVE", "FAILED", "AWAITING_PROOF"], to: "REVOKING" },
    finish_revocation: { from: ["REVOKING"], to: "REVOKED" },
  });

export const terminalStates: readonly RequestState[] = ["REJECTED", "CANCELLED", "REVOKED"];

/**
 * States in which a request still stands for (or may soon stand for) a share to its consumer: a second
 * request for the same consumer, workspaces and datasets is refused while one of these exists.
 */
export const liveStates: readonly RequestState[] = [
  "PENDING_APPROVAL",
  "APPROVED",
  "PROVISIONING",
  "AWAITING_PROOF",
  "ACTIVE",
  "REVOKING",
  "FAILED",
];

/** A run is at work on the request: its state changes without a person acting (the UI keeps polling). */
export const runningStates: readonly RequestState[] = ["APPROVED", "PROVISIONING", "REVOKING"];

/**
 * States whose share the reconciliation check expects to find in Snowflake (a share of a request in any
 * other state is reported as orphaned); PROVISIONING and REVOKING because their runs are on it right now.
 */
export const shareHoldingStates: readonly RequestState[] = ["PROVISIONING", "ACTIVE", "REVOKING"];

export function canTransition(state: RequestState, transition: RequestTransition): boolean {
  return transitions[transition].from.includes(state);
}

/** Transitions allowed from a state (for the UI's buttons and for tests). */
export function allowedTransitions(state: RequestState): RequestTransition[] {
  return (Object.keys(transitions) as RequestTransition[]).filter((t) => canTransition(state, t));
}

export function isTerminal(state: RequestState): boolean {
  return terminalStates.includes(state);
}

/** Throws (a programming error, not a user error) when a command asks for a transition the table forbids. */
export function assertTransition(
  transition: RequestTransition,
  from: readonly RequestState[] = transitions[transition].from,
): { from: RequestState[]; to: RequestState } {
  const rule = transitions[transition];
  const bad = from.filter((state) => !rule.from.includes(state));
  if (bad.length > 0) throw new Error(`Transition ${transition} is not allowed from ${bad.join(", ")}`);
  return { from: [...from], to: rule.to };
}

const stateLabels: Record<RequestState, string> = {
  PENDING_APPROVAL: "pending approval",
  APPROVED: "approved",
  PROVISIONING: "being provisioned",
  AWAITING_PROOF: "waiting for proof of account control",
  ACTIVE: "active",
  REVOKING: "being revoked",
  REVOKED: "revoked",
  REJECTED: "rejected",
  CANCELLED: "cancelled",
  FAILED: "failed",
};

/** Lower-case words for messages: "This request is already being provisioned." */
export function describeState(state: RequestState): string {
  return stateLabels[state];
}
