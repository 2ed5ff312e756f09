import "server-only";
import { db } from "@/lib/db";
import { listAuditEvents, type AuditEventItem } from "@/lib/audit/list-audit-events";
import { auditTimeRange, type AuditFilters } from "./audit-filters";

// The console's audit log: lib/audit's keyset listing plus what the filters name in words (actor email,
// organisation slug) resolved to ids, and organisation names for display.

export type ConsoleAuditRow = AuditEventItem & { organizationName: string | null };
export type ConsoleAuditPage = { items: ConsoleAuditRow[]; nextCursor: string | null };

const empty: ConsoleAuditPage = { items: [], nextCursor: null };

export async function listConsoleAuditEvents(options: {
  filters: AuditFilters;
  cursor?: string | null;
  limit?: number;
}): Promise<ConsoleAuditPage> {
  const { filters } = options;
  const [actor, organization] = await Promise.all([
    filters.actor ? db.user.findUnique({ where: { email: filters.actor }, select: { id: true } }) : null,
    filters.org ? db.organization.findUnique({ where: { slug: filters.org }, select: { id: true } }) : null,
  ]);
  // A filter naming someone or something that does not exist matches nothing (not everything).
  if ((filters.actor && !actor) || (filters.org && !organization)) return empty;
  const page = await listAuditEvents({
    actorId: actor?.id,
    organizationId: organization?.id,
    type: filters.type ?? undefined,
    ...auditTimeRange(filters),
    cursor: options.cursor,
    limit: options.limit,
  });
  const orgIds = [...new Set(page.items.map((e) => e.organizationId).filter((id): id is string => Boolean(id)))];
  const names = new Map(
    (await db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } })).map((o) => [
      o.id,
      o.name,
    ]),
  );
  return {
    items: page.items.map((e) => ({
      ...e,
      organizationName: e.organizationId ? (names.get(e.organizationId) ?? null) : null,
    })),
    nextCursor: page.nextCursor,
  };
}

/** Pages through every matching event (newest first) for the CSV export, up to `max` rows. */
export async function* iterateConsoleAuditEvents(filters: AuditFilters, max: number): AsyncGenerator<ConsoleAuditRow> {
  let cursor: string | null = null;
  let count = 0;
  do {
    const page: ConsoleAuditPage = await listConsoleAuditEvents({ filters, cursor, limit: 200 });
    for (const item of page.items) {
      if (count++ >= max) return;
      yield item;
    }
    cursor = page.nextCursor;
  } while (cursor);
}

export async function listAuditFilterOptions() {
  const [organizations, staff] = await Promise.all([
    db.organization.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } }),
    db.user.findMany({
      where: { staffRole: { not: null } },
      select: { email: true, name: true },
      orderBy: { email: "asc" },
    }),
  ]);
  return { organizations, staff };
}
