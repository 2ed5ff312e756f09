import "server-only";
import { db, type Prisma } from "@/lib/db";
import { appNow } from "@/lib/time/clock";

// The one way to send a webhook: write outbox rows (WebhookDelivery), one per matching endpoint. Pass the
// transaction of the change that causes the event, so the webhook exists if and only if the change commits;
// the worker delivers it (deliver-webhooks.ts). Used for request state changes (lib/requests) and alerts.
//
//   await enqueueWebhook({ organizationId }, "request.state_changed", { … }, { tx });
//   await enqueueWebhook({ vendor: true }, "alert.raised", { text: "…", blocks: [ … ] });   // Slack-compatible
//
// The body posted is exactly JSON.stringify(payload): no envelope is added, so a Slack-compatible payload
// reaches a Slack incoming webhook as it is. The event name and delivery id travel in headers
// (X-Floe-Event, X-Floe-Delivery); the signature in X-Floe-Signature (signature.ts).

export type WebhookTarget =
  /** Every enabled endpoint of this organisation subscribed to the event. */
  | { organizationId: string }
  /** Every enabled vendor-wide endpoint (organizationId null: staff channels) subscribed to the event. */
  | { vendor: true }
  /** One endpoint, whatever it subscribes to (e.g. "Send test event"). */
  | { endpointId: string };

export const WEBHOOK_BODY_MAX_BYTES = 256 * 1024;
const eventFormat = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;

type Client = Prisma.TransactionClient | typeof db;

/** Queues `payload` for every endpoint `target` names; returns how many deliveries were queued. */
export async function enqueueWebhook(
  target: WebhookTarget,
  event: string,
  payload: unknown,
  options: { tx?: Client } = {},
): Promise<number> {
  if (!eventFormat.test(event)) throw new Error(`Webhook event "${event}" must be dotted lower case`);
  const body = JSON.stringify(payload);
  if (body === undefined) throw new Error("Webhook payload must be JSON-serialisable");
  if (Buffer.byteLength(body, "utf8") > WEBHOOK_BODY_MAX_BYTES)
    throw new Error(`Webhook body over ${WEBHOOK_BODY_MAX_BYTES} bytes`);
  const client = options.tx ?? db;
  const where: Prisma.WebhookEndpointWhereInput =
    "endpointId" in target
      ? { id: target.endpointId, enabled: true }
      : {
          enabled: true,
          // Prisma drops an undefined filter; a missing organisation id must not widen to every endpoint.
          organizationId: "vendor" in target ? null : requireId(target.organizationId),
          OR: [{ events: { isEmpty: true } }, { events: { has: event } }],
        };
  const endpoints = await client.webhookEndpoint.findMany({ where, select: { id: true } });
  if (endpoints.length === 0) return 0;
  const now = appNow();
  const created = await client.webhookDelivery.createMany({
    data: endpoints.map((e) => ({ endpointId: e.id, event, body, nextAttemptAt: now, createdAt: now })),
  });
  return created.count;
}

function requireId(id: string): string {
  if (!id) throw new Error("enqueueWebhook: organizationId is required");
  return id;
}
