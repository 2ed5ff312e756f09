import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { StepState } from "@/lib/requests/state-machine";
import type { ConsoleRunStep } from "@/lib/console/run-status.types";

const stepTones: Record<StepState, BadgeTone> = {
  PENDING: "neutral",
  RUNNING: "info",
  SUCCEEDED: "success",
  FAILED: "danger",
  SKIPPED: "neutral",
};
const stepLabels: Record<StepState, string> = {
  PENDING: "Pending",
  RUNNING: "Running",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  SKIPPED: "Skipped (already done)",
};

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One step of a run: state, attempts, duration, Snowflake query ids, the raw Snowflake error (staff see it
 * exactly as Snowflake said it) and the SQL, open by default when the step failed.
 */
export function RunStepItem({ step }: { step: ConsoleRunStep }) {
  const failed = step.state === "FAILED" || (step.state === "PENDING" && step.errorMessage !== null);
  return (
    <li className="py-3" data-testid="run-step" data-step-key={step.key} data-step-state={step.state}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="flex items-center gap-2">
          <span className="w-6 text-right text-xs tabular-nums text-muted">{step.position + 1}.</span>
          <span className="font-mono text-sm font-medium">{step.key}</span>
          <Badge tone={stepTones[step.state]}>{stepLabels[step.state]}</Badge>
        </span>
        <span className="text-xs text-muted">
          {step.attempts} {step.attempts === 1 ? "attempt" : "attempts"} · {formatDuration(step.durationMs)}
        </span>
      </div>
      {step.queryIds.length > 0 ? (
        <p className="mt-1 pl-8 text-xs text-muted">
          Query ids: <span className="font-mono">{step.queryIds.join(", ")}</span>
        </p>
      ) : null}
      {step.errorMessage ? (
        <div
          className={
            failed
              ? "mt-2 ml-8 rounded-md border border-danger/30 bg-danger-soft px-3 py-2 text-sm text-danger"
              : "mt-1 pl-8 text-xs text-muted"
          }
          data-testid={failed ? "step-error" : undefined}
        >
          {step.errorCode ? (
            <span className="font-mono font-semibold">
              {step.errorCode}
              {step.sqlState ? ` (${step.sqlState})` : ""}:{" "}
            </span>
          ) : null}
          <span className="whitespace-pre-wrap break-words">{step.errorMessage}</span>
        </div>
      ) : null}
      <details className="mt-2 pl-8" open={failed}>
        <summary className="cursor-pointer text-xs text-muted">SQL</summary>
        <pre tabIndex={0} className="mt-1 overflow-x-auto rounded-md border border-border bg-canvas p-3 text-xs">
          <code>{step.sql}</code>
        </pre>
        {step.binds ? <p className="mt-1 font-mono text-xs text-muted">binds: {JSON.stringify(step.binds)}</p> : null}
      </details>
    </li>
  );
}
