// The inputs of the API-access page's actions (tokens, webhook endpoints). Pure: no server imports.
import "@/lib/zod-without-eval";
import { z } from "zod";
import { ID_MAX_LENGTH, WEBHOOK_DESCRIPTION_MAX_LENGTH, WEBHOOK_URL_MAX_LENGTH } from "@/lib/limits";
import { API_TOKEN_NAME_MAX_LENGTH, apiScopes } from "./api-scopes";
import { webhookEventTypes } from "@/lib/webhooks/webhook-events";

const orgSlug = z.string().min(1).max(ID_MAX_LENGTH);
const id = z.string().min(1).max(ID_MAX_LENGTH);

export const createApiTokenSchema = z.object({
  orgSlug,
  name: z.string().trim().min(1, { error: "Give the token a name." }).max(API_TOKEN_NAME_MAX_LENGTH),
  scopes: z.array(z.enum(apiScopes)).min(1, { error: "Choose at least one scope." }).max(apiScopes.length),
});

export const apiTokenIdSchema = z.object({ orgSlug, tokenId: id });
export const staffApiTokenIdSchema = z.object({ tokenId: id });

export const createWebhookEndpointSchema = z.object({
  orgSlug,
  url: z.string().trim().min(1, { error: "Enter the URL that receives the webhooks." }).max(WEBHOOK_URL_MAX_LENGTH),
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX_LENGTH).optional(),
  events: z.array(z.enum(webhookEventTypes)).max(webhookEventTypes.length).default([]),
});

export const webhookEndpointIdSchema = z.object({ orgSlug, endpointId: id });
