import "server-only";
import { cache } from "react";
import { db, type Prisma } from "@/lib/db";
import { requestForOrganization } from "@/lib/requests/get-request-for-organization";

// One read of a brand's request for everything its page shows: the request with its relations, the latest
// run with its steps (and the plan it ran, which holds the mount and proof SQL) and the request's timeline
// events — one SQL statement (Prisma's relation joins). The page, the status route and the mount SQL are
// all built from it (lib/portal/request-detail.ts, request-status.ts, mount-sql.ts) instead of each loading
// the request, run and steps again. The organisation is in the where: another brand's id is not found.

/** How many timeline events a request page reads (newest first; the page shows them oldest first). */
export const TIMELINE_LIMIT = 200;

function brandRequestSelect(organizationId: string) {
  return {
    ...requestForOrganization,
    runs: {
      ...requestForOrganization.runs,
      select: {
        ...requestForOrganization.runs.select,
        failedStepKey: true,
        errorCode: true,
        plan: true,
        steps: {
          ...requestForOrganization.runs.select.steps,
          select: { ...requestForOrganization.runs.select.steps.select, durationMs: true },
        },
      },
    },
    auditEvents: {
      // Both keys, like every audit read of a brand: the request's own events of this organisation.
      where: { organizationId, type: { startsWith: "request." } },
      orderBy: { id: "desc" },
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        createdAt: true,
        type: true,
        actorType: true,
        details: true,
        actor: { select: { name: true } },
      },
    },
  } satisfies Prisma.ShareRequestSelect;
}

export type BrandRequest = Prisma.ShareRequestGetPayload<{ select: ReturnType<typeof brandRequestSelect> }>;

/** Uncached: the live status stream re-reads with it on every notification. */
export async function readBrandRequest(organizationId: string, requestId: string): Promise<BrandRequest | null> {
  // Prisma drops undefined filters: without this, a missing organisation would match every tenant.
  if (!organizationId || !requestId) return null;
  return db.shareRequest.findFirst({
    where: { id: requestId, organizationId },
    select: brandRequestSelect(organizationId),
  });
}

/** Once per page render (React `cache`): the detail, the live status and the mount SQL share this read. */
export const loadBrandRequest = cache(readBrandRequest);
