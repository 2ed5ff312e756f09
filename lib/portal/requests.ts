import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_PAGE_SIZE, pageCountFor, type Page } from "@/lib/pagination";
import { listRecentRequests, type OrganizationRequestRow } from "@/lib/portal/home";

/** One page of the organisation's share requests, newest first. */
export async function listOrganizationRequests(options: {
  organizationId: string;
  page: number;
  pageSize?: number;
}): Promise<Page<OrganizationRequestRow>> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const total = await db.shareRequest.count({ where: { organizationId: options.organizationId } });
  const pageCount = pageCountFor(total, pageSize);
  const page = Math.min(options.page, pageCount);
  const items = await listRecentRequests({
    organizationId: options.organizationId,
    take: pageSize,
    skip: (page - 1) * pageSize,
  });
  return { items, page, pageCount, total };
}
