import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditEventType } from "./audit-event-types";

// The audit trail: one append-only row per thing that happened. Always written with the transaction client
// of the change it describes, so an event exists if and only if the change committed.

// The one list of event types lives in audit-event-types.ts (pure, so the console's filter can read it).
export type { AuditEventType } from "./audit-event-types";

export type AuditActor = { type: "USER"; id: string } | { type: "SYSTEM" };

export type RecordAuditEventInput = {
  actor: AuditActor;
  organizationId: string | null;
  requestId?: string | null;
  shareId?: string | null;
  type: AuditEventType;
  /** Facts a reader needs later. Brands can read their organisation's events: no secrets, no raw Snowflake errors. */
  details?: Prisma.InputJsonObject;
};

/** Same rule as the AuditEvent_type_format CHECK; failing here names the bad type instead of a constraint. */
const typeFormat = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;

export async function recordAuditEvent(
  tx: Prisma.TransactionClient,
  input: RecordAuditEventInput,
): Promise<{ id: bigint }> {
  if (!typeFormat.test(input.type))
    throw new Error(`Audit event type "${input.type}" must be dotted lower case, e.g. request.approved`);
  return tx.auditEvent.create({
    data: {
      actorType: input.actor.type,
      actorId: input.actor.type === "USER" ? input.actor.id : null,
      organizationId: input.organizationId,
      requestId: input.requestId ?? null,
      shareId: input.shareId ?? null,
      type: input.type,
      details: input.details ?? {},
    },
    select: { id: true },
  });
}
