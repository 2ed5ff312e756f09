import "server-only";
import { getConfig } from "@/lib/config";
import { db, Prisma } from "@/lib/db";
import { describeFailure, type SnowflakeFailure } from "@/lib/snowflake/query-error";
import { parseFailure, refreshStillRunning, serializeFailure } from "./preview-failure";
import type { PreviewStatus } from "./schema-preview.schema";
import { logger } from "@/lib/logger";

// A read-through cache in Postgres (SchemaPreviewCache), shared by every web instance. A fresh entry is
// served without touching Snowflake. An expired one is refreshed by ONE instance: it claims the row by
// setting refreshStartedAt with a conditional update (count 0 = someone else has it), and everyone else
// serves the stale copy meanwhile. A failed refresh keeps the old payload and records why, so the page can
// say "as of <time>, because <reason>" instead of going blank.

/** Columns of a dataset in one lake: the same for every brand. */
export const schemaCacheKey = (datasetId: string, providerAccountId: string) =>
  `schema:${datasetId}:${providerAccountId}`;
/** Sample rows of a dataset in one lake, for one brand's workspaces. */
export const samplesCacheKey = (datasetId: string, providerAccountId: string, organizationId: string) =>
  `samples:${datasetId}:${providerAccountId}:${organizationId}`;

/** After a failed refresh, serve what we have this long before asking Snowflake again (no retry storm in an outage). */
export const RETRY_AFTER_FAILURE_MS = 30_000;
/** A forced refresh right after a successful one returns that one: the refresh button is not a load generator. */
export const MIN_FORCED_REFRESH_INTERVAL_MS = 10_000;
/** How long a caller without any copy waits for another instance's refresh before giving up. */
const WAIT_FOR_OTHER_MS = 15_000;
const POLL_MS = 200;

export type CacheEntryRef = {
  cacheKey: string;
  datasetId: string;
  providerAccountId: string;
  organizationId: string | null;
};

export type CachedValue<T> = {
  status: PreviewStatus;
  value: T | null;
  fetchedAt: Date | null;
  failure: SnowflakeFailure | null;
  failedAt: Date | null;
};

export type ReadThroughOptions<T> = {
  /** Validates a stored payload; null = unusable (e.g. written by an older version), which forces a refresh. */
  parse(payload: unknown): T | null;
  /** The Snowflake round trip(s). Runs at most once per call, and only for the instance holding the claim. */
  load(): Promise<T>;
  /** Refresh even if fresh or recently failed (a refresh button). Still single-flight. */
  force?: boolean;
};

const entrySelect = {
  payload: true,
  fetchedAt: true,
  expiresAt: true,
  lastError: true,
  lastErrorAt: true,
  refreshStartedAt: true,
} as const;
type Entry = Prisma.SchemaPreviewCacheGetPayload<{ select: typeof entrySelect }>;

// The organisation is part of every where clause, not only of the key: a samples row is one brand's data.
const read = (ref: CacheEntryRef): Promise<Entry | null> =>
  db.schemaPreviewCache.findFirst({
    where: { cacheKey: ref.cacheKey, organizationId: ref.organizationId },
    select: entrySelect,
  });

function fromEntry<T>(entry: Entry | null, parse: (payload: unknown) => T | null, now: Date): CachedValue<T> {
  const value = entry?.payload != null ? parse(entry.payload) : null;
  const fresh = value !== null && entry?.expiresAt != null && entry.expiresAt > now;
  return {
    status: fresh ? "fresh" : value !== null ? "stale" : "error",
    value,
    fetchedAt: value !== null ? (entry?.fetchedAt ?? null) : null,
    failure: parseFailure(entry?.lastError ?? null),
    failedAt: entry?.lastErrorAt ?? null,
  };
}

function claimTimeoutMs(): number {
  // A refresh is a few statements, each bounded by the statement timeout; a claim older than this belongs
  // to an instance that died mid-refresh.
  return (2 * getConfig().SNOWFLAKE_STATEMENT_TIMEOUT_SECONDS + 30) * 1000;
}

export async function readThrough<T>(ref: CacheEntryRef, options: ReadThroughOptions<T>): Promise<CachedValue<T>> {
  const entry = await read(ref);
  const cached = fromEntry(entry, options.parse, new Date());
  const justFetched =
    cached.status === "fresh" &&
    cached.fetchedAt !== null &&
    Date.now() - cached.fetchedAt.getTime() < MIN_FORCED_REFRESH_INTERVAL_MS;
  const force = options.force === true && !justFetched;
  if (!force && cached.status === "fresh") return cached;
  if (!force && cached.failedAt && Date.now() - cached.failedAt.getTime() < RETRY_AFTER_FAILURE_MS) return cached;

  await db.schemaPreviewCache.createMany({
    data: [
      {
        cacheKey: ref.cacheKey,
        datasetId: ref.datasetId,
        providerAccountId: ref.providerAccountId,
        organizationId: ref.organizationId,
      },
    ],
    skipDuplicates: true,
  });
  const claimedAt = new Date();
  const mustRefresh = force || cached.value === null;
  const claim = await db.schemaPreviewCache.updateMany({
    where: {
      cacheKey: ref.cacheKey,
      organizationId: ref.organizationId,
      AND: [
        {
          OR: [
            { refreshStartedAt: null },
            { refreshStartedAt: { lt: new Date(claimedAt.getTime() - claimTimeoutMs()) } },
          ],
        },
        // Someone may have refreshed between our read and now; then there is nothing left to do.
        ...(mustRefresh ? [] : [{ OR: [{ expiresAt: null }, { expiresAt: { lte: claimedAt } }] }]),
      ],
    },
    data: { refreshStartedAt: claimedAt },
  });
  if (claim.count === 0) return afterLostClaim(ref, options.parse, mustRefresh);

  let value: T;
  try {
    value = await options.load();
  } catch (error) {
    const failure = describeFailure(error);
    const failedAt = new Date();
    await db.schemaPreviewCache.updateMany({
      where: { cacheKey: ref.cacheKey, organizationId: ref.organizationId, refreshStartedAt: claimedAt },
      data: { lastError: serializeFailure(failure), lastErrorAt: failedAt, refreshStartedAt: null },
    });
    logger.warn(
      {
        component: "schema-preview",
        cacheKey: ref.cacheKey,
        code: failure.code,
        sqlState: failure.sqlState,
        queryId: failure.queryId,
      },
      "schema preview refresh failed",
    );
    return {
      status: cached.value !== null ? "stale" : "error",
      value: cached.value,
      fetchedAt: cached.fetchedAt,
      failure,
      failedAt,
    };
  }
  const fetchedAt = new Date();
  // Conditional on our claim: if it timed out and another instance took over, its write wins.
  await db.schemaPreviewCache.updateMany({
    where: { cacheKey: ref.cacheKey, organizationId: ref.organizationId, refreshStartedAt: claimedAt },
    data: {
      payload: value as Prisma.InputJsonValue,
      fetchedAt,
      expiresAt: new Date(fetchedAt.getTime() + getConfig().PREVIEW_CACHE_TTL_SECONDS * 1000),
      lastError: null,
      lastErrorAt: null,
      refreshStartedAt: null,
    },
  });
  return { status: "fresh", value, fetchedAt, failure: null, failedAt: null };
}

/** Another instance holds the claim: serve the stale copy, or (nothing to serve / refresh asked for) wait for it. */
async function afterLostClaim<T>(
  ref: CacheEntryRef,
  parse: (payload: unknown) => T | null,
  wait: boolean,
): Promise<CachedValue<T>> {
  let entry = await read(ref);
  let current = fromEntry(entry, parse, new Date());
  if (current.status === "fresh" || !wait) return current;
  const deadline = Date.now() + WAIT_FOR_OTHER_MS;
  while (entry?.refreshStartedAt && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    entry = await read(ref);
  }
  current = fromEntry(entry, parse, new Date());
  if (entry?.refreshStartedAt && current.status !== "fresh")
    return { ...current, failure: refreshStillRunning, failedAt: new Date() };
  return current;
}
