import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { forbiddenError, invalidInputError, notFoundError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { inTransaction } from "@/lib/requests/transaction";
import { webhookEventTypes } from "./webhook-events";
import { webhookUrlPolicy, webhookUrlProblem, WEBHOOK_URL_MAX_LENGTH } from "./url-policy";
import { enqueueWebhook } from "./enqueue-webhook";

// An organisation's webhook endpoints: owners add them (the signing secret is shown once), list them and
// disable them; every change is audited. The owner check is here as well as in the action that calls it.

export { WEBHOOK_DESCRIPTION_MAX_LENGTH } from "@/lib/limits";
import { WEBHOOK_DESCRIPTION_MAX_LENGTH } from "@/lib/limits";
export const MAX_ENDPOINTS_PER_ORGANIZATION = 10;

export const webhookEndpointInputSchema = z.object({
  url: z.string().trim().min(1, "Enter the URL that receives the webhooks.").max(WEBHOOK_URL_MAX_LENGTH),
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX_LENGTH).optional(),
  /** Empty = every event. */
  events: z.array(z.enum(webhookEventTypes)).max(webhookEventTypes.length).default([]),
});

async function requireOwner(organizationId: string, userId: string): Promise<void> {
  if (!organizationId) throw notFoundError("organisation");
  const membership = await db.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { role: true },
  });
  if (membership?.role !== "OWNER") throw forbiddenError("Only owners of this organisation can manage webhooks.");
}

export async function createWebhookEndpoint(options: {
  organizationId: string;
  actorId: string;
  input: z.input<typeof webhookEndpointInputSchema>;
}): Promise<{ id: string; secret: string }> {
  const input = webhookEndpointInputSchema.parse(options.input);
  const problem = webhookUrlProblem(input.url, webhookUrlPolicy(getConfig().NODE_ENV));
  if (problem) throw invalidInputError(problem, { fieldErrors: { url: [problem] } });
  await requireOwner(options.organizationId, options.actorId);
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  return inTransaction(async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { organizationId: options.organizationId, enabled: true } });
    if (count >= MAX_ENDPOINTS_PER_ORGANIZATION)
      throw invalidInputError(`An organisation can have at most ${MAX_ENDPOINTS_PER_ORGANIZATION} webhook endpoints.`);
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        organizationId: options.organizationId,
        url: input.url,
        description: input.description || null,
        events: input.events,
        secret,
        createdById: options.actorId,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: options.organizationId,
      type: "webhook.endpoint_created",
      details: { endpointId: endpoint.id, url: input.url, events: input.events },
    });
    return { id: endpoint.id, secret };
  });
}

export async function listWebhookEndpoints(organizationId: string) {
  if (!organizationId) return [];
  return db.webhookEndpoint.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      enabled: true,
      createdAt: true,
      disabledAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { state: true, lastStatus: true, createdAt: true, deliveredAt: true },
      },
    },
  });
}

export async function disableWebhookEndpoint(options: {
  organizationId: string;
  actorId: string;
  endpointId: string;
}): Promise<void> {
  await requireOwner(options.organizationId, options.actorId);
  await inTransaction(async (tx) => {
    const updated = await tx.webhookEndpoint.updateMany({
      where: { id: options.endpointId, organizationId: options.organizationId, enabled: true },
      data: { enabled: false, disabledAt: new Date() },
    });
    if (updated.count === 0) throw notFoundError("webhook endpoint");
    await recordAuditEvent(tx, {
      actor: { type: "USER", id: options.actorId },
      organizationId: options.organizationId,
      type: "webhook.endpoint_disabled",
      details: { endpointId: options.endpointId },
    });
  });
}

/** Queues a `webhook.test` delivery to one of the organisation's endpoints. */
export async function sendTestWebhook(options: { organizationId: string; actorId: string; endpointId: string }) {
  await requireOwner(options.organizationId, options.actorId);
  const endpoint = await db.webhookEndpoint.findFirst({
    where: { id: options.endpointId, organizationId: options.organizationId, enabled: true },
    select: { id: true },
  });
  if (!endpoint) throw notFoundError("webhook endpoint");
  await enqueueWebhook({ endpointId: endpoint.id }, "webhook.test", {
    type: "webhook.test",
    createdAt: new Date().toISOString(),
    data: { message: "A test event from Floe. If your receiver verified its signature, the endpoint is ready." },
  });
}
