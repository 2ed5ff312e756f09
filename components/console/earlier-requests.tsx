import Link from "next/link";
import { RegionLabel } from "@/components/ui/region-label";
import { TimeAgo } from "@/components/ui/time-ago";
import { RequestStateBadge } from "@/components/requests/request-state-badge";
import type { RequestReview } from "@/lib/console/request-review";

/** The brand's history before this request: repeated rejections or a live share to the same account matter. */
export function EarlierRequests({ requests, now }: { requests: RequestReview["earlierRequests"]; now: Date }) {
  if (requests.length === 0) return <p className="text-sm text-muted">This is the brand&apos;s first request.</p>;
  return (
    <ul className="divide-y divide-border text-sm" aria-label="Earlier requests">
      {requests.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
          <span>
            <Link href={`/console/requests/${r.id}`} className="font-mono text-xs text-accent-strong hover:underline">
              {r.consumerAccount}
            </Link>{" "}
            <RegionLabel id={r.consumerRegion} />
          </span>
          <span className="flex items-center gap-2">
            <RequestStateBadge state={r.state} />
            <span className="text-xs text-muted">
              <TimeAgo date={r.createdAt} now={now} />
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
