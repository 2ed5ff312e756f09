import { formatAge } from "@/lib/format-age";

/** A relative age ("3 days ago") with the exact time on hover and for machines. */
export function TimeAgo({ date, now = new Date() }: { date: Date; now?: Date }) {
  return (
    <time dateTime={date.toISOString()} title={date.toUTCString()}>
      {formatAge(date, now)}
    </time>
  );
}
