// Planner inputs built from the demo world (prisma/seed/demo-tenants.ts) and the real catalog, for tests
// and the reliability report. Test support only: nothing in the app imports it.

import catalogJson from "@/lib/catalog/engagement-lake.json" with { type: "json" };
import { brands, providerAccounts, vendorOrganization } from "@/prisma/seed/demo-tenants";
import type { PlanCatalog, PlanRequest, Topology } from "../plan-types";

export const demoCatalog: PlanCatalog = catalogJson as PlanCatalog;

export const demoTopology: Topology = {
  providerAccounts: providerAccounts.map((a) => ({
    id: `acct_${a.name.toLowerCase()}`,
    organization: vendorOrganization,
    name: a.name,
    locator: a.locator,
    region: a.region,
    hostsLake: a.hostsLake,
    lakeDatabase: a.lakeDatabase,
  })),
};

/** A request from a demo brand for all its datasets' tables in one data region. */
export function demoRequest(
  slug: string,
  options: {
    region?: string;
    includePii?: boolean;
    id?: string;
    consumerAccount?: string;
    consumerRegion?: string;
    accountControl?: "proven" | "unproven";
  } = {},
): PlanRequest {
  const brand = brands.find((b) => b.slug === slug);
  if (!brand) throw new Error(`no demo brand ${slug}`);
  const region = options.region ?? brand.workspaces[0].region;
  return {
    id: options.id ?? `req_${slug}_0001`,
    organizationSlug: brand.slug,
    consumerAccount: options.consumerAccount ?? `${brand.consumerAccount.organization}.${brand.consumerAccount.name}`,
    consumerRegion: options.consumerRegion ?? brand.consumerAccount.region,
    includePii: options.includePii ?? false,
    accountControl: options.accountControl ?? "proven",
    workspaces: brand.workspaces
      .filter((w) => w.region === region)
      .map((w) => ({ lakeWorkspaceId: w.lakeWorkspaceId, region: w.region })),
    datasets: brand.datasetKeys.map((key) => ({
      key,
      views: demoCatalog.datasets
        .find((d) => d.key === key)!
        .tables.map((t) => ({ name: t.name, containsPii: t.columns.some((c) => c.pii) })),
    })),
  };
}
