import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { RequestState } from "@/lib/generated/prisma/enums";
import { requestSummarySelect } from "./request-select";
import { afterCursor, encodeRequestCursor, pageSize, requestOrderBy } from "./request-cursor";

// A brand's requests, newest first, one page at a time. Every row is filtered by the organisation.

const listItem = {
  ...requestSummarySelect,
  requestedBy: { select: { id: true, name: true } },
  workspaces: { select: { workspace: { select: { id: true, name: true } } } },
  datasets: { select: { dataset: { select: { key: true, title: true } } } },
  share: { select: { name: true, activatedAt: true, revokedAt: true } },
} satisfies Prisma.ShareRequestSelect;

export type OrganizationRequestListItem = Prisma.ShareRequestGetPayload<{ select: typeof listItem }>;

export type ListRequestsForOrganizationOptions = {
  organizationId: string;
  states?: readonly RequestState[];
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  /** 1..100, default 25. */
  limit?: number;
};

export async function listRequestsForOrganization(
  options: ListRequestsForOrganizationOptions,
): Promise<{ items: OrganizationRequestListItem[]; nextCursor: string | null }> {
  if (!options.organizationId) return { items: [], nextCursor: null };
  const limit = pageSize(options.limit);
  const rows = await db.shareRequest.findMany({
    where: {
      AND: [
        { organizationId: options.organizationId },
        options.states ? { state: { in: [...options.states] } } : {},
        afterCursor(options.cursor, "newest"),
      ],
    },
    orderBy: requestOrderBy("newest"),
    take: limit + 1,
    select: listItem,
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeRequestCursor(items[items.length - 1]) : null };
}
