import type { TimelineEntry } from "@/lib/portal/request-status.types";
import { cx } from "@/components/ui/cx";

const dot: Record<TimelineEntry["tone"], string> = {
  neutral: "bg-muted",
  info: "bg-info",
  success: "bg-success",
  danger: "bg-danger",
};

// Absolute times in UTC: the same text on the server and in the browser (no hydration mismatch), and what
// people quote to support.
const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function RequestTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-muted">Nothing has happened yet.</p>;
  return (
    <ol className="relative space-y-4 border-l border-border pl-5" aria-label="Request timeline">
      {entries.map((entry) => (
        <li key={entry.id} className="relative" data-testid="timeline-entry">
          <span
            aria-hidden="true"
            className={cx("absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full ring-4 ring-surface", dot[entry.tone])}
          />
          <p className="text-sm font-medium">{entry.title}</p>
          <p className="text-xs text-muted">
            <time dateTime={entry.at}>{format.format(new Date(entry.at))} UTC</time>
          </p>
          {entry.detail ? <p className="mt-1 text-sm text-muted">{entry.detail}</p> : null}
        </li>
      ))}
    </ol>
  );
}
