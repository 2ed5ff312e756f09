import "server-only";
import { AUDIT_ID_MAX } from "@/lib/limits";
import { db, type Prisma } from "@/lib/db";
import { invalidInputError } from "@/lib/errors";
import type { ActorType } from "@/lib/generated/prisma/enums";

// Reading the audit trail. Staff read everything (filtered); a brand reads only its own organisation's
// events through the tenant-scoped variant, which also hides staff e-mail addresses.
// Pagination is keyset on the id (newest first): ids only grow, so pages never skip or repeat rows while
// new events arrive, unlike OFFSET.

export type AuditEventFilters = {
  actorId?: string;
  requestId?: string;
  shareId?: string;
  /** Exact type ("request.approved") or a prefix ending in a dot ("request.") for a whole family. */
  type?: string;
  /** Inclusive lower bound and exclusive upper bound on createdAt. */
  from?: Date;
  to?: Date;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  /** Page size, 1..200 (default 50). */
  limit?: number;
};

export type AuditEventItem = {
  id: string;
  createdAt: Date;
  type: string;
  actorType: ActorType;
  actor: { id: string; name: string | null; email?: string } | null;
  organizationId: string | null;
  requestId: string | null;
  shareId: string | null;
  details: Prisma.JsonValue;
};

export type AuditEventPage = { items: AuditEventItem[]; nextCursor: string | null };

/** Staff (console) view: any organisation, or one when `organizationId` is given. */
export async function listAuditEvents(
  options: AuditEventFilters & { organizationId?: string },
): Promise<AuditEventPage> {
  return listPage({ ...options, organizationId: options.organizationId }, { showActorEmail: true });
}

/** Brand (portal) view: the organisation is mandatory and every row is filtered by it in the query. */
export async function listAuditEventsForOrganization(
  options: AuditEventFilters & { organizationId: string },
): Promise<AuditEventPage> {
  if (!options.organizationId) throw invalidInputError("An organisation is required.");
  return listPage(options, { showActorEmail: false });
}

async function listPage(
  options: AuditEventFilters & { organizationId?: string },
  view: { showActorEmail: boolean },
): Promise<AuditEventPage> {
  const limit = pageSize(options.limit);
  const where: Prisma.AuditEventWhereInput = {
    organizationId: options.organizationId,
    actorId: options.actorId,
    requestId: options.requestId,
    shareId: options.shareId,
    type: typeFilter(options.type),
    createdAt: options.from || options.to ? { gte: options.from, lt: options.to } : undefined,
    id: options.cursor ? { lt: parseCursor(options.cursor) } : undefined,
  };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: { id: "desc" },
    take: limit + 1, // one extra row tells whether another page exists
    select: {
      id: true,
      createdAt: true,
      type: true,
      actorType: true,
      organizationId: true,
      requestId: true,
      shareId: true,
      details: true,
      actor: { select: { id: true, name: true, email: view.showActorEmail } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((row) => ({
      ...row,
      id: row.id.toString(),
      actor: row.actor
        ? { id: row.actor.id, name: row.actor.name, ...(view.showActorEmail ? { email: row.actor.email } : {}) }
        : null,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1].id.toString() : null,
  };
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw invalidInputError("Page size must be between 1 and 200.");
  return limit;
}

function typeFilter(type: string | undefined): Prisma.StringFilter | undefined {
  if (!type) return undefined;
  return type.endsWith(".") ? { startsWith: type } : { equals: type };
}

function parseCursor(cursor: string): bigint {
  const id = parseAuditCursor(cursor);
  if (id === null) throw invalidInputError("The page cursor is not valid.", { reason: "invalid_cursor" });
  return id;
}

/** An audit cursor is an event id: digits, within PostgreSQL's bigint (19 digits can exceed it). */
export function parseAuditCursor(cursor: string): bigint | null {
  if (!/^[0-9]{1,19}$/.test(cursor)) return null;
  const id = BigInt(cursor);
  return id <= AUDIT_ID_MAX ? id : null;
}
