import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/**
 * Previous/next links for keyset (cursor) pages. Plain links: they work without JavaScript, keep history,
 * and the URL of every page can be shared. `prevHref`/`nextHref` are null at either end.
 */
export function CursorPagination({
  prevHref,
  nextHref,
  label,
  summary,
  prevLabel = "Previous",
}: {
  prevHref: string | null;
  nextHref: string | null;
  label: string;
  summary?: string;
  /** e.g. "Newest" when going back means starting over (forward-only keysets). */
  prevLabel?: string;
}) {
  if (!prevHref && !nextHref) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-3 text-sm">
      {prevHref ? (
        <Link href={prevHref} className={buttonClasses("secondary", "sm")} rel="prev">
          {prevLabel}
        </Link>
      ) : (
        <span />
      )}
      {summary ? <span className="text-muted">{summary}</span> : null}
      {nextHref ? (
        <Link href={nextHref} className={buttonClasses("secondary", "sm")} rel="next">
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
