import { CopyButton } from "@/components/ui/copy-button";

/** A block of code people copy into another tool, with its own copy button and an accessible name. */
export function CodeBlock({
  code,
  label,
  copyLabel = "Copy",
  testId,
}: {
  code: string;
  label: string;
  copyLabel?: string;
  testId?: string;
}) {
  return (
    <figure className="overflow-hidden rounded-md border border-border">
      <figcaption className="flex items-center justify-between gap-3 border-b border-border bg-canvas px-3 py-1.5 text-xs font-medium text-muted">
        <span>{label}</span>
        <CopyButton text={code} label={copyLabel} />
      </figcaption>
      {/* tabIndex: a scrollable region must be reachable by keyboard to scroll it. */}
      <pre tabIndex={0} aria-label={label} className="overflow-x-auto bg-surface p-3 text-xs leading-relaxed">
        <code data-testid={testId}>{code}</code>
      </pre>
    </figure>
  );
}
