"use server";

import { orgScopedAction } from "@/lib/actions/safe-action";
import {
  apiTokenIdSchema,
  createApiTokenSchema,
  createWebhookEndpointSchema,
  webhookEndpointIdSchema,
} from "@/lib/api/api-access.schema";
import { createApiToken, revokeApiToken } from "@/lib/api/api-tokens";
import { createWebhookEndpoint, disableWebhookEndpoint } from "@/lib/webhooks/webhook-endpoints";

// Owners only (minRole here, and again inside lib/api and lib/webhooks). The organisation is the verified
// membership's, never the form's; the token and the signing secret are returned once and never stored in clear
// (the secret is stored, as signing needs it, but never shown again).

export const createApiTokenAction = orgScopedAction(
  { name: "createApiToken", schema: createApiTokenSchema, minRole: "OWNER" },
  async (input, ctx) =>
    createApiToken({
      organizationId: ctx.organization.id,
      actorId: ctx.user.id,
      input: { name: input.name, scopes: input.scopes },
    }),
);

export const revokeApiTokenAction = orgScopedAction(
  { name: "revokeApiToken", schema: apiTokenIdSchema, minRole: "OWNER" },
  async (input, ctx) => {
    await revokeApiToken({ tokenId: input.tokenId, actorId: ctx.user.id, organizationId: ctx.organization.id });
    return { tokenId: input.tokenId };
  },
);

export const createWebhookEndpointAction = orgScopedAction(
  { name: "createWebhookEndpoint", schema: createWebhookEndpointSchema, minRole: "OWNER" },
  async (input, ctx) =>
    createWebhookEndpoint({
      organizationId: ctx.organization.id,
      actorId: ctx.user.id,
      input: { url: input.url, description: input.description, events: input.events },
    }),
);

export const disableWebhookEndpointAction = orgScopedAction(
  { name: "disableWebhookEndpoint", schema: webhookEndpointIdSchema, minRole: "OWNER" },
  async (input, ctx) => {
    await disableWebhookEndpoint({
      organizationId: ctx.organization.id,
      actorId: ctx.user.id,
      endpointId: input.endpointId,
    });
    return { endpointId: input.endpointId };
  },
);
