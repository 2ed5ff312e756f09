import type { RequestState } from "@/lib/generated/prisma/enums";

// How often the detail page asks for news, by state. Moving states poll fast so steps appear as they run;
// a pending request polls slowly (a decision takes minutes to days, but should still show up without a
// reload); settled states stop: nothing changes there without someone acting, and that person reloads.
const fast = 1500;
const slow = 15_000;

const intervals: Record<RequestState, number | false> = {
  PENDING_APPROVAL: slow,
  APPROVED: fast,
  PROVISIONING: fast,
  // Waits for the brand to enter the code; polls slowly so a waiver by staff shows up without a reload.
  AWAITING_PROOF: slow,
  REVOKING: fast,
  ACTIVE: false,
  FAILED: false,
  REJECTED: false,
  CANCELLED: false,
  REVOKED: false,
};

export function pollIntervalFor(state: RequestState | undefined): number | false {
  if (!state) return fast;
  return intervals[state] ?? false;
}
