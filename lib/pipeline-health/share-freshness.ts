import "server-only";
import { db } from "@/lib/db";
import { inTransaction } from "@/lib/requests/transaction";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requestPageUrl } from "@/lib/requests/emails";

// What brands see of the pipeline: per active share, "data current as of <time>" measured in the region the
// share is read in (the share's provider account: the lake in-region, the replica cross-region — read there,
// PIPELINE.FRESHNESS includes the replication lag), and a delay notice while a FRESHNESS_LAG alert of the
// share's region × lake × dataset is unresolved (opened and cleared by syncDelayNotices, with one e-mail to
// the brand's owners each way). Every read carries the organisation.

export type ShareFreshness = {
  shareId: string;
  /** Oldest of the share's datasets' newest events (the whole share is at least this current); null = no sample yet. */
  currentAsOf: Date | null;
  /** When Floe measured it (Snowflake's clock at the sample). */
  measuredAt: Date | null;
  lagSeconds: number | null;
  region: string;
  crossRegion: boolean;
  delayedSince: Date | null;
};

type ShareScope = {
  id: string;
  databaseName: string;
  providerAccount: { region: string };
  request: {
    crossRegion: boolean;
    datasets: { dataset: { key: string } }[];
    workspaces: { workspace: { lakeWorkspaceId: string } }[];
  };
  delayNotices: { openedAt: Date }[];
};

const shareScopeSelect = {
  id: true,
  databaseName: true,
  providerAccount: { select: { region: true } },
  request: {
    select: {
      crossRegion: true,
      datasets: { select: { dataset: { select: { key: true } } } },
      workspaces: { select: { workspace: { select: { lakeWorkspaceId: true } } } },
    },
  },
  delayNotices: { where: { resolvedAt: null }, select: { openedAt: true } },
} as const;

async function freshnessOf(share: ShareScope): Promise<ShareFreshness> {
  const region = share.providerAccount.region;
  const workspaceIds = share.request.workspaces.map((w) => w.workspace.lakeWorkspaceId);
  let currentAsOf: Date | null = null;
  let measuredAt: Date | null = null;
  let complete = share.request.datasets.length > 0;
  for (const { dataset } of share.request.datasets) {
    // The newest sample of this share's workspaces for this dataset, in this region and lake. Not the dataset's
    // newest of any workspace: another brand's workspace measured at another instant would leave this share's
    // round empty ("not measured yet"; seen in e2e/pipeline.spec.ts with other specs' brands in the same lake).
    const latest = await db.pipelineFreshnessSample.findFirst({
      where: {
        region,
        lakeDatabase: share.databaseName,
        datasetKey: dataset.key,
        lakeWorkspaceId: { in: workspaceIds },
      },
      orderBy: { measuredAt: "desc" },
      select: { measuredAt: true },
    });
    if (!latest) {
      complete = false;
      continue;
    }
    const round = await db.pipelineFreshnessSample.findMany({
      where: {
        region,
        lakeDatabase: share.databaseName,
        datasetKey: dataset.key,
        lakeWorkspaceId: { in: workspaceIds },
        measuredAt: latest.measuredAt,
      },
      select: { latestEventAt: true },
    });
    const newest = round.reduce<Date | null>(
      (acc, r) => (r.latestEventAt && (!acc || r.latestEventAt > acc) ? r.latestEventAt : acc),
      null,
    );
    if (!newest) {
      complete = false;
      continue;
    }
    if (!currentAsOf || newest < currentAsOf) currentAsOf = newest;
    if (!measuredAt || latest.measuredAt > measuredAt) measuredAt = latest.measuredAt;
  }
  if (!complete && !currentAsOf) measuredAt = null;
  return {
    shareId: share.id,
    currentAsOf,
    measuredAt,
    lagSeconds:
      currentAsOf && measuredAt ? Math.max(0, Math.round((measuredAt.getTime() - currentAsOf.getTime()) / 1000)) : null,
    region,
    crossRegion: share.request.crossRegion,
    delayedSince: share.delayNotices[0]?.openedAt ?? null,
  };
}

/** The freshness of one request's active share, for the request page (null when it has no active share). */
export async function getShareFreshnessForRequest(options: {
  organizationId: string;
  requestId: string;
}): Promise<ShareFreshness | null> {
  const share = await db.share.findFirst({
    where: {
      organizationId: options.organizationId,
      requestId: options.requestId,
      revokedAt: null,
      request: { state: "ACTIVE" },
    },
    select: shareScopeSelect,
  });
  return share ? freshnessOf(share) : null;
}

function delaySubjects(share: { databaseName: string; providerAccount: { region: string } }, keys: string[]) {
  return keys.map((key) => `${share.providerAccount.region}/${share.databaseName}/${key}`);
}

/**
 * Opens a delay notice on every active share whose region × lake × dataset has an unresolved FRESHNESS_LAG
 * alert, and clears the notice of every share that has none any more. Each change: audit event (the
 * brand's) + one e-mail to the brand's owners. Returns the share ids opened and cleared.
 */
export async function syncDelayNotices(now = new Date()): Promise<{ opened: string[]; cleared: string[] }> {
  const lagging = await db.pipelineAlert.findMany({
    where: { rule: "FRESHNESS_LAG", state: { not: "RESOLVED" } },
    select: { subject: true, details: true },
  });
  const lagBySubject = new Map(
    lagging.map((a) => [a.subject, Number((a.details as { lagMinutes?: number })?.lagMinutes ?? 0) * 60]),
  );
  const shares = await db.share.findMany({
    where: { revokedAt: null, request: { state: "ACTIVE" } },
    select: {
      id: true,
      requestId: true,
      organizationId: true,
      databaseName: true,
      consumerAccount: true,
      providerAccount: { select: { region: true } },
      organization: { select: { slug: true } },
      request: { select: { datasets: { select: { dataset: { select: { key: true, title: true } } } } } },
      delayNotices: { where: { resolvedAt: null }, select: { id: true } },
    },
  });
  const result = { opened: [] as string[], cleared: [] as string[] };
  for (const share of shares) {
    const subjects = delaySubjects(
      share,
      share.request.datasets.map((d) => d.dataset.key),
    );
    const lags = subjects.filter((s) => lagBySubject.has(s)).map((s) => lagBySubject.get(s)!);
    const delayed = lags.length > 0;
    const open = share.delayNotices[0];
    if (delayed && !open) {
      const opened = await inTransaction(async (tx) => {
        try {
          await tx.shareDelayNotice.create({
            data: {
              shareId: share.id,
              organizationId: share.organizationId,
              openedAt: now,
              lagSeconds: Math.max(...lags),
            },
          });
        } catch (error) {
          if ((error as { code?: string }).code === "P2002") return false; // another sampler opened it
          throw error;
        }
        await recordAuditEvent(tx, {
          actor: { type: "SYSTEM" },
          organizationId: share.organizationId,
          requestId: share.requestId,
          shareId: share.id,
          type: "share.delay_notice_opened",
          details: { lagMinutes: Math.round(Math.max(...lags) / 60) },
        });
        await queueOwnerMails(tx, share, "opened");
        return true;
      });
      if (opened) result.opened.push(share.id);
    } else if (!delayed && open) {
      const cleared = await inTransaction(async (tx) => {
        const changed = await tx.shareDelayNotice.updateMany({
          where: { id: open.id, resolvedAt: null },
          data: { resolvedAt: now },
        });
        if (changed.count === 0) return false;
        await recordAuditEvent(tx, {
          actor: { type: "SYSTEM" },
          organizationId: share.organizationId,
          requestId: share.requestId,
          shareId: share.id,
          type: "share.delay_notice_cleared",
        });
        await queueOwnerMails(tx, share, "cleared");
        return true;
      });
      if (cleared) result.cleared.push(share.id);
    }
  }
  return result;
}

export const DELAY_EMAIL_KIND = { opened: "share.delay_notice_opened", cleared: "share.delay_notice_cleared" } as const;

async function queueOwnerMails(
  tx: Parameters<Parameters<typeof inTransaction>[0]>[0],
  share: {
    requestId: string;
    organizationId: string;
    consumerAccount: string;
    organization: { slug: string };
    request: { datasets: { dataset: { title: string } }[] };
  },
  event: "opened" | "cleared",
): Promise<void> {
  const owners = await tx.membership.findMany({
    where: { organizationId: share.organizationId, role: "OWNER" },
    select: { user: { select: { email: true } } },
  });
  const titles = share.request.datasets.map((d) => d.dataset.title).join(", ");
  const page = requestPageUrl(share.organization.slug, share.requestId);
  const subject = event === "opened" ? "Your shared data is delayed" : "Your shared data is up to date again";
  const text = [
    event === "opened"
      ? `The newest data in your share to Snowflake account ${share.consumerAccount} (${titles}) is older than Floe's freshness target. Queries still work; recent events arrive late. We are on it and will write again when it has caught up.`
      : `The data in your share to Snowflake account ${share.consumerAccount} (${titles}) has caught up with Floe's freshness target again.`,
    `Open the request: ${page}`,
    `Request reference: ${share.requestId}`,
  ].join("\n\n");
  if (owners.length > 0)
    await tx.outboxEmail.createMany({
      data: owners.map((o) => ({
        to: o.user.email,
        subject,
        text,
        kind: DELAY_EMAIL_KIND[event],
        requestId: share.requestId,
      })),
    });
}
