import "server-only";
import { db, type Prisma } from "@/lib/db";
import { newestRunFirst, requestDetailSelect } from "./request-select";

// A brand's view of one of its requests. The organisation is part of the query, so another brand's id is
// simply not found (the page renders a 404, not a 403 that would confirm the id exists). Brands see step
// progress but not the SQL or the raw Snowflake errors; those are the account manager's (get-request-for-staff).

export const requestForOrganization = {
  ...requestDetailSelect,
  requestedBy: { select: { id: true, name: true, email: true } },
  decidedBy: { select: { name: true } },
  workspaces: { select: { workspace: { select: { id: true, name: true, region: true } } } },
  datasets: { select: { dataset: { select: { id: true, key: true, title: true } } } },
  share: {
    select: {
      name: true,
      databaseName: true,
      activatedAt: true,
      revokedAt: true,
      verifiedAt: true,
      // What the consumer needs to mount the share: CREATE DATABASE ... FROM SHARE <org>.<account>.<share>.
      providerAccount: { select: { organizationName: true, accountName: true, region: true } },
    },
  },
  runs: {
    // The request's own runs: a drift REPAIR run (staff's maintenance of an ACTIVE share, lib/provisioning/drift)
    // never changes the request's state, so the brand's page, live status and API keep the provisioning or
    // revoke run as "the latest run" (and its plan as the mount SQL's source) while one is queued or running.
    where: { kind: { in: ["PROVISION", "REVOKE"] } },
    orderBy: newestRunFirst,
    take: 1,
    select: {
      id: true,
      kind: true,
      state: true,
      attempt: true,
      startedAt: true,
      finishedAt: true,
      steps: {
        orderBy: { position: "asc" },
        select: { key: true, position: true, state: true, startedAt: true, finishedAt: true },
      },
    },
  },
} satisfies Prisma.ShareRequestSelect;

export type RequestForOrganization = Prisma.ShareRequestGetPayload<{ select: typeof requestForOrganization }>;

/** The request if it belongs to `organizationId`, else null (callers answer 404). */
export async function getRequestForOrganization(options: {
  requestId: string;
  organizationId: string;
}): Promise<RequestForOrganization | null> {
  // Prisma drops undefined filters: without this, a missing organisation would match every tenant.
  if (!options.organizationId || !options.requestId) return null;
  return db.shareRequest.findFirst({
    where: { id: options.requestId, organizationId: options.organizationId },
    select: requestForOrganization,
  });
}
