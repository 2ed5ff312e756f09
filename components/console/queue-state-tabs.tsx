import Link from "next/link";
import type { RequestState } from "@/lib/requests/state-machine";
import { queueSearch, queueStates, type QueueFilters } from "@/lib/console/queue-filters";

const labels: Record<RequestState, string> = {
  PENDING_APPROVAL: "Pending approval",
  APPROVED: "Approved",
  PROVISIONING: "Provisioning",
  AWAITING_PROOF: "Awaiting proof",
  ACTIVE: "Active",
  REVOKING: "Revoking",
  REVOKED: "Revoked",
  REJECTED: "Rejected",
  CANCELLED: "Cancelled",
  FAILED: "Failed",
};

/**
 * One link per state with its count under the other filters; the current one is marked for screen readers
 * (aria-current, which also styles it: .tab in app/globals.css).
 */
export function QueueStateTabs({
  filters,
  counts,
  total,
}: {
  filters: QueueFilters;
  counts: Partial<Record<RequestState, number>>;
  total: number;
}) {
  const items: { state: RequestState | null; label: string; count: number }[] = [
    ...queueStates.map((state) => ({ state, label: labels[state], count: counts[state] ?? 0 })),
    { state: null, label: "All", count: total },
  ];
  return (
    <nav aria-label="Request states" className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => {
          const current = filters.state === item.state;
          return (
            <li key={item.state ?? "all"}>
              <Link
                href={`/console${queueSearch({ ...filters, state: item.state })}`}
                aria-current={current ? "page" : undefined}
                className="tab"
              >
                {item.label}
                <span data-testid={`count-${item.state ?? "all"}`}>{item.count}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
