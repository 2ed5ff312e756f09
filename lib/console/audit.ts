import "server-only";
import { db } from "@/lib/db";
import { pageCountFor, type Page } from "@/lib/pagination";

function findEvents(skip: number, take: number) {
  return db.auditEvent.findMany({
    select: {
      id: true,
      createdAt: true,
      type: true,
      actorType: true,
      requestId: true,
      actor: { select: { name: true, email: true } },
      organization: { select: { name: true } },
    },
    orderBy: { id: "desc" },
    skip,
    take,
  });
}

export type AuditRow = Awaited<ReturnType<typeof findEvents>>[number];

/** The audit trail across all brands, newest first (staff only). Ids are BigInt: callers stringify them. */
export async function listAuditEvents(options: { page: number; pageSize?: number }): Promise<Page<AuditRow>> {
  const pageSize = options.pageSize ?? 50;
  const total = await db.auditEvent.count();
  const pageCount = pageCountFor(total, pageSize);
  const page = Math.min(options.page, pageCount);
  return { items: await findEvents((page - 1) * pageSize, pageSize), page, pageCount, total };
}
