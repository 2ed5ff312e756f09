import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { RequestStateBadge } from "@/components/requests/request-state-badge";
import { AccountControlPanel } from "@/components/console/account-control-panel";
import { DecisionPanel } from "@/components/console/decision-panel";
import { EarlierRequests } from "@/components/console/earlier-requests";
import { PlanCodeView } from "@/components/console/plan-code-view";
import { RequestFacts } from "@/components/console/request-facts";
import { RevokeShareButton } from "@/components/console/revoke-share-button";
import { RunsPanel } from "@/components/console/runs-panel";
import { ReaderAccountStaffCard } from "@/components/reader-accounts/reader-account-staff-card";
import { VerifyResultView } from "@/components/console/verify-result-view";
// Shown only on an ACTIVE share: loads on demand (first-load JS ≤ 150 kB; components/requests/state-bound-parts.tsx).
import { ShareCheckButtonPart as ShareCheckButton } from "@/components/requests/state-bound-parts";
import { requireStaff } from "@/lib/auth/guards";
import { getRequestReview, type PlanView } from "@/lib/console/request-review";
import { getRequestRuns } from "@/lib/console/request-runs";
import type { VerifyReport } from "@/lib/provisioning/verify-share";
import { canTransition } from "@/lib/requests/state-machine";
import {
  approveRequestAction,
  cancelRunAction,
  reapplyShareAction,
  rejectRequestAction,
  retryRunAction,
  revokeShareAction,
  waiveProofAction,
} from "../../actions";
import { decideRenewalAction, setEndDateAction } from "./actions";
import { reissueReaderLinkAction } from "./reader-account/actions";
import { EndDateForm } from "@/components/portal/end-date-form";
import { RenewalDecision } from "@/components/console/renewal-decision";
import { listShareRenewals } from "@/lib/requests/share-renewals";
import { isTerminal } from "@/lib/requests/state-machine";

export const metadata: Metadata = { title: "Review request" };

export default async function ReviewRequestPage({ params }: { params: Promise<{ requestId: string }> }) {
  const user = await requireStaff();
  const { requestId } = await params;
  const [review, runs] = await Promise.all([getRequestReview({ requestId }), getRequestRuns({ requestId })]);
  if (!review || !runs) notFound();
  const { request, provisionPlan, revokePlan, earlierRequests, accountControl } = review;
  const now = new Date();
  const pending = request.state === "PENDING_APPROVAL";
  const canRevoke = canTransition(request.state, "request_revocation");
  const renewals = await listShareRenewals({ requestId: request.id });
  const pendingRenewal = renewals.find((r) => r.state === "PENDING");
  const endsAt = request.endsAt ? request.endsAt.toISOString().slice(0, 10) : null;

  return (
    <Providers>
      <p className="mb-2 text-sm">
        <Link href="/console" className="text-accent-strong hover:underline">
          ← Queue
        </Link>
      </p>
      <PageHeader
        title={`Request from ${request.organization.name}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <RequestStateBadge state={request.state} />
            <span>
              to <span className="font-mono">{request.consumerAccount}</span>
            </span>
            <span className="font-mono text-xs">{request.id}</span>
          </span>
        }
        actions={
          canRevoke ? (
            <RevokeShareButton
              requestId={request.id}
              consumerAccount={request.consumerAccount}
              shareName={request.share?.name ?? null}
              revokeShareAction={revokeShareAction}
            />
          ) : null
        }
      />
      {/* min-w-0: a long SQL line must scroll inside its block, not widen the page. */}
      <div className="grid gap-6 [&>*]:min-w-0">
        <Card title="Request">
          <RequestFacts request={request} plan={provisionPlan} now={now} />
        </Card>
        <ReaderAccountStaffCard requestId={request.id} reissueAction={reissueReaderLinkAction} />

        <Card title="Account control">
          <AccountControlPanel
            requestId={request.id}
            consumerAccount={request.consumerAccount}
            control={accountControl}
            waiveProofAction={waiveProofAction}
          />
        </Card>

        <Card
          title="End date"
          description={
            endsAt
              ? `The share ends on ${endsAt} at 00:00 UTC: the revoke run starts then.`
              : "No end date: the share runs until someone revokes it."
          }
        >
          <div className="space-y-4">
            {pendingRenewal ? (
              <RenewalDecision
                renewalId={pendingRenewal.id}
                requestedEndsAt={pendingRenewal.requestedEndsAt.toISOString().slice(0, 10)}
                action={decideRenewalAction}
              />
            ) : null}
            {!isTerminal(request.state) && request.state !== "REVOKING" ? (
              <EndDateForm
                label={endsAt ? "Change the end date" : "Set an end date"}
                submitLabel="Save end date"
                input={{ requestId: request.id }}
                action={setEndDateAction}
                allowClear={endsAt !== null}
              />
            ) : null}
          </div>
        </Card>

        {pending ? (
          <Card title="Decision">
            <DecisionPanel
              requestId={request.id}
              consumerAccount={request.consumerAccount}
              shareName={provisionPlan.ok ? provisionPlan.shareName : null}
              stepCount={provisionPlan.ok ? provisionPlan.description.stepCount : null}
              planError={provisionPlan.ok ? null : provisionPlan.message}
              isOwnRequest={request.requestedBy.id === user.id}
              approveRequestAction={approveRequestAction}
              rejectRequestAction={rejectRequestAction}
            />
          </Card>
        ) : request.decidedBy ? (
          <Notice
            tone={request.state === "REJECTED" ? "warning" : "info"}
            live="assertive"
            tinted
            title={`${request.state === "REJECTED" ? "Rejected" : "Approved"} by ${request.decidedBy.name ?? request.decidedBy.email}`}
          >
            {request.decidedAt ? <TimeAgo date={request.decidedAt} now={now} /> : null}
            {request.decisionReason ? (
              <p className="mt-1 whitespace-pre-wrap">Reason: {request.decisionReason}</p>
            ) : null}
          </Notice>
        ) : null}

        <PlanCard title="Provisioning plan" view={provisionPlan} label="Provisioning DDL plan" storedBy="approval" />

        {!pending ? (
          <Card
            title="Runs"
            description="Every step with its SQL, Snowflake query ids, timings and errors. Updates live while a run moves."
          >
            <RunsPanel initial={runs} retryRunAction={retryRunAction} cancelRunAction={cancelRunAction} />
          </Card>
        ) : null}

        {request.share ? (
          <Card
            title="Share"
            description={`${request.share.name} on ${request.share.providerAccount.organizationName}.${request.share.providerAccount.accountName} (${request.share.providerAccount.region})`}
          >
            <VerifyResultView report={(request.share.verifyResult ?? null) as VerifyReport | null} />
            {request.state === "ACTIVE" ? (
              <div className="mt-4 border-t border-border pt-4">
                <p className="mb-2 text-sm text-muted">
                  Floe checks every active share against its plan every 15 minutes and re-applies what is missing.
                  Re-apply checks now and repairs at once, also a drift that failed to repair before.
                </p>
                <ShareCheckButton
                  label="Re-apply plan"
                  pendingLabel="Checking the share…"
                  fields={{ requestId: request.id }}
                  action={reapplyShareAction}
                />
              </div>
            ) : null}
          </Card>
        ) : null}

        {revokePlan ? (
          <PlanCard title="Revocation plan" view={revokePlan} label="Revocation DDL plan" storedBy="revocation" />
        ) : null}

        <Card title={`Earlier requests from ${request.organization.name}`}>
          <EarlierRequests requests={earlierRequests} now={now} />
        </Card>
      </div>
    </Providers>
  );
}

function PlanCard({
  title,
  view,
  label,
  storedBy,
}: {
  title: string;
  view: PlanView;
  label: string;
  storedBy: string;
}) {
  if (!view.ok) {
    return (
      <Card title={title}>
        <Notice tone="warning" live="assertive" tinted title={`No plan (${view.code})`}>
          {view.message}
        </Notice>
      </Card>
    );
  }
  const origin =
    view.source === "stored"
      ? "The plan stored with the run: exactly what the worker executes."
      : `Planned now from the current topology; ${storedBy} stores this plan with its run.`;
  return (
    <Card title={title} description={`${view.description.stepCount} steps · ${origin}`}>
      <PlanCodeView description={view.description} label={label} />
    </Card>
  );
}
