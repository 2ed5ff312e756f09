import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Notice } from "@/components/ui/notice";
import { ApiTokensPanel } from "@/components/portal/api-tokens-panel";
import { WebhookEndpointsPanel } from "@/components/portal/webhook-endpoints-panel";
import { requireMembership } from "@/lib/auth/guards";
import { listApiTokens } from "@/lib/api/api-tokens";
import { listWebhookEndpoints } from "@/lib/webhooks/webhook-endpoints";
import {
  createApiTokenAction,
  createWebhookEndpointAction,
  disableWebhookEndpointAction,
  revokeApiTokenAction,
} from "./actions";

export const metadata: Metadata = { title: "API and webhooks" };

export default async function ApiAccessPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { organization, membership } = await requireMembership(orgSlug);
  const isOwner = membership.role === "OWNER";
  const [tokens, endpoints] = isOwner
    ? await Promise.all([listApiTokens(organization.id), listWebhookEndpoints(organization.id)])
    : [[], []];

  return (
    <>
      <PageHeader
        title="API and webhooks"
        description="Automate share requests with the Floe API (see /api/v1/openapi.json) and receive signed webhooks when a request changes state."
      />
      {isOwner ? (
        <div className="space-y-6">
          <ApiTokensPanel
            orgSlug={organization.slug}
            tokens={tokens.map((t) => ({
              id: t.id,
              name: t.name,
              displayPrefix: t.displayPrefix,
              scopes: t.scopes,
              createdAt: t.createdAt.toISOString(),
              lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
              revokedAt: t.revokedAt?.toISOString() ?? null,
              createdBy: t.createdBy.name ?? t.createdBy.email,
            }))}
            createAction={createApiTokenAction}
            revokeAction={revokeApiTokenAction}
          />
          <WebhookEndpointsPanel
            orgSlug={organization.slug}
            endpoints={endpoints.map((e) => ({
              id: e.id,
              url: e.url,
              description: e.description,
              events: e.events,
              enabled: e.enabled,
              lastDelivery: e.deliveries[0]
                ? {
                    state: e.deliveries[0].state,
                    status: e.deliveries[0].lastStatus,
                    at: e.deliveries[0].createdAt.toISOString(),
                  }
                : null,
            }))}
            createAction={createWebhookEndpointAction}
            disableAction={disableWebhookEndpointAction}
          />
        </div>
      ) : (
        <Notice tone="info">Only owners of {organization.name} can create API tokens and webhook endpoints.</Notice>
      )}
    </>
  );
}
