import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/**
 * A bordered panel; with a title it becomes a labelled section for screen readers. min-w-0: in a grid or
 * flex row a wide table inside scrolls in its own box instead of stretching the card past the screen.
 */
export function Card({
  title,
  description,
  actions,
  children,
  className,
}: {
  title?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const headingId = title ? `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}` : undefined;
  return (
    <section
      aria-labelledby={headingId}
      className={cx("min-w-0 rounded-lg border border-border bg-surface shadow-sm", className)}
    >
      {title ? (
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4">
          <div>
            <h2 id={headingId} className="text-base font-semibold">
              {title}
            </h2>
            {description ? <p className="mt-1 text-sm text-muted">{description}</p> : null}
          </div>
          {actions}
        </header>
      ) : null}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
