import "server-only";
import { loadCatalogSnapshot } from "./catalog-snapshot";

// The catalog page: datasets the organisation's contract lets it share, each with its secure views and
// their column counts. Reads Postgres only (cached previews), so it renders instantly even when a lake is
// slow or down; the preview page is where Snowflake is asked.

export type CatalogViewSummary = {
  name: string;
  baseTable: string;
  containsPii: boolean;
  description: string | null;
  columnCount: number;
  piiColumnCount: number;
  columnCountSource: "snowflake" | "catalog";
};

export type CatalogDatasetSummary = {
  key: string;
  title: string;
  description: string | null;
  /** When the cached columns were read from Snowflake; null when only the shipped catalog was used. */
  schemaFetchedAt: string | null;
  views: CatalogViewSummary[];
};

export async function listCatalog(options: { organizationId: string }): Promise<CatalogDatasetSummary[]> {
  const datasets = await loadCatalogSnapshot(options);
  return datasets.map((d) => ({
    key: d.key,
    title: d.title,
    description: d.description,
    schemaFetchedAt: d.schemaFetchedAt,
    views: d.views.map((v) => ({
      name: v.name,
      baseTable: v.baseTable,
      containsPii: v.containsPii,
      description: v.description,
      columnCount: v.columns.length,
      piiColumnCount: v.columns.filter((c) => c.pii).length,
      columnCountSource: v.columnsSource,
    })),
  }));
}
