import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { RequestState } from "@/lib/generated/prisma/enums";
import { requestSummarySelect } from "./request-select";
import { afterCursor, encodeRequestCursor, pageSize, requestOrderBy, type RequestOrder } from "./request-cursor";

// The console's queue: requests across organisations, filtered by state, brand or assigned account manager.
// The review queue reads oldest first (first come, first served); history reads newest first.

const staffListItem = {
  ...requestSummarySelect,
  failureStepKey: true,
  organization: { select: { id: true, slug: true, name: true, accountManagerId: true } },
  requestedBy: { select: { id: true, name: true, email: true } },
  decidedBy: { select: { id: true, name: true } },
  datasets: { select: { dataset: { select: { key: true, title: true } } } },
  _count: { select: { workspaces: true } },
} satisfies Prisma.ShareRequestSelect;

export type StaffRequestListItem = Prisma.ShareRequestGetPayload<{ select: typeof staffListItem }>;

export type ListRequestsForStaffOptions = {
  states?: readonly RequestState[];
  organizationId?: string;
  /** "Assigned to me": brands whose account manager is this user. */
  accountManagerId?: string;
  order?: RequestOrder;
  cursor?: string | null;
  limit?: number;
};

export async function listRequestsForStaff(
  options: ListRequestsForStaffOptions = {},
): Promise<{ items: StaffRequestListItem[]; nextCursor: string | null }> {
  const order = options.order ?? "newest";
  const limit = pageSize(options.limit);
  const rows = await db.shareRequest.findMany({
    where: {
      AND: [
        options.states ? { state: { in: [...options.states] } } : {},
        options.organizationId ? { organizationId: options.organizationId } : {},
        options.accountManagerId ? { organization: { accountManagerId: options.accountManagerId } } : {},
        afterCursor(options.cursor, order),
      ],
    },
    orderBy: requestOrderBy(order),
    take: limit + 1,
    select: staffListItem,
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeRequestCursor(items[items.length - 1]) : null };
}
