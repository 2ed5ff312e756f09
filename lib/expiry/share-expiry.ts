import "server-only";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { appNow } from "@/lib/time/clock";
import { isAppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requestPageUrl } from "@/lib/requests/emails";
import { inTransaction } from "@/lib/requests/transaction";
import { requestRevocation } from "@/lib/requests/request-revocation";
import { plannedSteps, revocationPlanForRequest } from "@/lib/provisioning/plan-for-request";
import { enqueueRun } from "@/lib/provisioning/queue";
import { logger } from "@/lib/logger";

// The scheduled side of share end dates, run by every worker's sweep (lib/provisioning/worker.ts):
//  - reminders: FLOE_EXPIRY_REMINDER_DAYS before the end date (e.g. 14 and 3 days), one e-mail each per end
//    date to the requester — a ShareExpiryReminder row (primary key request × end date × days) makes it once,
//    across racing workers; a renewal's new end date starts a fresh set;
//  - at the end date: the normal revoke run (the same plan and command as a staff revocation), actor SYSTEM.
// Time comes from the app clock, so tests move it instead of waiting.

const DAY_MS = 86_400_000;

/** The most urgent reminder due for a share ending at `endsAt` (days before), or null. */
export function dueReminder(endsAt: Date, now: Date, reminderDays: readonly number[]): number | null {
  const left = endsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const due = reminderDays.filter((d) => left <= d * DAY_MS);
  return due.length ? Math.min(...due) : null;
}

export async function sendExpiryReminders(limit = 50): Promise<number> {
  const days = getConfig().FLOE_EXPIRY_REMINDER_DAYS;
  if (days.length === 0) return 0;
  const now = appNow();
  const candidates = await db.shareRequest.findMany({
    where: { state: "ACTIVE", endsAt: { gt: now, lte: new Date(now.getTime() + Math.max(...days) * DAY_MS) } },
    orderBy: { endsAt: "asc" },
    take: limit,
    select: {
      id: true,
      endsAt: true,
      organizationId: true,
      consumerAccount: true,
      consumerRegion: true,
      organization: { select: { slug: true } },
      requestedBy: { select: { email: true } },
      expiryReminders: { select: { endsAt: true, daysBefore: true } },
    },
  });
  let sent = 0;
  for (const request of candidates) {
    const endsAt = request.endsAt!;
    const daysBefore = dueReminder(endsAt, now, days);
    if (daysBefore === null) continue;
    if (request.expiryReminders.some((r) => r.endsAt.getTime() === endsAt.getTime() && r.daysBefore === daysBefore))
      continue;
    const wrote = await inTransaction(async (tx) => {
      const claimed = await tx.shareExpiryReminder.createMany({
        data: [{ requestId: request.id, endsAt, daysBefore, sentAt: now }],
        skipDuplicates: true,
      });
      if (claimed.count === 0) return false; // another worker sent it
      const day = endsAt.toISOString().slice(0, 10);
      const pageUrl = requestPageUrl(request.organization.slug, request.id);
      await tx.outboxEmail.create({
        data: {
          to: request.requestedBy.email,
          subject: `Your data share ends on ${day}`,
          text: [
            `The share with Snowflake account ${request.consumerAccount} (${request.consumerRegion}) ends on ${day} at 00:00 UTC; at that moment Floe revokes it and the account loses access.`,
            `To keep it, ask for a renewal on the request's page; an account manager approves it.`,
            `Open the request: ${pageUrl}\n\nRequest reference: ${request.id}`,
          ].join("\n\n"),
          kind: "request.expiry_reminder",
          requestId: request.id,
          createdAt: now,
        },
      });
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM" },
        organizationId: request.organizationId,
        requestId: request.id,
        type: "request.expiry_reminder_sent",
        details: { endsAt: endsAt.toISOString(), daysBefore },
      });
      return true;
    });
    if (wrote) sent++;
  }
  return sent;
}

/** Starts the revoke run of every share whose end date has come. Returns the requests it revoked. */
export async function revokeExpiredShares(limit = 20): Promise<string[]> {
  const now = appNow();
  const due = await db.shareRequest.findMany({
    where: { state: { in: ["ACTIVE", "AWAITING_PROOF"] }, endsAt: { lte: now } },
    orderBy: { endsAt: "asc" },
    take: limit,
    select: { id: true, endsAt: true },
  });
  const revoked: string[] = [];
  for (const request of due) {
    try {
      const { plan } = await revocationPlanForRequest(request.id);
      const started = await requestRevocation({
        requestId: request.id,
        actorId: null,
        plan,
        steps: plannedSteps(plan),
        reason: `The share reached its end date (${request.endsAt!.toISOString().slice(0, 10)}).`,
        expired: true,
      });
      await enqueueRun({ runId: started.runId, requestId: started.requestId, kind: "REVOKE" });
      revoked.push(request.id);
    } catch (error) {
      // Someone revoked it meanwhile (a racing worker or staff): nothing to do.
      if (isAppError(error) && (error.code === "CONFLICT" || error.code === "INVALID_STATE")) continue;
      logger.error({ err: error, requestId: request.id }, "expiry revocation failed");
    }
  }
  return revoked;
}
