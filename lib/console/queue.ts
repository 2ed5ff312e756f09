import "server-only";
import { db, type Prisma } from "@/lib/db";
import type { RequestState } from "@/lib/generated/prisma/enums";
import {
  afterCursor,
  decodeRequestCursor,
  encodeRequestCursor,
  requestOrderBy,
  type RequestOrder,
} from "@/lib/requests/request-cursor";
import { requestRowSelect } from "@/lib/requests/request-select";
import { ageRange, type QueueFilters, type QueuePosition } from "./queue-filters";

// The account managers' queue across every brand. Staff work across tenants by design; the console's
// guards (requireStaff, accountManagerAction) are what keep brands out of it.
//
// Why keyset pagination: an OFFSET page makes Postgres walk and throw away every earlier row, so page 500
// of a 50k-row queue is slow, and rows shift under the reader while requests arrive. Keyset on
// (createdAt, id) reads one index range per page whatever its depth: (state, createdAt),
// (organizationId, createdAt), (consumerRegion, createdAt, id) and (createdAt, id) (the last two added by
// the console_queue_indexes migration) serve every filter combination with an ordered index scan.
// Counts per state and per region are one GROUP BY (consumerRegion, state) on the other filters: an
// index-only scan of (consumerRegion, state) (migration queue_count_index) when nothing else is filtered,
// summed in code — the state tabs count the chosen region, the region menu counts the chosen state.
// The selected brand is read with its name, for the brand filter; the list of brands is not part of the
// page at all (the filter searches lib/console/organization-search.ts), so the page's size does not grow
// with the number of brands.

export const QUEUE_PAGE_SIZE = 25;

const queueSelect = {
  ...requestRowSelect,
  organization: { select: { name: true, slug: true, accountManagerId: true } },
  requestedBy: { select: { name: true, email: true } },
  datasets: { select: { dataset: { select: { title: true } } }, orderBy: { dataset: { title: "asc" } } },
} satisfies Prisma.ShareRequestSelect;

export type QueueRow = Prisma.ShareRequestGetPayload<{ select: typeof queueSelect }>;

export type QueuePage = {
  items: QueueRow[];
  /** Cursor for the next page in the chosen order, or null on the last page. */
  nextCursor: string | null;
  /** Cursor for the previous page, or null on the first page. */
  prevCursor: string | null;
  countsByState: Partial<Record<RequestState, number>>;
  /** Per consumer region, with the other filters (state included) applied. */
  countsByRegion: Record<string, number>;
  /** Total over all states with the other filters applied. */
  total: number;
  /** The brand of the `org` filter (slug and name), when it names one. */
  organization: { slug: string; name: string } | null;
};

/** Every filter except state and region (those are the GROUP BY's keys). */
function baseWhere(
  filters: QueueFilters,
  organizationId: string | null,
  viewerId: string,
  now: Date,
): Prisma.ShareRequestWhereInput[] {
  return [
    // By id rather than through the relation, so the planner can use (organizationId, createdAt).
    organizationId ? { organizationId } : {},
    filters.cross !== null ? { crossRegion: filters.cross } : {},
    filters.age ? { createdAt: ageRange(filters.age, now) } : {},
    filters.mine ? { organization: { accountManagerId: viewerId } } : {},
  ];
}

export async function listRequestQueue(options: {
  filters: QueueFilters;
  position: QueuePosition;
  viewerId: string;
  pageSize?: number;
  now?: Date;
}): Promise<QueuePage> {
  const { filters, position } = options;
  const limit = options.pageSize ?? QUEUE_PAGE_SIZE;
  const now = options.now ?? new Date();
  // An unknown brand slug matches nothing (not everything).
  const organization = filters.org
    ? await db.organization.findUnique({ where: { slug: filters.org }, select: { id: true, slug: true, name: true } })
    : null;
  if (filters.org && !organization)
    return {
      items: [],
      nextCursor: null,
      prevCursor: null,
      countsByState: {},
      countsByRegion: {},
      total: 0,
      organization: null,
    };
  const base = baseWhere(filters, organization?.id ?? null, options.viewerId, now);
  const stateFilter = filters.state ? { state: filters.state } : {};
  const regionFilter = filters.region ? { consumerRegion: filters.region } : {};

  // Going back reads the reverse order from the `before` cursor, then flips the rows. A cursor that does not
  // decode (hand-edited link) just means the first page.
  const cursor = readableCursor(position.before ?? position.after);
  const backwards = Boolean(cursor && position.before);
  const order: RequestOrder = (filters.sort === "newest") !== backwards ? "newest" : "oldest";

  const [rows, groups] = await Promise.all([
    db.shareRequest.findMany({
      // The extra bound on createdAt repeats what the cursor's OR already implies: Postgres cannot derive it
      // from the OR, and with it the index scan starts at the cursor instead of walking up to it.
      where: {
        AND: [
          ...base,
          regionFilter,
          stateFilter,
          cursor ? afterCursor(cursor.text, order) : {},
          cursor ? { createdAt: { [order === "newest" ? "lte" : "gte"]: cursor.createdAt } } : {},
        ],
      },
      orderBy: requestOrderBy(order),
      take: limit + 1,
      select: queueSelect,
    }),
    db.shareRequest.groupBy({ by: ["consumerRegion", "state"], where: { AND: base }, _count: { _all: true } }),
  ]);

  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const firstRow = page[0];
  const lastRow = page[page.length - 1];
  const countsByState: Partial<Record<RequestState, number>> = {};
  const countsByRegion: Record<string, number> = {};
  let total = 0;
  for (const group of groups) {
    const count = group._count._all;
    if (!filters.region || group.consumerRegion === filters.region) {
      countsByState[group.state] = (countsByState[group.state] ?? 0) + count;
      total += count;
    }
    if (!filters.state || group.state === filters.state)
      countsByRegion[group.consumerRegion] = (countsByRegion[group.consumerRegion] ?? 0) + count;
  }

  return {
    items: page,
    // Moving forward there is always a way back unless we started at the top; moving back, the reverse.
    nextCursor: lastRow && (backwards || hasMore) ? encodeRequestCursor(lastRow) : null,
    prevCursor: firstRow && (backwards ? hasMore : Boolean(cursor)) ? encodeRequestCursor(firstRow) : null,
    countsByState,
    countsByRegion,
    total,
    organization: organization ? { slug: organization.slug, name: organization.name } : null,
  };
}

/** The cursor's createdAt when it is one encodeRequestCursor wrote, else null. */
function readableCursor(text: string | null): { text: string; createdAt: Date } | null {
  const decoded = text ? decodeRequestCursor(text) : null;
  return text && decoded ? { text, createdAt: decoded.createdAt } : null;
}

/**
 * What the shares page's filter form offers: brands (by name) and the regions requests actually target.
 * The request queue no longer uses it (its brand filter searches; its regions come from lib/snowflake/regions).
 */
export async function getQueueFilterOptions(): Promise<{
  organizations: { slug: string; name: string }[];
  regions: string[];
}> {
  const [organizations, regions] = await Promise.all([
    db.organization.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db.shareRequest.groupBy({ by: ["consumerRegion"], orderBy: { consumerRegion: "asc" } }),
  ]);
  return { organizations, regions: regions.map((r) => r.consumerRegion) };
}
