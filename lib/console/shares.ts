import "server-only";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { cursorTokenParam, param, regionParam, slugParam, type SearchParams } from "@/lib/search-params";
import { afterCursor, decodeRequestCursor, encodeRequestCursor } from "@/lib/requests/request-cursor";
import type { VerifyReport } from "@/lib/provisioning/verify-share";
import { ageRange, type AgeBucket } from "./queue-filters";

// Snowflake shares across every brand (staff only; the caller authorises), newest first, keyset-paginated on
// (createdAt, id) like the queue (index Share_createdAt_id_idx). "Active" is the request's state, the one
// source of truth for whether the consumer currently has access.

export type ShareFilters = {
  status: "active" | "all";
  org: string | null;
  region: string | null;
  age: AgeBucket | null;
};

const shareParamsSchema = z.object({
  status: param(z.literal("all")),
  org: param(slugParam),
  region: param(regionParam),
  age: param(z.enum(["lt1d", "1to7d", "gt7d", "gt30d"])),
  after: param(cursorTokenParam),
});

export function parseShareParams(params: SearchParams): ShareFilters & { after: string | null } {
  const p = shareParamsSchema.parse(params);
  return { status: p.status ?? "active", org: p.org, region: p.region, age: p.age, after: p.after };
}

const shareSelect = {
  id: true,
  name: true,
  databaseName: true,
  consumerAccount: true,
  consumerRegion: true,
  createdAt: true,
  activatedAt: true,
  revokedAt: true,
  verifiedAt: true,
  verifyResult: true,
  organization: { select: { name: true, slug: true } },
  providerAccount: { select: { organizationName: true, accountName: true, region: true } },
  request: { select: { id: true, state: true } },
} satisfies Prisma.ShareSelect;

export type ShareRow = Omit<Prisma.ShareGetPayload<{ select: typeof shareSelect }>, "verifyResult"> & {
  verifyResult: VerifyReport | null;
};

export const SHARES_PAGE_SIZE = 25;

export async function listShares(options: {
  filters: ShareFilters;
  after: string | null;
  pageSize?: number;
  now?: Date;
}): Promise<{ items: ShareRow[]; nextCursor: string | null }> {
  const { filters } = options;
  const limit = options.pageSize ?? SHARES_PAGE_SIZE;
  // Same (createdAt, id) keyset as requests; the where shape is identical, only the model differs.
  // A cursor that does not decode (a hand-edited link) means the first page, as in the queue.
  const after = options.after && decodeRequestCursor(options.after) ? options.after : null;
  const cursor = afterCursor(after, "newest") as Prisma.ShareWhereInput;
  const rows = await db.share.findMany({
    where: {
      AND: [
        filters.status === "active" ? { request: { state: "ACTIVE" } } : {},
        filters.org ? { organization: { slug: filters.org } } : {},
        filters.region ? { consumerRegion: filters.region } : {},
        filters.age ? { activatedAt: ageRange(filters.age, options.now ?? new Date()) } : {},
        cursor,
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: shareSelect,
  });
  const items = rows
    .slice(0, limit)
    .map((row) => ({ ...row, verifyResult: (row.verifyResult ?? null) as VerifyReport | null }));
  return { items, nextCursor: rows.length > limit ? encodeRequestCursor(items[items.length - 1]) : null };
}
