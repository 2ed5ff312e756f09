import "server-only";
import { db } from "@/lib/db";
import { newestRunFirst, staffRunSelect, staffStepSelect } from "@/lib/requests/request-select";
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
        orderBy: newestRunFirst,
        select: { ...staffRunSelect, steps: { orderBy: { position: "asc" }, select: staffStepSelect } },
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
