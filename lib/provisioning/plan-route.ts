// Decides WHERE a request's share lives: validates the request against the topology and the catalog, then
// picks the lake account (by the workspaces' data region) and, when the consumer is in another region, the
// vendor account in the consumer's region that receives a replica. Shared by provisioning and revocation so
// both always address the same accounts and share name. Pure.

import { parseNormalisedConsumerAccount, type ConsumerAccount } from "@/lib/snowflake/account-identifier";
import { replicationGroupNameFor, replicationSchedule, shareNameFor } from "@/lib/snowflake/object-names";
import { isSnowflakeRegion, regionLabel } from "@/lib/snowflake/regions";
import {
  PlanError,
  type PlanCatalog,
  type PlanCommon,
  type PlanRequest,
  type ProviderAccount,
  type ReplicationPath,
  type Topology,
} from "./plan-types";

export type ChosenView = { table: string; containsPii: boolean };
export type ChosenDataset = { key: string; views: ChosenView[] };

export type Route = {
  consumer: ConsumerAccount;
  /** The consumer's locator when known beside its ORG.ACCOUNT name (or when the identity is the locator). */
  consumerLocator: string | null;
  consumerRegion: string;
  dataRegion: string;
  shareName: string;
  source: ProviderAccount;
  shareAccount: ProviderAccount;
  database: string;
  crossRegion: boolean;
  replication: ReplicationPath | null;
  /** Deduplicated and sorted, so the same request always yields the same plan whatever the input order. */
  workspaceIds: string[];
};

const MAX_BIND_TEXT = 255;

function invalid(message: string): never {
  throw new PlanError("INVALID_REQUEST", message);
}

export function resolveRoute(request: PlanRequest, topology: Topology): Route {
  if (typeof request.id !== "string" || request.id === "" || request.id.length > 200)
    invalid("The request id is missing or too long.");
  const consumer = parseNormalisedConsumerAccount(request.consumerAccount);
  if (!consumer) invalid("The consumer account identifier is not in normalised form (ORG.ACCOUNT or a locator).");
  const locator = request.consumerLocator ?? (consumer.kind === "locator" ? consumer.locator : null);
  if (locator !== null && parseNormalisedConsumerAccount(locator)?.kind !== "locator")
    invalid("The consumer account locator is not valid.");
  if (!isSnowflakeRegion(request.consumerRegion)) {
    throw new PlanError(
      "UNKNOWN_REGION",
      `The consumer region ${String(request.consumerRegion).slice(0, 40)} is not a Snowflake region.`,
    );
  }
  if (request.workspaces.length === 0) invalid("The request has no workspaces.");
  for (const ws of request.workspaces) {
    if (
      typeof ws.lakeWorkspaceId !== "string" ||
      ws.lakeWorkspaceId === "" ||
      ws.lakeWorkspaceId.length > MAX_BIND_TEXT
    ) {
      invalid("A workspace id is missing or too long.");
    }
  }

  const regions = [...new Set(request.workspaces.map((w) => w.region))].sort();
  if (regions.length > 1) {
    throw new PlanError(
      "MIXED_REGIONS",
      `All workspaces of one share must be in one data region, but this request spans ${regions.join(", ")}. Split it into one request per region.`,
    );
  }
  const dataRegion = regions[0];
  const lakes = topology.providerAccounts.filter((a) => a.hostsLake && a.region === dataRegion && a.lakeDatabase);
  if (lakes.length === 0)
    throw new PlanError("NO_LAKE_IN_REGION", `No vendor account hosts a lake in ${regionLabel(dataRegion)}.`);
  if (lakes.length > 1) {
    throw new PlanError(
      "AMBIGUOUS_TOPOLOGY",
      `Several vendor accounts host a lake in ${dataRegion} (${lakes
        .map((a) => a.id)
        .sort()
        .join(", ")}); fix the topology.`,
    );
  }
  const source = lakes[0];
  const database = source.lakeDatabase as string;
  const shareName = shareNameFor({ organizationSlug: request.organizationSlug, requestId: request.id });
  const workspaceIds = [...new Set(request.workspaces.map((w) => w.lakeWorkspaceId))].sort();
  const base = {
    consumer,
    consumerLocator: locator,
    consumerRegion: request.consumerRegion,
    dataRegion,
    shareName,
    source,
    database,
    workspaceIds,
  };

  if (request.consumerRegion === dataRegion) {
    return { ...base, shareAccount: source, crossRegion: false, replication: null };
  }
  const target = pickReplicaTarget(topology, request.consumerRegion, source);
  const replication: ReplicationPath = {
    groupName: replicationGroupNameFor({ lakeDatabase: database, targetRegion: request.consumerRegion }),
    sourceAccountId: source.id,
    targetAccountId: target.id,
    database,
    schedule: replicationSchedule,
  };
  return { ...base, shareAccount: target, crossRegion: true, replication };
}

/**
 * The vendor account in the consumer's region that receives the replica. Accounts that exist only to
 * receive replicas come first (a lake host there serves its own lake); ties break by id so the choice is stable.
 */
function pickReplicaTarget(topology: Topology, region: string, source: ProviderAccount): ProviderAccount {
  const candidates = topology.providerAccounts
    .filter((a) => a.region === region && a.id !== source.id)
    .sort((a, b) => Number(a.hostsLake) - Number(b.hostsLake) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (candidates.length === 0) {
    throw new PlanError(
      "NO_VENDOR_ACCOUNT_IN_REGION",
      `No vendor account in region ${region} (${regionLabel(region)}): a cross-region share needs one to replicate the lake into. Add an account there or ask the brand for an account in ${regionLabel(source.region)}.`,
    );
  }
  return candidates[0];
}

/**
 * The datasets and views to share, checked against the catalog (the source of truth for PII: the
 * request's containsPii is display data and may be stale). Unknown keys or tables are refused rather than
 * skipped, so an approver never approves less than the brand asked for without noticing.
 */
export function chooseDatasets(request: PlanRequest, catalog: PlanCatalog): ChosenDataset[] {
  if (request.datasets.length === 0) invalid("The request has no datasets.");
  const byKey = new Map<string, Set<string>>();
  for (const dataset of request.datasets) {
    const entry = catalog.datasets.find((d) => d.key === dataset.key);
    if (!entry)
      throw new PlanError("UNKNOWN_DATASET", `Dataset ${String(dataset.key).slice(0, 60)} is not in the catalog.`);
    if (dataset.views.length === 0) invalid(`Dataset ${dataset.key} has no tables selected.`);
    const views = byKey.get(dataset.key) ?? new Set<string>();
    for (const view of dataset.views) {
      if (!entry.tables.some((t) => t.name === view.name)) {
        throw new PlanError(
          "UNKNOWN_DATASET",
          `Table ${String(view.name).slice(0, 80)} is not part of dataset ${dataset.key}.`,
        );
      }
      views.add(view.name);
    }
    byKey.set(dataset.key, views);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, names]) => {
      const tables = catalog.datasets.find((d) => d.key === key)!.tables;
      const views = [...names].sort().map((table) => ({
        table,
        containsPii: tables.find((t) => t.name === table)!.columns.some((c) => c.pii),
      }));
      return { key, views };
    });
}

/** Names for the accounts a route touches (source, share account), as the approver should read them. */
function accountLabels(route: { source: ProviderAccount; shareAccount: ProviderAccount }): Record<string, string> {
  const label = (a: ProviderAccount) => `${a.organization}.${a.name} (${a.region})`;
  return { [route.source.id]: label(route.source), [route.shareAccount.id]: label(route.shareAccount) };
}

/** The part of a plan that provisioning and revocation state alike: the share, its accounts and route. */
export function planHeader(requestId: string, route: Route): Omit<PlanCommon, "steps"> {
  return {
    requestId,
    shareName: route.shareName,
    crossRegion: route.crossRegion,
    consumer: { account: route.consumer.identifier, region: route.consumerRegion, locator: route.consumerLocator },
    sourceAccountId: route.source.id,
    shareAccountId: route.shareAccount.id,
    database: route.database,
    replication: route.replication,
    providerAccountRef: `${route.shareAccount.organization}.${route.shareAccount.name}`,
    accountLabels: accountLabels(route),
  };
}
