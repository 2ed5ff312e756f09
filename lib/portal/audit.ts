import "server-only";
import { listAuditEventsForOrganization } from "@/lib/audit/list-audit-events";
import { isAppError } from "@/lib/errors";
import { describeAuditEvent } from "./describe-audit-event";

// The brand's audit page: its own organisation's events (the tenant-scoped reader hides staff e-mails),
// each described in plain words. A tampered cursor falls back to the first page instead of an error page.

export async function listOrganizationAuditPage(options: {
  organizationId: string;
  cursor: string | null;
  limit?: number;
}) {
  let page;
  try {
    page = await listAuditEventsForOrganization({
      organizationId: options.organizationId,
      cursor: options.cursor,
      limit: options.limit ?? 25,
    });
  } catch (error) {
    if (!(isAppError(error) && error.code === "INVALID_INPUT")) throw error;
    page = await listAuditEventsForOrganization({ organizationId: options.organizationId, limit: options.limit ?? 25 });
  }
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((event) => ({
      id: event.id,
      createdAt: event.createdAt,
      requestId: event.requestId,
      actorName: event.actorType === "SYSTEM" ? "Floe" : (event.actor?.name ?? "Someone"),
      ...describeAuditEvent(event),
    })),
  };
}
