// Typed access to the shipped lake catalog (engagement-lake.json): the authority on which columns are PII,
// whatever a lake's COMMENTs say, and the data dictionary's column descriptions. Pure, so masking tests and
// the UI can use it.
import lake from "./engagement-lake.json" with { type: "json" };

export type CatalogColumn = {
  name: string;
  type: string;
  pii: boolean;
  /** What the column means, its units and when it is null: shown on the preview, searched, downloaded. */
  description: string;
};
export type CatalogTable = { name: string; columns: CatalogColumn[] };
export type CatalogDataset = { key: string; title: string; tables: CatalogTable[] };

export const catalogDatasets: readonly CatalogDataset[] = lake.datasets;

// Catalog tables are named after their non-PII view (<BASE>_SHARED); lake base tables drop the suffix.
const byBaseTable = new Map(
  catalogDatasets.flatMap((d) => d.tables.map((t) => [t.name.replace(/_SHARED$/, ""), t] as const)),
);

export function catalogTableForBase(baseTable: string): CatalogTable | undefined {
  return byBaseTable.get(baseTable);
}

export function isCatalogPii(baseTable: string, column: string): boolean {
  return catalogTableForBase(baseTable)?.columns.some((c) => c.name === column && c.pii) ?? false;
}

/** The catalog's description of a base table's column; null for a column the catalog does not know. */
export function catalogColumnDescription(baseTable: string, column: string): string | null {
  return catalogTableForBase(baseTable)?.columns.find((c) => c.name === column)?.description ?? null;
}
