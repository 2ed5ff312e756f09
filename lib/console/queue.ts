import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_PAGE_SIZE, pageCountFor, type Page } from "@/lib/pagination";

const queueSelect = {
  id: true,
  state: true,
  consumerAccount: true,
  consumerRegion: true,
  lakeRegion: true,
  crossRegion: true,
  createdAt: true,
  organization: { select: { name: true, slug: true } },
  requestedBy: { select: { name: true, email: true } },
  datasets: { select: { dataset: { select: { title: true } } }, orderBy: { dataset: { title: "asc" } } },
} as const;

export type QueueRow = Awaited<ReturnType<typeof findQueuePage>>[number];

function findQueuePage(skip: number, take: number) {
  return db.shareRequest.findMany({ select: queueSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take });
}

/**
 * The account managers' queue: every brand's requests, newest first. Staff work across tenants by design;
 * the console's own guards (requireStaff, accountManagerAction) are what keep brands out of it.
 */
export async function listRequestQueue(options: { page: number; pageSize?: number }): Promise<Page<QueueRow>> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const total = await db.shareRequest.count();
  const pageCount = pageCountFor(total, pageSize);
  const page = Math.min(options.page, pageCount);
  const items = await findQueuePage((page - 1) * pageSize, pageSize);
  return { items, page, pageCount, total };
}
