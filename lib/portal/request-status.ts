import "server-only";
import { describeState } from "@/lib/requests/state-machine";
import { describeAuditEvent, isTimelineEvent } from "./describe-audit-event";
import { explainFailure } from "./failure-explanation";
import { brandStepTitle } from "./step-titles";
import type { RequestStatus } from "./request-status.types";
import { proofInstructionsFor } from "./mount-sql";
import { readBrandRequest, type BrandRequest } from "./request-load";

// The brand's live view of one request: state, the latest run's steps with timings, the story so far, and
// a plain-language failure. Built from the one read of the request (request-load.ts: through the
// organisation, so another brand's id is simply not found). The run's SQL and Snowflake error text are not
// selected at all; the error code is read only to choose the explanation.

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function getRequestStatus(options: {
  organizationId: string;
  requestId: string;
}): Promise<RequestStatus | null> {
  // Uncached on purpose: the live stream calls this again on every notification.
  const request = await readBrandRequest(options.organizationId, options.requestId);
  return request ? requestStatusFrom(request, options.organizationId) : null;
}

/** The live status of a request already read (the request page builds it from its one read). */
export async function requestStatusFrom(request: BrandRequest, organizationId: string): Promise<RequestStatus> {
  const proof = await proofInstructionsFor(request, organizationId);
  const run = request.runs[0] ?? null;
  const steps = (run?.steps ?? []).map((step) => ({
    key: step.key,
    title: brandStepTitle(step.key),
    state: step.state,
    startedAt: iso(step.startedAt),
    finishedAt: iso(step.finishedAt),
    durationMs:
      step.durationMs ??
      (step.startedAt && step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : null),
  }));

  return {
    requestId: request.id,
    state: request.state,
    stateLabel: describeState(request.state),
    updatedAt: request.updatedAt.toISOString(),
    run: run
      ? {
          kind: run.kind,
          state: run.state,
          attempt: run.attempt,
          startedAt: iso(run.startedAt),
          finishedAt: iso(run.finishedAt),
        }
      : null,
    steps,
    progress: {
      done: steps.filter((s) => s.state === "SUCCEEDED" || s.state === "SKIPPED").length,
      total: steps.length,
    },
    failure:
      request.state === "FAILED" && run
        ? explainFailure({
            runKind: run.kind,
            stepKey: run.failedStepKey ?? request.failureStepKey,
            errorCode: run.errorCode,
            consumerAccount: request.consumerAccount,
            consumerRegion: request.consumerRegion,
          })
        : null,
    proof: proof ? { statements: proof.statements } : null,
    // Oldest first: a timeline reads top to bottom.
    timeline: request.auditEvents
      .filter((event) => isTimelineEvent(event.type))
      .reverse()
      .map((event) => ({ id: event.id.toString(), at: event.createdAt.toISOString(), ...describeAuditEvent(event) })),
  };
}
