import "server-only";
import type { Prisma } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";

// What an alert sends, once when it opens and once when it resolves: an e-mail to every account manager and
// admin (the outbox, in the alert's transaction) and a Slack-compatible JSON body ({ text, blocks }) to the
// vendor's webhook endpoints (lib/webhooks: signed X-Floe-Signature, delivered with retries by the worker).
// Staff texts may carry Snowflake's error text: no brand reads them.

export type NotifiedAlert = {
  id: string;
  rule: string;
  subject: string;
  region: string;
  summary: string;
  details: unknown;
};

export const ALERT_EMAIL_KIND = { opened: "pipeline.alert_opened", resolved: "pipeline.alert_resolved" } as const;

function pipelinePageUrl(): string {
  return new URL("/console/pipeline", getConfig().NEXTAUTH_URL ?? "http://localhost:3000").toString();
}

function detailLines(details: unknown): string[] {
  if (!details || typeof details !== "object") return [];
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}: ${String(v)}`);
}

export function alertMessage(alert: NotifiedAlert, event: "opened" | "resolved"): { subject: string; text: string } {
  const head = event === "opened" ? `Pipeline alert: ${alert.summary}` : `Resolved: ${alert.summary}`;
  const body = [
    event === "opened"
      ? `Floe's pipeline health check opened an alert (${alert.rule}) for ${alert.subject}.`
      : `The condition of this alert (${alert.rule}) no longer holds for ${alert.subject}; it resolved itself.`,
    ...detailLines(alert.details),
    `Pipeline page: ${pipelinePageUrl()}`,
    `Alert reference: ${alert.id}`,
  ];
  return { subject: head.slice(0, 200), text: body.join("\n\n") };
}

/** Slack's incoming-webhook shape: `text` is the fallback, `blocks` the message. */
export function slackPayload(alert: NotifiedAlert, event: "opened" | "resolved") {
  const { subject, text } = alertMessage(alert, event);
  return {
    text: subject,
    blocks: [
      { type: "header", text: { type: "plain_text", text: subject.slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: text.slice(0, 2900) } },
    ],
    floe: { alertId: alert.id, rule: alert.rule, subject: alert.subject, region: alert.region, event },
  };
}

export async function queueAlertNotifications(
  tx: Prisma.TransactionClient,
  alert: NotifiedAlert,
  event: "opened" | "resolved",
): Promise<void> {
  const staff = await tx.user.findMany({
    where: { staffRole: { in: ["ACCOUNT_MANAGER", "ADMIN"] } },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  const { subject, text } = alertMessage(alert, event);
  if (staff.length > 0)
    await tx.outboxEmail.createMany({
      data: staff.map((s) => ({ to: s.email, subject, text, kind: ALERT_EMAIL_KIND[event] })),
    });
  await enqueueWebhook(
    { vendor: true },
    event === "opened" ? "alert.raised" : "alert.resolved",
    slackPayload(alert, event),
    {
      tx,
    },
  );
}
