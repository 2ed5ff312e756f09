import "server-only";
import { db } from "@/lib/db";
import type { RequestState } from "@/lib/generated/prisma/enums";
import { entitlementsTable, lakeSchemas } from "@/lib/snowflake/object-names";
import { toSnowflakeQueryError } from "@/lib/snowflake/query-error";
import { qualified, quoteIdent, sql } from "@/lib/snowflake/sql-identifiers";
import { cell, objectName } from "@/lib/snowflake/snowflake-values";
import { shareHoldingStates } from "@/lib/requests/state-machine";
import { loadProviderAccounts } from "../provider-accounts";
import type { Executors } from "../runtime-types";
import { storedProvisionPlan } from "../stored-plan";

// Reconciliation: what Snowflake holds (read-only: SHOW SHARES, SHOW GRANTS TO SHARE, SELECT from the
// entitlement tables) against what Postgres says should exist (Share rows, their request states and the
// approved plans). Requests in flight (PROVISIONING, REVOKING) are not compared with their plan, only checked
// for duplicates. Test-only: the fault matrix, the worker-crash, load and reliability suites check with it that
// Snowflake and Postgres agree after them. The product's own check of a live share is drift/ (detect-drift.ts).

type Located = { accountId: string; account: string };
export type ShareFinding = Located & {
  shareName: string;
  requestId: string | null;
  requestState: RequestState | null;
  detail: string;
};
export type GrantFinding = Located & { shareName: string; requestId: string; grant: string };
export type EntitlementFinding = Located & {
  database: string;
  shareName: string;
  datasetKey: string;
  workspaceId: string;
  consumerAccount: string;
  consumerRegion: string;
  /** The PII tier of the row(s): must equal the request's includePii. */
  includesPii: boolean;
  rows: number;
  requestState: RequestState | null;
};

export type ReconcileReport = {
  checkedAt: string;
  checked: { accounts: number; shares: number; entitlementRows: number; requests: number };
  orphanedShares: ShareFinding[];
  duplicatedShares: ShareFinding[];
  missingShares: ShareFinding[];
  missingAccounts: ShareFinding[];
  unexpectedAccounts: ShareFinding[];
  unexpectedGrants: GrantFinding[];
  missingGrants: GrantFinding[];
  orphanedEntitlements: EntitlementFinding[];
  duplicatedEntitlements: EntitlementFinding[];
  missingEntitlements: EntitlementFinding[];
  unexpectedEntitlements: EntitlementFinding[];
};

const SHARE_PREFIX = "FLOE_";
const grantLabel = (privilege: unknown, grantedOn: unknown, name: unknown) =>
  `${objectName(privilege)} ON ${objectName(grantedOn)} ${objectName(name)}`;
const rowKey = (r: {
  shareName: string;
  datasetKey: string;
  workspaceId: string;
  consumerAccount: string;
  consumerRegion: string;
  includesPii: boolean;
}) =>
  [
    r.shareName,
    r.datasetKey,
    r.workspaceId,
    objectName(r.consumerAccount),
    r.consumerRegion,
    r.includesPii ? "PII" : "NO_PII",
  ].join("|");

/** Reads both sides and lists every difference; `shareNames` limits the findings to those shares. */
export async function reconcile(options: { executors: Executors; shareNames?: string[] }): Promise<ReconcileReport> {
  const only = options.shareNames ? new Set(options.shareNames.map(objectName)) : null;
  const inScope = (name: string) => !only || only.has(objectName(name));
  const accounts = await loadProviderAccounts();
  const label = new Map(accounts.map((a) => [a.id, `${a.organizationName}.${a.accountName}`]));
  const at = (accountId: string): Located => ({ accountId, account: label.get(accountId) ?? accountId });

  const shareRows = await db.share.findMany({
    where: only ? { name: { in: [...only] } } : {},
    select: {
      name: true,
      providerAccountId: true,
      databaseName: true,
      requestId: true,
      request: {
        select: {
          state: true,
          includePii: true,
          workspaces: { select: { workspace: { select: { lakeWorkspaceId: true } } } },
          datasets: { select: { dataset: { select: { key: true } } } },
          runs: { where: { kind: "PROVISION" }, orderBy: { createdAt: "desc" }, take: 1, select: { plan: true } },
        },
      },
    },
  });
  const byName = new Map(shareRows.map((s) => [objectName(s.name), s]));

  const report: ReconcileReport = {
    checkedAt: new Date().toISOString(),
    checked: { accounts: accounts.length, shares: 0, entitlementRows: 0, requests: shareRows.length },
    orphanedShares: [],
    duplicatedShares: [],
    missingShares: [],
    missingAccounts: [],
    unexpectedAccounts: [],
    unexpectedGrants: [],
    missingGrants: [],
    orphanedEntitlements: [],
    duplicatedEntitlements: [],
    missingEntitlements: [],
    unexpectedEntitlements: [],
  };

  // Shares: every outbound FLOE_* share of every provider account.
  const found = new Map<string, { accountId: string; to: string[] }[]>();
  for (const account of accounts) {
    const executor = await options.executors.forAccount(account.id);
    const { rows } = await executor.run(sql`SHOW SHARES`.toStatement());
    for (const row of rows) {
      const kind = objectName(cell(row, "kind"));
      const name = objectName(cell(row, "name")).split(".").pop() ?? "";
      if ((kind !== "" && kind !== "OUTBOUND") || !name.startsWith(SHARE_PREFIX) || !inScope(name)) continue;
      const to = String(cell(row, "to") ?? "")
        .split(",")
        .map(objectName)
        .filter(Boolean);
      found.set(name, [...(found.get(name) ?? []), { accountId: account.id, to }]);
      report.checked.shares++;
    }
  }
  for (const [name, places] of found) {
    const share = byName.get(name);
    const state = share?.request.state ?? null;
    if (places.length > 1) {
      for (const p of places)
        report.duplicatedShares.push({
          ...at(p.accountId),
          shareName: name,
          requestId: share?.requestId ?? null,
          requestState: state,
          detail: `also in ${places
            .filter((o) => o !== p)
            .map((o) => at(o.accountId).account)
            .join(", ")}`,
        });
    }
    for (const p of places) {
      const owned =
        share && share.providerAccountId === p.accountId && shareHoldingStates.includes(share.request.state);
      if (!owned) {
        const detail = !share
          ? "no Share row in Postgres"
          : share.providerAccountId !== p.accountId
            ? `its Share row is on ${at(share.providerAccountId).account}`
            : `its request is ${share.request.state}`;
        report.orphanedShares.push({
          ...at(p.accountId),
          shareName: name,
          requestId: share?.requestId ?? null,
          requestState: state,
          detail,
        });
      }
    }
  }

  // ACTIVE requests: the share exists where the plan put it, with exactly the planned accounts and grants.
  for (const share of shareRows) {
    if (share.request.state !== "ACTIVE") continue;
    const plan = storedProvisionPlan(share.request.runs[0]?.plan);
    const base = {
      ...at(share.providerAccountId),
      shareName: share.name,
      requestId: share.requestId,
      requestState: share.request.state,
    };
    const place = found.get(objectName(share.name))?.find((p) => p.accountId === share.providerAccountId);
    if (!place) {
      report.missingShares.push({ ...base, detail: "not in SHOW SHARES" });
      continue;
    }
    if (!plan) continue;
    const expectedAccounts = plan.expectedShare.accounts.map(objectName);
    for (const a of expectedAccounts.filter((a) => !place.to.includes(a)))
      report.missingAccounts.push({ ...base, detail: a });
    for (const a of place.to.filter((a) => !expectedAccounts.includes(a)))
      report.unexpectedAccounts.push({ ...base, detail: a });
    const executor = await options.executors.forAccount(share.providerAccountId);
    const { rows } = await executor.run(sql`SHOW GRANTS TO SHARE ${quoteIdent(share.name)}`.toStatement());
    const actual = rows
      .filter((r) => objectName(cell(r, "privilege")) !== "OWNERSHIP")
      .map((r) => grantLabel(cell(r, "privilege"), cell(r, "granted_on"), cell(r, "name")));
    const expected = plan.expectedShare.grants.map((g) => grantLabel(g.privilege, g.grantedOn, g.name));
    for (const grant of actual.filter((g) => !expected.includes(g)))
      report.unexpectedGrants.push({
        ...at(share.providerAccountId),
        shareName: share.name,
        requestId: share.requestId,
        grant,
      });
    for (const grant of expected.filter((g) => !actual.includes(g)))
      report.missingGrants.push({
        ...at(share.providerAccountId),
        shareName: share.name,
        requestId: share.requestId,
        grant,
      });
  }

  await reconcileEntitlements(options.executors, { accounts, shareRows, inScope, at, report });
  return report;
}

type EntitlementContext = {
  accounts: Awaited<ReturnType<typeof loadProviderAccounts>>;
  shareRows: {
    name: string;
    providerAccountId: string;
    databaseName: string;
    request: {
      state: RequestState;
      includePii: boolean;
      workspaces: { workspace: { lakeWorkspaceId: string } }[];
      datasets: { dataset: { key: string } }[];
      runs: { plan: unknown }[];
    };
  }[];
  inScope: (name: string) => boolean;
  at: (accountId: string) => Located;
  report: ReconcileReport;
};

/**
 * Entitlement rows in every lake (all rows: they are the source of truth) and in every replica a share is
 * served from (only rows for consumers in that account's region: the secure views ignore the others).
 */
async function reconcileEntitlements(
  executors: Executors,
  { accounts, shareRows, inScope, at, report }: EntitlementContext,
) {
  const locations = new Map<string, { accountId: string; database: string; region: string | null }>();
  for (const a of accounts)
    if (a.hostsLake && a.lakeDatabase)
      locations.set(`${a.id}|${a.lakeDatabase}`, { accountId: a.id, database: a.lakeDatabase, region: null });
  for (const s of shareRows) {
    const key = `${s.providerAccountId}|${s.databaseName}`;
    const region = accounts.find((a) => a.id === s.providerAccountId)?.region ?? null;
    if (!locations.has(key)) locations.set(key, { accountId: s.providerAccountId, database: s.databaseName, region });
  }
  const byName = new Map(shareRows.map((s) => [objectName(s.name), s]));

  for (const location of locations.values()) {
    const rows = await readEntitlements(executors, location.accountId, location.database);
    const relevant = (rows ?? []).filter(
      (r) => inScope(r.shareName) && (location.region === null || r.consumerRegion === location.region),
    );
    report.checked.entitlementRows += relevant.reduce((n, r) => n + r.rows, 0);
    const where = { ...at(location.accountId), database: location.database };
    const actual = new Map<string, number>();
    for (const r of relevant) {
      const share = byName.get(objectName(r.shareName));
      const finding = { ...where, ...r, requestState: share?.request.state ?? null };
      const live = share && shareHoldingStates.includes(share.request.state);
      if (!live) report.orphanedEntitlements.push(finding);
      const key = rowKey(r);
      actual.set(key, (actual.get(key) ?? 0) + r.rows);
    }
    // Duplicates: one (share, dataset, workspace, consumer) more than once, whatever the region column says.
    const perIdentity = new Map<string, (typeof relevant)[number][]>();
    for (const r of relevant) {
      const identity = [r.shareName, r.datasetKey, r.workspaceId, objectName(r.consumerAccount)].join("|");
      perIdentity.set(identity, [...(perIdentity.get(identity) ?? []), r]);
    }
    for (const group of perIdentity.values()) {
      const total = group.reduce((n, r) => n + r.rows, 0);
      if (total > 1)
        report.duplicatedEntitlements.push({
          ...where,
          ...group[0],
          rows: total,
          requestState: byName.get(objectName(group[0].shareName))?.request.state ?? null,
        });
    }
    // ACTIVE shares whose rows belong here: exactly datasets × workspaces for the planned consumer, in the
    // request's PII tier.
    for (const share of shareRows) {
      const plan = storedProvisionPlan(share.request.runs[0]?.plan);
      if (share.request.state !== "ACTIVE" || !plan || !inScope(share.name)) continue;
      const here =
        [plan.sourceAccountId, plan.shareAccountId].includes(location.accountId) && plan.database === location.database;
      if (!here) continue;
      const expected = share.request.datasets.flatMap((d) =>
        share.request.workspaces.map((w) => ({
          shareName: share.name,
          datasetKey: d.dataset.key,
          workspaceId: w.workspace.lakeWorkspaceId,
          consumerAccount: plan.consumer.account,
          consumerRegion: plan.consumer.region,
          includesPii: share.request.includePii,
        })),
      );
      const expectedKeys = new Set(expected.map(rowKey));
      for (const e of expected)
        if (!actual.has(rowKey(e)))
          report.missingEntitlements.push({ ...where, ...e, rows: 0, requestState: "ACTIVE" });
      for (const r of relevant) {
        if (objectName(r.shareName) === objectName(share.name) && !expectedKeys.has(rowKey(r)))
          report.unexpectedEntitlements.push({ ...where, ...r, requestState: "ACTIVE" });
      }
    }
  }
}

type EntitlementRow = {
  shareName: string;
  datasetKey: string;
  workspaceId: string;
  consumerAccount: string;
  consumerRegion: string;
  includesPii: boolean;
  rows: number;
};

/** null when the database is not there (e.g. a replica not created yet). */
async function readEntitlements(
  executors: Executors,
  accountId: string,
  database: string,
): Promise<EntitlementRow[] | null> {
  const executor = await executors.forAccount(accountId);
  const table = qualified(database, lakeSchemas.sharing, entitlementsTable);
  try {
    const { rows } = await executor.run(
      sql`SELECT SHARE_NAME AS "SHARE_NAME", DATASET_KEY AS "DATASET_KEY", WORKSPACE_ID AS "WORKSPACE_ID", CONSUMER_ACCOUNT AS "CONSUMER_ACCOUNT", CONSUMER_REGION AS "CONSUMER_REGION", INCLUDES_PII AS "INCLUDES_PII", COUNT(*) AS "N" FROM ${table} GROUP BY SHARE_NAME, DATASET_KEY, WORKSPACE_ID, CONSUMER_ACCOUNT, CONSUMER_REGION, INCLUDES_PII`.toStatement(),
    );
    return rows.map((r) => ({
      shareName: String(cell(r, "SHARE_NAME")),
      datasetKey: String(cell(r, "DATASET_KEY")),
      workspaceId: String(cell(r, "WORKSPACE_ID")),
      consumerAccount: String(cell(r, "CONSUMER_ACCOUNT")),
      consumerRegion: String(cell(r, "CONSUMER_REGION")),
      includesPii: cell(r, "INCLUDES_PII") === true || String(cell(r, "INCLUDES_PII")).toUpperCase() === "TRUE",
      rows: Number(cell(r, "N")),
    }));
  } catch (error) {
    if (toSnowflakeQueryError(error).code === "002003") return null;
    throw error;
  }
}

/** One line per finding; empty when Snowflake and Postgres agree. */
export function reconciliationProblems(report: ReconcileReport): string[] {
  const lines: string[] = [];
  const shareKinds = [
    "orphanedShares",
    "duplicatedShares",
    "missingShares",
    "missingAccounts",
    "unexpectedAccounts",
  ] as const;
  for (const kind of shareKinds)
    for (const f of report[kind])
      lines.push(`${kind}: ${f.account} ${f.shareName} (${f.requestState ?? "no request"}): ${f.detail}`);
  for (const kind of ["unexpectedGrants", "missingGrants"] as const)
    for (const f of report[kind]) lines.push(`${kind}: ${f.account} ${f.shareName}: ${f.grant}`);
  const rowKinds = [
    "orphanedEntitlements",
    "duplicatedEntitlements",
    "missingEntitlements",
    "unexpectedEntitlements",
  ] as const;
  for (const kind of rowKinds) {
    for (const f of report[kind])
      lines.push(
        `${kind}: ${f.account} ${f.database} ${f.shareName} ${f.datasetKey} ${f.workspaceId} ${f.consumerAccount} ${f.consumerRegion}${f.includesPii ? " PII" : ""} ×${f.rows} (${f.requestState ?? "no request"})`,
      );
  }
  return lines;
}
