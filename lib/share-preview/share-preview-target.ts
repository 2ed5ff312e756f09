import "server-only";
import { db } from "@/lib/db";
import { notFoundError, invalidStateError } from "@/lib/errors";
import { hasPiiColumns, lakeTables, type LakeTable } from "@/lib/lake/lake-tables";
import { piiViewName, sharedViewName } from "@/lib/snowflake/object-names";

// What a preview as the consumer reads: an ACTIVE share, the provider account that holds it, and the views the
// share grants, each with its lake table: the plain view of every table of the request's datasets, and its `_ALL`
// view when the request includes PII and the table has PII columns (the planner's rule, plan-steps.ts grantsFor).
// Staff only (the caller authorises); every query after the first names the share's organisation.

export type PreviewView = { name: string; table: LakeTable; piiTier: boolean };

export type PreviewTarget = {
  requestId: string;
  organizationId: string;
  shareId: string;
  shareName: string;
  database: string;
  consumerAccount: string;
  providerAccountId: string;
  views: PreviewView[];
};

export async function loadPreviewTarget(requestId: string): Promise<PreviewTarget> {
  const request = await db.shareRequest.findUnique({
    where: { id: requestId },
    select: { id: true, organizationId: true, state: true, includePii: true },
  });
  if (!request) throw notFoundError("share");
  const [share, datasets] = await Promise.all([
    db.share.findFirst({
      where: { requestId, organizationId: request.organizationId },
      select: { id: true, name: true, databaseName: true, providerAccountId: true, consumerAccount: true },
    }),
    db.shareRequestDataset.findMany({
      where: { requestId, request: { organizationId: request.organizationId } },
      select: { dataset: { select: { key: true } } },
    }),
  ]);
  if (!share) throw notFoundError("share");
  if (request.state !== "ACTIVE") throw invalidStateError("Only an active share can be previewed.");
  const keys = new Set(datasets.map((d) => d.dataset.key));
  const views = lakeTables()
    .filter((table) => keys.has(table.datasetKey))
    .flatMap((table): PreviewView[] => [
      { name: sharedViewName(table.catalogName), table, piiTier: false },
      ...(request.includePii && hasPiiColumns(table)
        ? [{ name: piiViewName(table.catalogName), table, piiTier: true }]
        : []),
    ]);
  return {
    requestId,
    organizationId: request.organizationId,
    shareId: share.id,
    shareName: share.name,
    database: share.databaseName,
    consumerAccount: share.consumerAccount,
    providerAccountId: share.providerAccountId,
    views,
  };
}
