import "server-only";
import { db, type Prisma } from "@/lib/db";
import { newestRunFirst, requestDetailSelect, staffRunSelect, staffStepSelect } from "./request-select";

// The account manager's view of one request: everything a brand sees plus the stored plan, each step's
// SQL, query ids and the raw Snowflake error code and text, and every run (attempt history).

const requestForStaff = {
  ...requestDetailSelect,
  organization: {
    select: { id: true, slug: true, name: true, accountManager: { select: { id: true, name: true, email: true } } },
  },
  requestedBy: { select: { id: true, name: true, email: true } },
  decidedBy: { select: { id: true, name: true, email: true } },
  workspaces: { select: { workspace: { select: { id: true, name: true, region: true, lakeWorkspaceId: true } } } },
  datasets: { select: { dataset: { select: { id: true, key: true, title: true } } } },
  share: {
    select: {
      id: true,
      name: true,
      databaseName: true,
      createdAt: true,
      activatedAt: true,
      revokedAt: true,
      verifiedAt: true,
      verifyResult: true,
      providerAccount: { select: { id: true, organizationName: true, accountName: true, locator: true, region: true } },
    },
  },
  runs: {
    orderBy: newestRunFirst,
    // The runs panel's fields, plus the stored plan, the lease heartbeat and each step's ids.
    select: {
      ...staffRunSelect,
      plan: true,
      heartbeatAt: true,
      steps: { orderBy: { position: "asc" }, select: { ...staffStepSelect, id: true, providerAccountId: true } },
    },
  },
} satisfies Prisma.ShareRequestSelect;

export type RequestForStaff = Prisma.ShareRequestGetPayload<{ select: typeof requestForStaff }>;

/** Any organisation's request (staff only: the caller authorises), or null. */
export async function getRequestForStaff(options: { requestId: string }): Promise<RequestForStaff | null> {
  if (!options.requestId) return null;
  return db.shareRequest.findUnique({ where: { id: options.requestId }, select: requestForStaff });
}
