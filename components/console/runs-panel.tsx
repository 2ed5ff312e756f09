"use client";

import { useActionState, useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Notice } from "@/components/ui/notice";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConsoleActions } from "@/lib/console/console-actions";
import { isTerminal, type RunState } from "@/lib/requests/state-machine";
import { useStatusStream } from "@/components/live/use-status-stream";
import { consoleKeys, requestRunsUrl } from "@/lib/console/query-keys";
import { runsPollInterval, type ConsoleRun, type ConsoleRunsStatus } from "@/lib/console/run-status.types";
import { RunStepItem } from "./run-step-item";

const runTones: Record<RunState, BadgeTone> = {
  QUEUED: "neutral",
  RUNNING: "info",
  SUCCEEDED: "success",
  FAILED: "danger",
  CANCELLED: "neutral",
};

async function fetchRuns(requestId: string): Promise<ConsoleRunsStatus> {
  const response = await fetch(requestRunsUrl(requestId), {
    headers: { Accept: "application/json" },
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`Could not load the runs (HTTP ${response.status}).`);
  return response.json();
}

/**
 * The request's runs, live: polls the runs route while a run is queued or running and stops at settled
 * states. When the request's state changes the server-rendered parts of the page are refreshed too.
 */
export function RunsPanel({
  initial,
  retryRunAction,
  cancelRunAction,
}: { initial: ConsoleRunsStatus } & Pick<ConsoleActions, "retryRunAction" | "cancelRunAction">) {
  const router = useRouter();
  const queryClient = useQueryClient();
  // Pushed by the runs route's event stream (PostgreSQL notifications); polling only while it is down.
  const stream = useStatusStream<ConsoleRunsStatus>({
    url: requestRunsUrl(initial.requestId),
    queryKey: consoleKeys.runs(initial.requestId),
    enabled: !isTerminal(initial.state),
  });
  const { data, error } = useQuery({
    queryKey: consoleKeys.runs(initial.requestId),
    queryFn: () => fetchRuns(initial.requestId),
    initialData: initial,
    // Only the server-rendered snapshot is fresh on arrival; after that, the stream or polling.
    staleTime: 0,
    refetchInterval: (query) => (stream === "live" || stream === "ended" ? false : runsPollInterval(query.state.data)),
  });
  const status = data ?? initial;

  const seenState = useRef(initial.state);
  useEffect(() => {
    if (status.state !== seenState.current) {
      seenState.current = status.state;
      router.refresh();
    }
  }, [status.state, router]);

  const [retryState, retry, retrying] = useActionState(retryRunAction, null);
  const [cancelState, cancel, cancelling] = useActionState(cancelRunAction, null);
  useEffect(() => {
    if (retryState?.ok || cancelState?.ok) {
      void queryClient.invalidateQueries({ queryKey: consoleKeys.runs(initial.requestId) });
      router.refresh();
    }
  }, [retryState, cancelState, queryClient, router, initial.requestId]);

  const latest = status.runs[0];
  const actionError = [retryState, cancelState].find((s) => s && !s.ok);

  if (!latest) return <p className="text-sm text-muted">No run yet: a run starts when the request is approved.</p>;
  return (
    <div className="flex flex-col gap-4" data-testid="runs-panel" data-request-state={status.state}>
      {error ? (
        <Notice tone="warning" live="assertive" tinted>
          Live updates paused: {error.message}
        </Notice>
      ) : null}
      {status.canRetry || status.canCancel ? (
        <div className="flex flex-wrap gap-2">
          {status.canRetry ? (
            <form action={retry}>
              <input type="hidden" name="requestId" value={status.requestId} />
              <Button type="submit" disabled={retrying}>
                {retrying ? "Retrying…" : `Retry from ${latest.failedStepKey ?? "the failed step"}`}
              </Button>
            </form>
          ) : null}
          {status.canCancel ? (
            <form action={cancel}>
              <input type="hidden" name="requestId" value={status.requestId} />
              <input type="hidden" name="runId" value={latest.id} />
              <Button type="submit" variant="secondary" disabled={cancelling}>
                {cancelling ? "Cancelling…" : "Cancel run (not started)"}
              </Button>
            </form>
          ) : null}
        </div>
      ) : null}
      {actionError && !actionError.ok ? (
        <Notice tone="danger" live="assertive" tinted>
          {actionError.message}
        </Notice>
      ) : null}
      {status.runs.map((run, index) => (
        <RunCard key={run.id} run={run} latest={index === 0} />
      ))}
    </div>
  );
}

function RunCard({ run, latest }: { run: ConsoleRun; latest: boolean }) {
  return (
    <section
      aria-label={`${runKindLabel(run.kind)} run, attempt ${run.attempt}`}
      className="rounded-md border border-border"
      data-testid="run"
      data-run-state={run.state}
    >
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-4 py-2">
        <span className="flex items-center gap-2 text-sm">
          <span className="font-semibold">{runKindLabel(run.kind)} run</span>
          <Badge tone={runTones[run.state]}>{run.state.toLowerCase()}</Badge>
          <span className="text-xs text-muted">attempt {run.attempt}</span>
          {latest && (run.state === "RUNNING" || run.state === "QUEUED") ? (
            <span className="text-xs text-muted" aria-live="polite">
              Updating live…
            </span>
          ) : null}
        </span>
        <span className="font-mono text-xs text-muted">{run.id}</span>
      </header>
      {run.state === "FAILED" && run.errorMessage ? (
        <p className="border-b border-border px-4 py-2 text-sm text-danger" role={latest ? "alert" : undefined}>
          Failed at <span className="font-mono">{run.failedStepKey ?? "start"}</span>
          {run.errorCode ? <span className="font-mono"> ({run.errorCode})</span> : null}: {run.errorMessage}
        </p>
      ) : null}
      {run.state === "CANCELLED" ? (
        <p className="border-b border-border px-4 py-2 text-sm text-muted">{run.errorMessage}</p>
      ) : null}
      <ol className="divide-y divide-border px-4" aria-label="Steps">
        {run.steps.map((step) => (
          <RunStepItem key={step.key} step={step} />
        ))}
      </ol>
    </section>
  );
}

/** REPAIR: a drift repair of an ACTIVE share (lib/provisioning/drift/). */
function runKindLabel(kind: string): string {
  return kind === "PROVISION" ? "Provision" : kind === "REPAIR" ? "Repair" : "Revoke";
}
