// The queue's rows as the compact data its client table renders (components/console/queue-rows-table.tsx).
// A server-rendered table travels twice, as HTML and again as the React server-component payload that
// describes every element; rendered by a client component, the payload carries only this data (about a
// quarter of the element tree's size), so the queue page stays ≤ 60 kB (issue 15). Texts the client
// cannot compute the same way (the age relative to the server's clock, region names) are computed here;
// fields that are usually false or empty are left out.
import { formatAge } from "@/lib/format-age";
import type { QueueRow } from "@/lib/console/queue";
import type { RequestState } from "@/lib/requests/state-machine";
import { isSnowflakeRegion, regionDisplayName } from "@/lib/snowflake/regions";

export type QueueRowView = {
  id: string;
  account: string;
  state: RequestState;
  brand: string;
  /** The viewer is the brand's account manager. */
  mine?: true;
  /** Who asked: name, or email when there is none. */
  by: string;
  region: string;
  /** Cross-region requests: the lake region the share is replicated from. */
  from?: string;
  datasets: string;
  /** createdAt, ISO 8601. */
  at: string;
  /** "3 days ago" against the server's clock (the client must not recompute it: hydration would differ). */
  age: string;
};

export function queueRowView(row: QueueRow, viewerId: string, now: Date): QueueRowView {
  return {
    id: row.id,
    account: row.consumerAccount,
    state: row.state,
    brand: row.organization.name,
    ...(row.organization.accountManagerId === viewerId ? { mine: true as const } : {}),
    by: row.requestedBy.name ?? row.requestedBy.email,
    region: row.consumerRegion,
    ...(row.crossRegion ? { from: row.lakeRegion } : {}),
    datasets: row.datasets.map((d) => d.dataset.title).join(", "),
    at: row.createdAt.toISOString(),
    age: formatAge(row.createdAt, now),
  };
}

/** Display names of the regions the rows mention (once each, not once per row). */
export function queueRegionNames(views: QueueRowView[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const id of views.flatMap((v) => (v.from ? [v.region, v.from] : [v.region])))
    if (isSnowflakeRegion(id)) names[id] = regionDisplayName(id);
  return names;
}
