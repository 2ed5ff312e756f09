import "server-only";
import { db, type Prisma } from "@/lib/db";
import { inTransaction } from "@/lib/requests/transaction";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { PipelineAlertRule } from "@/lib/generated/prisma/enums";
import type { AlertCondition } from "./alert-rules";
import { queueAlertNotifications } from "./alert-notifications";

// Alerts: one per incident. A condition that holds opens an alert unless one for its (rule, subject) is
// unresolved — the partial unique index PipelineAlert_one_open_per_subject decides between racing samplers,
// and the loser's transaction (alert, audit event, mails, webhook) rolls back whole, so each incident
// notifies once. A later round that no longer finds the condition resolves it (notifies once more). Staff
// acknowledge an alert (audited); it still resolves by itself when the condition clears.

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002" || /unique constraint/i.test(String((error as Error)?.message));
}

export type SyncResult = { opened: string[]; resolved: string[] };

/**
 * Applies one account's round: `conditions` hold now; unresolved alerts of `evaluatedRules` for this account
 * not among them resolve. Rules whose samples failed to read are not in `evaluatedRules`, so they stay as they are.
 */
export async function syncAlerts(options: {
  providerAccountId: string;
  conditions: AlertCondition[];
  evaluatedRules: PipelineAlertRule[];
  now?: Date;
}): Promise<SyncResult> {
  const now = options.now ?? new Date();
  const result: SyncResult = { opened: [], resolved: [] };
  const holding = new Set(options.conditions.map((c) => `${c.rule}|${c.subject}`));

  for (const condition of options.conditions) {
    if (!options.evaluatedRules.includes(condition.rule)) continue;
    const existing = await db.pipelineAlert.findFirst({
      where: { rule: condition.rule, subject: condition.subject, state: { not: "RESOLVED" } },
      select: { id: true },
    });
    if (existing) {
      await db.pipelineAlert.update({
        where: { id: existing.id },
        data: { lastSeenAt: now, details: condition.details, summary: condition.summary },
      });
      continue;
    }
    try {
      const id = await inTransaction(async (tx) => {
        const alert = await tx.pipelineAlert.create({
          data: {
            rule: condition.rule,
            subject: condition.subject,
            providerAccountId: options.providerAccountId,
            region: condition.region,
            datasetKey: condition.datasetKey,
            summary: condition.summary.slice(0, 2000),
            details: condition.details,
            openedAt: now,
            lastSeenAt: now,
          },
        });
        await recordAuditEvent(tx, {
          actor: { type: "SYSTEM" },
          organizationId: null,
          type: "pipeline.alert_opened",
          details: { alertId: alert.id, rule: alert.rule, subject: alert.subject, summary: alert.summary },
        });
        await queueAlertNotifications(tx, alert, "opened");
        return alert.id;
      });
      result.opened.push(id);
    } catch (error) {
      // Another sampler opened it first: that one notified.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  const unresolved = await db.pipelineAlert.findMany({
    where: {
      providerAccountId: options.providerAccountId,
      rule: { in: options.evaluatedRules },
      state: { not: "RESOLVED" },
    },
  });
  for (const alert of unresolved) {
    if (holding.has(`${alert.rule}|${alert.subject}`)) continue;
    const resolved = await inTransaction(async (tx) => {
      const changed = await tx.pipelineAlert.updateMany({
        where: { id: alert.id, state: { not: "RESOLVED" } },
        data: { state: "RESOLVED", resolvedAt: now },
      });
      if (changed.count === 0) return false;
      await recordAuditEvent(tx, {
        actor: { type: "SYSTEM" },
        organizationId: null,
        type: "pipeline.alert_resolved",
        details: { alertId: alert.id, rule: alert.rule, subject: alert.subject },
      });
      await queueAlertNotifications(tx, alert, "resolved");
      return true;
    });
    if (resolved) result.resolved.push(alert.id);
  }
  return result;
}

/** Staff acknowledge an open alert ("someone is on it"); audited. Authorization is the caller's (staff action). */
export async function acknowledgeAlert(options: { alertId: string; actorId: string }): Promise<{ state: string }> {
  return inTransaction(async (tx: Prisma.TransactionClient) => {
    const actor = await tx.user.findUnique({ where: { id: options.actorId }, select: { staffRole: true } });
    if (!actor?.staffRole) throw new AppError("FORBIDDEN", "Only Floe staff can do this.");
    const changed = await tx.pipelineAlert.updateMany({
      where: { id: options.alertId, state: "OPEN" },
      data: { state: "ACKNOWLEDGED", acknowledgedAt: new Date(), acknowledgedById: options.actorId },
    });
    if (changed.count === 0) {
      const alert = await tx.pipelineAlert.findUnique({ where: { id: options.alertId }, select: { state: true } });
      if (!alert) throw new AppError("NOT_FOUND", "That alert no longer exists.");
      throw new AppError(
        "CONFLICT",
        alert.state === "RESOLVED" ? "This alert has already resolved." : "This alert is already acknowledged.",
      );
    }
    const alert = await tx.pipelineAlert.findUniqueOrThrow({ where: { id: options.alertId } });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: null,
      type: "pipeline.alert_acknowledged",
      details: { alertId: alert.id, rule: alert.rule, subject: alert.subject },
    });
    return { state: "ACKNOWLEDGED" };
  });
}
