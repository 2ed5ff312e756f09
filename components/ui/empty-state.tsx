import type { ReactNode } from "react";

/**
 * What a list shows when it has nothing yet: what this place is for and the next step. Its heading is an h2 by
 * default (an empty list usually sits in an untitled card right under the page's h1, where an h3 would skip a
 * level); pass `headingLevel={3}` inside a titled card.
 */
export function EmptyState({
  title,
  description,
  action,
  headingLevel = 2,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-border px-6 py-10 text-center">
      <Heading className="text-base font-semibold">{title}</Heading>
      {description ? <p className="max-w-md text-sm text-muted">{description}</p> : null}
      {action}
    </div>
  );
}
