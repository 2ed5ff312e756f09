import "server-only";
import { conflictError, forbiddenError, invalidStateError, notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getConfig } from "@/lib/config";
import { appNow } from "@/lib/time/clock";
import { assertStaff } from "./assert-staff";
import { parseShareEndDate } from "./share-end-date";
import { inTransaction } from "./transaction";
import { terminalStates } from "./state-machine";

// A share's end date after the request: staff set or change it (also before approving — "at approval"),
// the brand asks for a renewal (a new, later end date), staff approve or reject it. Every change is a
// compare-and-set with its audit event in one transaction; only lib/requests writes ShareRequest.

const maxDays = () => getConfig().FLOE_SHARE_MAX_DAYS;

/** Staff: set, change or clear (null) the end date of a request that is not finished. */
export async function setShareEndDate(options: { requestId: string; actorId: string; endsAt: string | null }) {
  const endsAt = options.endsAt ? parseShareEndDate(options.endsAt, { now: appNow(), maxDays: maxDays() }) : null;
  return inTransaction(async (tx) => {
    await assertStaff(tx, options.actorId);
    const request = await tx.shareRequest.findUnique({
      where: { id: options.requestId },
      select: { id: true, organizationId: true, endsAt: true },
    });
    if (!request) throw notFoundError();
    const updated = await tx.shareRequest.updateMany({
      where: { id: request.id, state: { notIn: [...terminalStates, "REVOKING"] } },
      data: { endsAt },
    });
    if (updated.count === 0)
      throw invalidStateError("This share has ended or is being revoked; its end date is final.");
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: request.organizationId,
      requestId: request.id,
      type: "request.end_date_set",
      details: { endsAt: endsAt?.toISOString() ?? null, previousEndsAt: request.endsAt?.toISOString() ?? null },
    });
    return { requestId: request.id, endsAt };
  });
}

/** The brand (owner or member) asks to move an active share's end date later. One open renewal at a time. */
export async function requestShareRenewal(options: {
  organizationId: string;
  requestId: string;
  actorId: string;
  endsAt: string;
}) {
  if (!options.organizationId) throw notFoundError();
  const endsAt = parseShareEndDate(options.endsAt, { now: appNow(), maxDays: maxDays() });
  return inTransaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { userId_organizationId: { userId: options.actorId, organizationId: options.organizationId } },
      select: { role: true },
    });
    if (!membership || membership.role === "VIEWER")
      throw forbiddenError("Only owners and members can ask for a renewal.");
    const request = await tx.shareRequest.findFirst({
      where: { id: options.requestId, organizationId: options.organizationId },
      select: { id: true, state: true, endsAt: true },
    });
    if (!request) throw notFoundError();
    if (request.state !== "ACTIVE") throw invalidStateError("Only an active share can be renewed.");
    if (!request.endsAt) throw invalidStateError("This share has no end date; there is nothing to renew.");
    if (endsAt.getTime() <= request.endsAt.getTime())
      throw invalidStateError("Ask for an end date later than the current one.", {
        fieldErrors: { endsAt: ["Ask for an end date later than the current one."] },
      });
    // One open renewal per share: serialised per request, so two racing asks cannot both pass the check.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`floe:renewal:${request.id}`}, 0))`;
    const open = await tx.shareRenewal.findFirst({
      where: { requestId: request.id, state: "PENDING" },
      select: { id: true },
    });
    if (open)
      throw conflictError("A renewal of this share is already waiting for a decision.", { reason: "renewal_pending" });
    const renewal = await tx.shareRenewal.create({
      data: {
        requestId: request.id,
        organizationId: options.organizationId,
        requestedById: options.actorId,
        previousEndsAt: request.endsAt,
        requestedEndsAt: endsAt,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: options.organizationId,
      requestId: request.id,
      type: "request.renewal_requested",
      details: { renewalId: renewal.id, endsAt: endsAt.toISOString(), previousEndsAt: request.endsAt.toISOString() },
    });
    return { renewalId: renewal.id };
  });
}

/** Staff approve (the share's end date moves) or reject (with a reason) a pending renewal. */
export async function decideShareRenewal(options: {
  renewalId: string;
  actorId: string;
  approve: boolean;
  reason?: string | null;
}) {
  return inTransaction(async (tx) => {
    await assertStaff(tx, options.actorId);
    const renewal = await tx.shareRenewal.findUnique({
      where: { id: options.renewalId },
      select: { id: true, requestId: true, organizationId: true, requestedEndsAt: true, state: true },
    });
    if (!renewal) throw notFoundError("renewal");
    const now = appNow();
    if (options.approve && renewal.requestedEndsAt.getTime() <= now.getTime())
      throw invalidStateError("The renewal's end date has already passed; ask the brand for a new one.");
    const reason = options.reason?.trim() ? options.reason.trim().slice(0, 1000) : null;
    const decided = await tx.shareRenewal.updateMany({
      where: { id: renewal.id, state: "PENDING" },
      data: {
        state: options.approve ? "APPROVED" : "REJECTED",
        decidedById: options.actorId,
        decidedAt: now,
        decisionReason: reason,
      },
    });
    if (decided.count === 0) throw conflictError("This renewal was already decided.");
    if (options.approve) {
      const moved = await tx.shareRequest.updateMany({
        where: { id: renewal.requestId, organizationId: renewal.organizationId, state: "ACTIVE" },
        data: { endsAt: renewal.requestedEndsAt },
      });
      if (moved.count === 0) throw invalidStateError("The share is no longer active; it cannot be renewed.");
    }
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: renewal.organizationId,
      requestId: renewal.requestId,
      type: options.approve ? "request.renewal_approved" : "request.renewal_rejected",
      details: {
        renewalId: renewal.id,
        endsAt: renewal.requestedEndsAt.toISOString(),
        ...(reason ? { reason } : {}),
      },
    });
    return { renewalId: renewal.id, state: options.approve ? "APPROVED" : "REJECTED" };
  });
}

/** The request's renewals, newest first (brand: with its organisation; staff: organizationId omitted). */
export async function listShareRenewals(options: { requestId: string; organizationId?: string }) {
  const { db } = await import("@/lib/db");
  return db.shareRenewal.findMany({
    where: {
      requestId: options.requestId,
      ...(options.organizationId ? { organizationId: options.organizationId } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      state: true,
      previousEndsAt: true,
      requestedEndsAt: true,
      decisionReason: true,
      createdAt: true,
      decidedAt: true,
    },
  });
}
