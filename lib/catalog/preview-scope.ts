import "server-only";
import { db } from "@/lib/db";
import { notFoundError } from "@/lib/errors";

// What an organisation may preview, loaded through the organisation: a dataset its contract allows
// (OrganizationDataset), the lakes holding its workspaces' data, and its workspace ids in each lake. Every
// catalog read starts here, so a dataset key from another tenant's contract is simply "not found".

export type PreviewLake = { providerAccountId: string; region: string; lakeDatabase: string; workspaceIds: string[] };

export type PreviewDataset = {
  id: string;
  key: string;
  title: string;
  description: string | null;
  objects: {
    schemaName: string;
    viewName: string;
    baseTable: string;
    containsPii: boolean;
    description: string | null;
  }[];
};

/** The datasets the organisation's contract allows, by title; `datasetKey` narrows them to that one. */
export async function listOrganizationDatasets(options: {
  organizationId: string;
  datasetKey?: string;
}): Promise<PreviewDataset[]> {
  // Prisma drops undefined filters: without this, a missing organisation would match every tenant's contract.
  if (!options.organizationId) return [];
  const rows = await db.organizationDataset.findMany({
    where: {
      organizationId: options.organizationId,
      ...(options.datasetKey === undefined ? {} : { dataset: { key: options.datasetKey } }),
    },
    select: {
      dataset: {
        select: {
          id: true,
          key: true,
          title: true,
          description: true,
          // Plain view before its _ALL variant, tables in name order: the order people read them in.
          objects: {
            select: { schemaName: true, viewName: true, baseTable: true, containsPii: true, description: true },
            orderBy: [{ baseTable: "asc" }, { containsPii: "asc" }],
          },
        },
      },
    },
    orderBy: { dataset: { title: "asc" } },
  });
  return rows.map((row) => row.dataset);
}

/** One dataset the organisation may see, else a not-found error (also for another tenant's dataset). */
export async function loadPreviewDataset(options: {
  organizationId: string;
  datasetKey: string;
}): Promise<PreviewDataset> {
  const [dataset] = await listOrganizationDatasets(options);
  if (!dataset) throw notFoundError("dataset");
  return dataset;
}

/**
 * The lakes an organisation's data lives in, the one holding most of its workspaces first. An organisation
 * without workspaces still gets a lake (the first hosting one) so it can read the schema; it has no samples.
 */
export async function loadPreviewLakes(options: { organizationId: string }): Promise<PreviewLake[]> {
  const [workspaces, accounts] = await Promise.all([
    db.workspace.findMany({
      where: { organizationId: options.organizationId },
      select: { region: true, lakeWorkspaceId: true },
      orderBy: { lakeWorkspaceId: "asc" },
    }),
    // Vendor reference data, the same for every tenant.
    db.providerAccount.findMany({
      where: { hostsLake: true, lakeDatabase: { not: null } },
      select: { id: true, region: true, lakeDatabase: true },
      orderBy: { region: "asc" },
    }),
  ]);
  const lakes = accounts.map((a) => ({
    providerAccountId: a.id,
    region: a.region,
    lakeDatabase: a.lakeDatabase as string,
    workspaceIds: workspaces.filter((w) => w.region === a.region).map((w) => w.lakeWorkspaceId),
  }));
  const used = lakes
    .filter((l) => l.workspaceIds.length > 0)
    .sort((a, b) => b.workspaceIds.length - a.workspaceIds.length || a.region.localeCompare(b.region));
  return used.length > 0 ? used : lakes.slice(0, 1);
}
