import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_PAGE_SIZE, pageCountFor, type Page } from "@/lib/pagination";

function findShares(skip: number, take: number) {
  return db.share.findMany({
    select: {
      id: true,
      name: true,
      consumerAccount: true,
      consumerRegion: true,
      createdAt: true,
      activatedAt: true,
      revokedAt: true,
      organization: { select: { name: true } },
      providerAccount: { select: { accountName: true, region: true } },
      request: { select: { state: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take,
  });
}

export type ShareRow = Awaited<ReturnType<typeof findShares>>[number];

/** Every Snowflake share Floe has created, newest first (staff only). */
export async function listShares(options: { page: number; pageSize?: number }): Promise<Page<ShareRow>> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const total = await db.share.count();
  const pageCount = pageCountFor(total, pageSize);
  const page = Math.min(options.page, pageCount);
  return { items: await findShares((page - 1) * pageSize, pageSize), page, pageCount, total };
}
