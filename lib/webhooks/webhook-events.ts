// The webhook event types Floe sends, the one list (endpoints subscribe to some or all of them). Event names
// follow the audit events' dotted lower case. Pure.

export const webhookEventTypes = [
  // A share request changed state (lib/requests/request-webhooks.ts); the body says from and to.
  "request.state_changed",
  // Health alerts (freshness, lag); the body is Slack-compatible ({ text, blocks }).
  "alert.raised",
  "alert.resolved",
  // Sent by "Send test event" on an endpoint.
  "webhook.test",
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (webhookEventTypes as readonly string[]).includes(value);
}
