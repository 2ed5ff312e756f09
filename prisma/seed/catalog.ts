// Datasets and their secure views, derived from the lake catalog the project ships
// (lib/catalog/engagement-lake.json, a copy of the vendor's published shared-table schemas).
import lake from "../../lib/catalog/engagement-lake.json" with { type: "json" };

export type CatalogColumn = { name: string; type: string; pii: boolean };
export type CatalogTable = { name: string; columns: CatalogColumn[] };
export type CatalogDataset = { key: string; title: string; tables: CatalogTable[] };

export const catalogDatasets: CatalogDataset[] = lake.datasets;

const descriptions: Record<string, string> = {
  "messaging-email": "Email sends, deliveries, opens, clicks, bounces and unsubscribes, one row per event.",
  "messaging-push": "Push notification sends, opens and bounces, one row per event.",
  "user-behaviors": "App session starts and ends, custom events and purchases.",
  changelogs: "Every change to campaigns and Canvases, for joining events to what was sent.",
};

export type DatasetObjectSeed = {
  schemaName: string;
  viewName: string;
  baseTable: string;
  containsPii: boolean;
  description: string;
};

/** The secure views of one dataset: each table's view without PII columns, and its _ALL variant with them. */
export function datasetObjects(dataset: CatalogDataset): DatasetObjectSeed[] {
  return dataset.tables.flatMap((table) => {
    const baseTable = table.name.replace(/_SHARED$/, "");
    const hasPii = table.columns.some((c) => c.pii);
    const plain = {
      schemaName: "SHARED",
      viewName: table.name,
      baseTable,
      containsPii: false,
      description: `${table.columns.filter((c) => !c.pii).length} columns, PII columns excluded`,
    };
    if (!hasPii) return [plain];
    return [
      plain,
      {
        schemaName: "SHARED",
        viewName: `${table.name}_ALL`,
        baseTable,
        containsPii: true,
        description: `All ${table.columns.length} columns, including PII`,
      },
    ];
  });
}

export function datasetDescription(key: string): string | undefined {
  return descriptions[key];
}
