import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { pageHref } from "@/lib/pagination";

/** Previous/next links over `?page=`; plain links, so it works without JavaScript and keeps history. */
export function Pagination({
  page,
  pageCount,
  basePath,
  label,
  query,
}: {
  page: number;
  pageCount: number;
  basePath: string;
  label: string;
  /** The list's other query parameters (a filter), kept on every page link. */
  query?: Record<string, string | undefined>;
}) {
  if (pageCount <= 1) return null;
  const href = (p: number) => pageHref(basePath, p, query);
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className={buttonClasses("secondary", "sm")} rel="prev">
          Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-muted" aria-current="page">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={buttonClasses("secondary", "sm")} rel="next">
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
