import type { RequestState } from "@/lib/generated/prisma/enums";

// How often the detail page asks for news when its live stream (lib/live, server-sent events) is not
// connected: while it connects, after it failed, or where the browser has no EventSource. Moving states
// poll fast so steps appear as they run. Every other state that can still change polls slowly, because
// someone else may act on it (a decision, a staff revocation or retry, a waiver): a page that stopped
// polling at ACTIVE or FAILED would never see that without a reload. Only the terminal states stop.
const fast = 1500;
const slow = 15_000;

const intervals: Record<RequestState, number | false> = {
  PENDING_APPROVAL: slow,
  APPROVED: fast,
  PROVISIONING: fast,
  AWAITING_PROOF: slow,
  REVOKING: fast,
  ACTIVE: slow,
  FAILED: slow,
  REJECTED: false,
  CANCELLED: false,
  REVOKED: false,
};

export function pollIntervalFor(state: RequestState | undefined): number | false {
  if (!state) return fast;
  return intervals[state] ?? false;
}
