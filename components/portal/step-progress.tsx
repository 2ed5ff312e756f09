import type { StatusStep } from "@/lib/portal/request-status.types";
import { cx } from "@/components/ui/cx";

const stepPresentation: Record<StatusStep["state"], { label: string; marker: string; className: string }> = {
  SUCCEEDED: { label: "Done", marker: "✓", className: "border-success bg-success text-white" },
  SKIPPED: { label: "Already done", marker: "✓", className: "border-success bg-success-soft text-success" },
  RUNNING: { label: "Running", marker: "…", className: "border-info bg-info-soft text-info animate-pulse" },
  FAILED: { label: "Failed", marker: "!", className: "border-danger bg-danger text-white" },
  PENDING: { label: "Waiting", marker: "", className: "border-border bg-surface text-muted" },
};

function duration(ms: number | null): string | null {
  if (ms === null || ms < 0) return null;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** A bar over the plan's steps and the steps themselves, each with its state in words (not colour alone). */
export function StepProgress({
  steps,
  done,
  total,
  label,
}: {
  steps: StatusStep[];
  done: number;
  total: number;
  label: string;
}) {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div>
      <div className="flex items-baseline justify-between text-sm">
        <span id="step-progress-label" className="font-medium">
          {label}
        </span>
        <span className="text-muted" data-testid="step-count">
          {done} of {total} steps done
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby="step-progress-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} steps done`}
        className="mt-2 h-2 overflow-hidden rounded-full bg-canvas"
      >
        <div
          className="h-full rounded-full bg-accent transition-[width] duration-500"
          style={{ width: `${percent}%` }}
        />
      </div>
      <ol className="mt-4 space-y-2" aria-label="Provisioning steps">
        {steps.map((step, index) => {
          const p = stepPresentation[step.state];
          const took = step.state === "SUCCEEDED" ? duration(step.durationMs) : null;
          return (
            <li
              key={step.key}
              className="flex items-center gap-3 text-sm"
              data-testid="provisioning-step"
              data-state={step.state}
            >
              <span
                aria-hidden="true"
                className={cx(
                  "flex size-6 shrink-0 items-center justify-center rounded-full border text-xs font-bold",
                  p.className,
                )}
              >
                {p.marker || index + 1}
              </span>
              <span className="min-w-0 flex-1">{step.title}</span>
              <span
                className={cx("shrink-0 text-xs", step.state === "FAILED" ? "font-semibold text-danger" : "text-muted")}
              >
                {p.label}
                {took ? ` · ${took}` : ""}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
