import type { Prisma } from "@/lib/db";

// The request columns the read models share, so the brand's and the staff's views of a request name the
// same fields once. Relations stay with each read model: they are where the audiences differ (brands never
// get SQL, query ids or raw Snowflake errors). These are selects only; every query keeps its own tenant where.

/** A request as a row of a list: what is shared with which account, where, and since when. */
export const requestRowSelect = {
  id: true,
  state: true,
  consumerAccount: true,
  consumerLocator: true,
  consumerRegion: true,
  lakeRegion: true,
  crossRegion: true,
  createdAt: true,
} satisfies Prisma.ShareRequestSelect;

/** The row plus the PII choice and the decision time. */
export const requestSummarySelect = {
  ...requestRowSelect,
  includePii: true,
  decidedAt: true,
  endsAt: true,
} satisfies Prisma.ShareRequestSelect;

/** Every own column a request page shows; the same for the brand's and the staff's page. */
export const requestDetailSelect = {
  ...requestSummarySelect,
  note: true,
  updatedAt: true,
  decisionReason: true,
  failureStepKey: true,
} satisfies Prisma.ShareRequestSelect;

/** Runs newest first (the latest attempt is runs[0]), steps in plan order. */
export const newestRunFirst = [
  { createdAt: "desc" },
  { id: "desc" },
] satisfies Prisma.ProvisioningRunOrderByWithRelationInput[];

/** A run as staff read it, with each step's SQL, query ids and raw errors. Staff views only. */
export const staffRunSelect = {
  id: true,
  kind: true,
  state: true,
  attempt: true,
  lockedBy: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  failedStepKey: true,
  errorCode: true,
  errorMessage: true,
} satisfies Prisma.ProvisioningRunSelect;

export const staffStepSelect = {
  key: true,
  position: true,
  state: true,
  sql: true,
  binds: true,
  attempts: true,
  queryIds: true,
  startedAt: true,
  finishedAt: true,
  durationMs: true,
  errorCode: true,
  sqlState: true,
  errorMessage: true,
} satisfies Prisma.ProvisioningStepSelect;
