import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import type { OrganizationRequestListItem } from "@/lib/requests/list-requests-for-organization";
import type { RequestForOrganization } from "@/lib/requests/get-request-for-organization";
import type { freshnessSchema, requestDetailSchema, requestSchema, shareSchema } from "./api-schemas";

// The API's JSON for the portal's own read models (lib/requests list/get): a mapping, never a second query
// path. Dates become ISO strings; nothing staff-only (SQL, Snowflake errors) is in the read models to begin with.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function toApiRequest(item: OrganizationRequestListItem): z.infer<typeof requestSchema> {
  return {
    id: item.id,
    state: item.state,
    consumerAccount: item.consumerAccount,
    consumerLocator: item.consumerLocator,
    consumerRegion: item.consumerRegion,
    lakeRegion: item.lakeRegion,
    crossRegion: item.crossRegion,
    includePii: item.includePii,
    createdAt: item.createdAt.toISOString(),
    decidedAt: iso(item.decidedAt),
    endsAt: iso(item.endsAt),
    workspaces: item.workspaces.map((w) => ({ id: w.workspace.id, name: w.workspace.name })),
    datasets: item.datasets.map((d) => ({ key: d.dataset.key, title: d.dataset.title })),
    share: item.share
      ? { name: item.share.name, activatedAt: iso(item.share.activatedAt), revokedAt: iso(item.share.revokedAt) }
      : null,
  };
}

export function toApiRequestDetail(request: RequestForOrganization): z.infer<typeof requestDetailSchema> {
  return {
    id: request.id,
    state: request.state,
    consumerAccount: request.consumerAccount,
    consumerLocator: request.consumerLocator,
    consumerRegion: request.consumerRegion,
    lakeRegion: request.lakeRegion,
    crossRegion: request.crossRegion,
    includePii: request.includePii,
    createdAt: request.createdAt.toISOString(),
    decidedAt: iso(request.decidedAt),
    endsAt: iso(request.endsAt),
    workspaces: request.workspaces.map((w) => ({ id: w.workspace.id, name: w.workspace.name })),
    datasets: request.datasets.map((d) => ({ key: d.dataset.key, title: d.dataset.title })),
    share: request.share
      ? {
          name: request.share.name,
          activatedAt: iso(request.share.activatedAt),
          revokedAt: iso(request.share.revokedAt),
        }
      : null,
    note: request.note,
    decisionReason: request.decisionReason,
    failureStepKey: request.failureStepKey,
  };
}

/** Cross-region shares read a replica the plan refreshes every 10 minutes (lib/provisioning/plan-cross-region). */
const REPLICATION_INTERVAL_MINUTES = 10;

/**
 * What the share promises about freshness. Floe does not measure it yet, so this is the design, labelled
 * `source: "stated"`: an in-region share reads the lake itself (no copy, as fresh as the lake's own loads);
 * a cross-region one reads a replica refreshed on a schedule.
 */
export function statedFreshness(crossRegion: boolean): z.infer<typeof freshnessSchema> {
  return crossRegion
    ? {
        source: "stated",
        replication: "scheduled",
        replicationIntervalMinutes: REPLICATION_INTERVAL_MINUTES,
        description: `A replica of the lake, refreshed every ${REPLICATION_INTERVAL_MINUTES} minutes: data is up to that much older than in the lake.`,
      }
    : {
        source: "stated",
        replication: "none",
        replicationIntervalMinutes: null,
        description: "Reads the lake directly (no copy): as fresh as the lake's own loads.",
      };
}

export function toApiShare(item: OrganizationRequestListItem): z.infer<typeof shareSchema> | null {
  if (!item.share) return null;
  return {
    requestId: item.id,
    name: item.share.name,
    state: item.state,
    consumerAccount: item.consumerAccount,
    consumerRegion: item.consumerRegion,
    lakeRegion: item.lakeRegion,
    crossRegion: item.crossRegion,
    activatedAt: iso(item.share.activatedAt),
    revokedAt: iso(item.share.revokedAt),
    endsAt: iso(item.endsAt),
    datasets: item.datasets.map((d) => ({ key: d.dataset.key, title: d.dataset.title })),
    freshness: statedFreshness(item.crossRegion),
  };
}

/** The organisation's workspaces, for the ids a create call names. */
export async function listApiWorkspaces(organizationId: string) {
  if (!organizationId) return [];
  return db.workspace.findMany({
    where: { organizationId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, region: true },
  });
}
