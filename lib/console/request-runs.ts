import "server-only";
import { db } from "@/lib/db";
import type { ConsoleRunsStatus } from "./run-status.types";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Every run of a request with its steps, for staff (the caller authorises), or null when it does not exist. */
export async function getRequestRuns(options: { requestId: string }): Promise<ConsoleRunsStatus | null> {
  if (!options.requestId) return null;
  const request = await db.shareRequest.findUnique({
    where: { id: options.requestId },
    select: {
      id: true,
      state: true,
      updatedAt: true,
      runs: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: {
          id: true,
          kind: true,
          state: true,
          attempt: true,
          lockedBy: true,
          createdAt: true,
          startedAt: true,
          finishedAt: true,
          failedStepKey: true,
          errorCode: true,
          errorMessage: true,
          steps: {
            orderBy: { position: "asc" },
            select: {
              key: true,
              position: true,
              state: true,
              sql: true,
              binds: true,
              attempts: true,
              queryIds: true,
              startedAt: true,
              finishedAt: true,
              durationMs: true,
              errorCode: true,
              sqlState: true,
              errorMessage: true,
            },
          },
        },
      },
    },
  });
  if (!request) return null;
  const runs = request.runs.map((run) => ({
    ...run,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    steps: run.steps.map((step) => ({ ...step, startedAt: iso(step.startedAt), finishedAt: iso(step.finishedAt) })),
  }));
  const latest = runs[0];
  return {
    requestId: request.id,
    state: request.state,
    updatedAt: request.updatedAt.toISOString(),
    runs,
    canRetry: request.state === "FAILED" && latest?.state === "FAILED",
    canCancel: latest?.state === "QUEUED" && latest.steps.every((s) => s.state === "PENDING" && s.attempts === 0),
  };
}
