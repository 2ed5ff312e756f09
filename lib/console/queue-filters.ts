// The queue's filters as they live in the URL (so a filtered queue can be bookmarked and shared) and back.
// Pure: the filter form, the page and the read model agree on one parser. Anything unknown in the URL is
// dropped rather than refused, so an old or hand-edited link still opens a sensible queue.
import { z } from "zod";
import { RequestState } from "@/lib/generated/prisma/enums";
import { cursorTokenParam, param, regionParam, slugParam, type SearchParams } from "@/lib/search-params";

export const queueStates = Object.values(RequestState) as RequestState[];

export const ageBuckets = {
  lt1d: { label: "Less than a day", minHours: null, maxHours: 24 },
  "1to7d": { label: "1 to 7 days", minHours: 24, maxHours: 24 * 7 },
  gt7d: { label: "More than 7 days", minHours: 24 * 7, maxHours: null },
  gt30d: { label: "More than 30 days", minHours: 24 * 30, maxHours: null },
} as const;
export type AgeBucket = keyof typeof ageBuckets;

export type QueueSort = "oldest" | "newest";

export type QueueFilters = {
  /** null = every state. */
  state: RequestState | null;
  region: string | null;
  /** Organisation slug. */
  org: string | null;
  cross: boolean | null;
  age: AgeBucket | null;
  mine: boolean;
  sort: QueueSort;
};

export type QueuePosition = { after: string | null; before: string | null };

/** The review queue opens on what needs a decision, first come first served. */
export const defaultQueueFilters: QueueFilters = {
  state: "PENDING_APPROVAL",
  region: null,
  org: null,
  cross: null,
  age: null,
  mine: false,
  sort: "oldest",
};

const queueParamsSchema = z.object({
  // "all" is explicit so that the default (pending) can still be overridden by a link.
  state: param(z.enum(["all", ...queueStates] as [string, ...string[]])),
  region: param(regionParam),
  org: param(slugParam),
  cross: param(z.enum(["0", "1"])),
  age: param(z.enum(Object.keys(ageBuckets) as [AgeBucket, ...AgeBucket[]])),
  mine: param(z.literal("1")),
  sort: param(z.literal("newest")),
  after: param(cursorTokenParam),
  before: param(cursorTokenParam),
});

export function parseQueueParams(params: SearchParams): QueueFilters & QueuePosition {
  const p = queueParamsSchema.parse(params);
  return {
    state: p.state === "all" ? null : ((p.state as RequestState | null) ?? defaultQueueFilters.state),
    region: p.region,
    org: p.org,
    cross: p.cross === null ? null : p.cross === "1",
    age: p.age,
    mine: p.mine !== null,
    sort: p.sort ?? "oldest",
    after: p.after,
    before: p.after ? null : p.before,
  };
}

/** The query string for `filters` (defaults left out, so links stay short); a position is optional. */
export function queueSearch(filters: QueueFilters, position: Partial<QueuePosition> = {}): string {
  const params = new URLSearchParams();
  if (filters.state !== defaultQueueFilters.state) params.set("state", filters.state ?? "all");
  if (filters.region) params.set("region", filters.region);
  if (filters.org) params.set("org", filters.org);
  if (filters.cross !== null) params.set("cross", filters.cross ? "1" : "0");
  if (filters.age) params.set("age", filters.age);
  if (filters.mine) params.set("mine", "1");
  if (filters.sort !== defaultQueueFilters.sort) params.set("sort", filters.sort);
  if (position.after) params.set("after", position.after);
  else if (position.before) params.set("before", position.before);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** createdAt bounds for an age bucket, relative to `now`. */
export function ageRange(age: AgeBucket | null, now: Date): { gt?: Date; lte?: Date } | undefined {
  if (!age) return undefined;
  const bucket = ageBuckets[age];
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  return {
    ...(bucket.maxHours !== null ? { gt: hoursAgo(bucket.maxHours) } : {}),
    ...(bucket.minHours !== null ? { lte: hoursAgo(bucket.minHours) } : {}),
  };
}
