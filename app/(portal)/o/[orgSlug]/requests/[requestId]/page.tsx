import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { MountInstructions } from "@/components/portal/mount-instructions";
import { RequestActions } from "@/components/portal/request-actions";
import { LiveRequestProvider, WhileRequestState } from "@/components/portal/live-request";
import { RequestLiveStatus } from "@/components/portal/request-live-status";
import { RequestSummary } from "@/components/portal/request-summary";
import { requireMembership } from "@/lib/auth/guards";
import { requestDetailFrom } from "@/lib/portal/request-detail";
import { loadBrandRequest } from "@/lib/portal/request-load";
import { requestStatusFrom } from "@/lib/portal/request-status";
import { ShareDelayBanner, ShareFreshnessLine, toShareFreshnessView } from "@/components/portal/share-freshness";
import { getShareFreshnessForRequest } from "@/lib/pipeline-health/share-freshness";
import { Providers } from "@/components/providers";
// State-bound parts load on demand (first-load JS ≤ 150 kB); see components/requests/state-bound-parts.tsx.
import {
  AccountProofFormPart as AccountProofForm,
  EndDateFormPart as EndDateForm,
  ShareCheckButtonPart as ShareCheckButton,
} from "@/components/requests/state-bound-parts";
import { ReaderAccountCard } from "@/components/reader-accounts/reader-account-card";
import { listShareRenewals } from "@/lib/requests/share-renewals";
import {
  cancelRequestAction,
  checkMyShareAction,
  proveAccountAction,
  requestRenewalAction,
  requestRevocationAction,
} from "./actions";

export const metadata: Metadata = { title: "Share request" };

export default async function RequestPage({ params }: { params: Promise<{ orgSlug: string; requestId: string }> }) {
  const { orgSlug, requestId } = await params;
  const { organization, membership } = await requireMembership(orgSlug);
  // One read, through the organisation: another brand's request id is a 404, like one that never existed.
  // The details, the live status and the mount SQL are all built from it.
  const loaded = await loadBrandRequest(organization.id, requestId);
  if (!loaded) notFound();
  const [detail, status] = await Promise.all([
    requestDetailFrom(loaded, { organizationId: organization.id, role: membership.role }),
    requestStatusFrom(loaded, organization.id),
  ]);
  const { request, mount, proof } = detail;
  // Measured freshness of the active share, in the region it is read in (tenant in the query).
  const freshnessRead =
    request.state === "ACTIVE"
      ? await getShareFreshnessForRequest({ organizationId: organization.id, requestId: request.id })
      : null;
  const freshness = freshnessRead ? toShareFreshnessView(freshnessRead) : null;
  const base = `/o/${organization.slug}`;
  const hasActions = detail.canCancel || detail.canRequestRevocation;
  const renewals = request.endsAt
    ? await listShareRenewals({ requestId: request.id, organizationId: organization.id })
    : [];
  const pendingRenewal = renewals.find((r) => r.state === "PENDING");
  const canRenew =
    request.state === "ACTIVE" && request.endsAt !== null && membership.role !== "VIEWER" && !pendingRenewal;

  return (
    <Providers>
      <LiveRequestProvider orgSlug={organization.slug} requestId={request.id} initial={status}>
        <p className="mb-2 text-sm">
          <Link href={`${base}/requests`} className="text-accent-strong underline">
            ← All requests
          </Link>
        </p>
        <PageHeader
          title="Share request"
          description={
            <>
              {request.datasets.map((d) => d.dataset.title).join(", ")} →{" "}
              <code className="font-mono">{request.consumerAccount}</code>
            </>
          }
        />
        <ReaderAccountCard organizationId={organization.id} orgSlug={organization.slug} requestId={request.id} />
        {/* State-bound parts: hidden the moment the live state moves on (WhileRequestState), re-rendered by the refresh. */}
        {request.state === "AWAITING_PROOF" && proof ? (
          <WhileRequestState state={request.state}>
            <Card title="Confirm your Snowflake account" className="mb-6">
              <AccountProofForm
                orgSlug={organization.slug}
                requestId={request.id}
                consumerAccount={request.consumerAccount}
                statements={proof.statements}
                canProve={detail.canProve}
                action={proveAccountAction}
              />
            </Card>
          </WhileRequestState>
        ) : null}
        {freshness ? (
          <WhileRequestState state={request.state}>
            <ShareDelayBanner freshness={freshness} />
          </WhileRequestState>
        ) : null}
        {request.state === "ACTIVE" && mount ? (
          <WhileRequestState state={request.state}>
            <Card title="Mount the share in your account" className="mb-6">
              {freshness ? (
                <div className="mb-4">
                  <ShareFreshnessLine freshness={freshness} />
                </div>
              ) : null}
              <MountInstructions mount={mount} consumerAccount={request.consumerAccount} />
            </Card>
            {membership.role !== "VIEWER" ? (
              <Card title="Check my share" className="mb-6">
                <p className="mb-3 text-sm text-muted">
                  Missing a table or rows? Floe compares the share in Snowflake with what was approved and puts back
                  anything missing. It also does this on its own every 15 minutes.
                </p>
                <ShareCheckButton
                  label="Check my share"
                  pendingLabel="Checking…"
                  fields={{ orgSlug: organization.slug, requestId: request.id }}
                  action={checkMyShareAction}
                />
              </Card>
            ) : null}
          </WhileRequestState>
        ) : null}
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <RequestLiveStatus initial={status} />
          </div>
          <div className="space-y-6">
            <Card title="Details">
              <RequestSummary request={request} now={new Date()} />
            </Card>
            {request.endsAt ? (
              <Card title="End date">
                <div className="space-y-3 text-sm">
                  <p>
                    The share ends on <strong>{request.endsAt.toISOString().slice(0, 10)}</strong> at 00:00 UTC; Floe
                    then removes it.
                  </p>
                  {pendingRenewal ? (
                    <Notice tone="info">
                      Renewal to {pendingRenewal.requestedEndsAt.toISOString().slice(0, 10)} asked for; waiting for your
                      account manager.
                    </Notice>
                  ) : null}
                  {renewals
                    .filter((r) => r.state === "REJECTED")
                    .slice(0, 1)
                    .map((r) => (
                      <p key={r.id} className="text-muted">
                        Last renewal declined{r.decisionReason ? `: ${r.decisionReason}` : "."}
                      </p>
                    ))}
                  {canRenew ? (
                    <EndDateForm
                      label="Ask for a new end date"
                      submitLabel="Ask for renewal"
                      input={{ orgSlug: organization.slug, requestId: request.id }}
                      action={requestRenewalAction}
                    />
                  ) : null}
                </div>
              </Card>
            ) : null}
            {hasActions ? (
              <WhileRequestState state={request.state}>
                <Card title="Actions">
                  <RequestActions
                    orgSlug={organization.slug}
                    requestId={request.id}
                    canCancel={detail.canCancel}
                    canRequestRevocation={detail.canRequestRevocation}
                    isFailed={request.state === "FAILED" || request.state === "AWAITING_PROOF"}
                    cancelAction={cancelRequestAction}
                    revokeAction={requestRevocationAction}
                  />
                </Card>
              </WhileRequestState>
            ) : membership.role === "VIEWER" ? (
              <Notice tone="info">
                As a viewer you can follow this request; owners and members can cancel it or remove the share.
              </Notice>
            ) : null}
          </div>
        </div>
      </LiveRequestProvider>
    </Providers>
  );
}
