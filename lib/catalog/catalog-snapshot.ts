import "server-only";
import { db } from "@/lib/db";
import { catalogColumnDescription, catalogTableForBase } from "./catalog-data";
import { listOrganizationDatasets, loadPreviewLakes } from "./preview-scope";
import { datasetSchemaSchema, type DatasetSchema } from "./schema-preview.schema";

// Everything an organisation may browse, without a Snowflake call: its datasets and views from Postgres,
// columns from the cached schema previews when there are any, else from the shipped catalog (names, types,
// PII flags); descriptions from the catalog either way (see column-descriptions.ts). Used by the catalog
// list and search, which must stay fast.

export type SnapshotColumn = {
  name: string;
  type: string;
  nullable: boolean | null;
  pii: boolean;
  description: string | null;
};
export type SnapshotView = {
  name: string;
  baseTable: string;
  containsPii: boolean;
  description: string | null;
  columns: SnapshotColumn[];
  /** Where `columns` came from: a cached read of the lake, or the shipped catalog. */
  columnsSource: "snowflake" | "catalog";
};
export type SnapshotDataset = {
  key: string;
  title: string;
  description: string | null;
  schemaFetchedAt: string | null;
  views: SnapshotView[];
};

export async function loadCatalogSnapshot(options: { organizationId: string }): Promise<SnapshotDataset[]> {
  const [datasets, lakes] = await Promise.all([
    listOrganizationDatasets({ organizationId: options.organizationId }),
    loadPreviewLakes(options),
  ]);
  const datasetIds = datasets.map((d) => d.id);
  // Column lists are the same in every lake; the organisation's own lakes are preferred, then the newest read.
  const cached =
    datasetIds.length === 0
      ? []
      : await db.schemaPreviewCache.findMany({
          where: {
            organizationId: null,
            datasetId: { in: datasetIds },
            cacheKey: { startsWith: "schema:" },
            fetchedAt: { not: null },
          },
          select: { datasetId: true, providerAccountId: true, payload: true, fetchedAt: true },
          orderBy: { fetchedAt: "desc" },
        });
  const rank = (providerAccountId: string) => {
    const i = lakes.findIndex((l) => l.providerAccountId === providerAccountId);
    return i === -1 ? lakes.length : i;
  };
  const schemas = new Map<string, DatasetSchema>();
  for (const row of [...cached].sort((a, b) => rank(a.providerAccountId) - rank(b.providerAccountId))) {
    if (schemas.has(row.datasetId)) continue;
    const parsed = datasetSchemaSchema.safeParse(row.payload);
    if (parsed.success) schemas.set(row.datasetId, parsed.data);
  }

  return datasets.map((dataset) => {
    const schema = schemas.get(dataset.id);
    return {
      key: dataset.key,
      title: dataset.title,
      description: dataset.description,
      schemaFetchedAt: schema?.fetchedAt ?? null,
      views: dataset.objects.map((object): SnapshotView => {
        const fromLake = schema?.views.find((v) => v.name === object.viewName);
        const base = {
          name: object.viewName,
          baseTable: object.baseTable,
          containsPii: object.containsPii,
          description: object.description,
        };
        if (fromLake) {
          const columns = fromLake.columns.map((c) => ({
            ...c,
            description: catalogColumnDescription(object.baseTable, c.name) ?? c.description,
          }));
          return { ...base, containsPii: fromLake.containsPii, columns, columnsSource: "snowflake" };
        }
        const columns = (catalogTableForBase(object.baseTable)?.columns ?? [])
          .filter((c) => object.containsPii || !c.pii)
          .map((c) => ({ name: c.name, type: c.type, nullable: null, pii: c.pii, description: c.description }));
        return { ...base, columns, columnsSource: "catalog" };
      }),
    };
  });
}
