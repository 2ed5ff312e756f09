import type { PlanDescription } from "@/lib/provisioning/describe-plan";

/**
 * The exact DDL the provisioner will run, as text: comment lines (step headers, bind values, skip checks)
 * are dimmed so the statements stand out. The block scrolls sideways instead of wrapping (SQL reads badly
 * wrapped) and is focusable so keyboard users can scroll it too.
 */
export function PlanCodeView({ description, label }: { description: PlanDescription; label: string }) {
  const lines = description.text.replace(/\n$/, "").split("\n");
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      className="max-h-[32rem] overflow-auto rounded-md border border-border bg-canvas p-4 text-xs leading-relaxed"
      data-testid="plan-sql"
    >
      <code>
        {lines.map((line, index) => (
          <span
            key={index}
            className={
              line.startsWith("--") ? "block text-muted" : line === "" ? "block h-3" : "block font-medium text-ink"
            }
          >
            {line}
          </span>
        ))}
      </code>
    </pre>
  );
}
