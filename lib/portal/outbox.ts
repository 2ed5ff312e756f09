import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_PAGE_SIZE, pageCountFor, type Page } from "@/lib/pagination";

// The development outbox: mail Floe would have sent, newest first. Staff see every message (they test
// the flows of all brands); anyone else sees only mail addressed to them.

export type OutboxItem = {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  requestId: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

export async function listOutboxEmails(options: {
  page: number;
  recipient?: string;
  pageSize?: number;
}): Promise<Page<OutboxItem>> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const where = options.recipient ? { to: { equals: options.recipient, mode: "insensitive" as const } } : {};
  const total = await db.outboxEmail.count({ where });
  const pageCount = pageCountFor(total, pageSize);
  const page = Math.min(options.page, pageCount);
  const items = await db.outboxEmail.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      kind: true,
      requestId: true,
      createdAt: true,
      sentAt: true,
    },
  });
  return { items, page, pageCount, total };
}
