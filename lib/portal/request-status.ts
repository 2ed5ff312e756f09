import "server-only";
import { db } from "@/lib/db";
import { listAuditEventsForOrganization } from "@/lib/audit/list-audit-events";
import { describeState } from "@/lib/requests/state-machine";
import { describeAuditEvent, isTimelineEvent } from "./describe-audit-event";
import { explainFailure } from "./failure-explanation";
import { brandStepTitle } from "./step-titles";
import type { RequestStatus } from "./request-status.types";
import { loadProofInstructions } from "./mount-sql";

// The brand's live view of one request: state, the latest run's steps with timings, the story so far, and
// a plain-language failure. Loaded through the organisation (`{ id, organizationId }`), so another brand's
// id is simply not found. The run's SQL and Snowflake error text are not selected at all; the error code is
// read only to choose the explanation.

const iso = (date: Date | null) => date?.toISOString() ?? null;

export async function getRequestStatus(options: {
  organizationId: string;
  requestId: string;
}): Promise<RequestStatus | null> {
  // Prisma drops undefined filters: without this, a missing organisation would match every tenant.
  if (!options.organizationId || !options.requestId) return null;
  const request = await db.shareRequest.findFirst({
    where: { id: options.requestId, organizationId: options.organizationId },
    select: {
      id: true,
      state: true,
      updatedAt: true,
      consumerAccount: true,
      consumerRegion: true,
      failureStepKey: true,
      runs: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: {
          kind: true,
          state: true,
          attempt: true,
          startedAt: true,
          finishedAt: true,
          failedStepKey: true,
          errorCode: true,
          steps: {
            orderBy: { position: "asc" },
            select: { key: true, state: true, startedAt: true, finishedAt: true, durationMs: true },
          },
        },
      },
    },
  });
  if (!request) return null;

  const proof =
    request.state === "AWAITING_PROOF"
      ? await loadProofInstructions({ organizationId: options.organizationId, requestId: request.id })
      : null;
  const events = await listAuditEventsForOrganization({
    organizationId: options.organizationId,
    requestId: request.id,
    limit: 200,
  });
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
    timeline: events.items
      .filter((event) => isTimelineEvent(event.type))
      .reverse()
      .map((event) => ({ id: event.id, at: event.createdAt.toISOString(), ...describeAuditEvent(event) })),
  };
}
