"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { RequestStateBadge } from "@/components/requests/request-state-badge";
import type { RequestStatus } from "@/lib/portal/request-status.types";
import { RequestTimeline } from "./request-timeline";
import { StepProgress } from "./step-progress";
import { useLiveRequest } from "./live-request";

function progressLabel(status: RequestStatus): string {
  if (status.run?.kind === "REVOKE") return status.state === "REVOKED" ? "Share removed" : "Removing the share";
  if (status.state === "ACTIVE") return "Share ready";
  if (status.state === "AWAITING_PROOF") return "Waiting for you to confirm your account";
  if (status.state === "FAILED") return "Stopped";
  return status.run?.state === "QUEUED" ? "Queued: starting shortly" : "Setting up the share";
}

/**
 * The moving part of the request page: state, step progress, failure explanation and timeline, pushed by
 * the status route's event stream (polled while it is down; see LiveRequestProvider). When the state
 * changes, the server-rendered parts (mount SQL, actions) are refreshed too.
 */
export function RequestLiveStatus({ initial }: { initial: RequestStatus }) {
  const router = useRouter();
  const { data: status, error, isRefetchError } = useLiveRequest();
  const renderedState = useRef(initial.state);

  useEffect(() => {
    if (status.state !== renderedState.current) {
      renderedState.current = status.state;
      router.refresh();
    }
  }, [status.state, router]);

  const summary = `Status: ${status.stateLabel}.${status.progress.total > 0 ? ` ${status.progress.done} of ${status.progress.total} steps done.` : ""}`;

  return (
    <div className="space-y-6">
      <Card title="Progress" actions={<RequestStateBadge state={status.state} />}>
        {/* Announced politely whenever it changes: screen-reader users follow the run without hunting. */}
        <p role="status" aria-live="polite" className="sr-only" data-testid="live-status">
          {summary}
        </p>
        {isRefetchError && error ? (
          <Notice tone="warning" className="mb-4" live>
            {error.message} We keep trying; the page shows the last known state.
          </Notice>
        ) : null}
        {status.failure ? (
          <Notice tone="danger" title={status.failure.title} className="mb-4">
            <p>{status.failure.explanation}</p>
            <p className="mt-2 font-medium">{status.failure.nextStep}</p>
          </Notice>
        ) : null}
        {status.steps.length > 0 ? (
          <StepProgress
            steps={status.steps}
            done={status.progress.done}
            total={status.progress.total}
            label={progressLabel(status)}
          />
        ) : (
          <p className="text-sm text-muted">
            {status.state === "PENDING_APPROVAL"
              ? "Waiting for your account manager to review the request. Once approved, the provisioning steps appear here and update live."
              : `This request is ${status.stateLabel}; nothing was provisioned.`}
          </p>
        )}
      </Card>
      <Card title="Timeline">
        <RequestTimeline entries={status.timeline} />
      </Card>
    </div>
  );
}
