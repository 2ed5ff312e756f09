// Column descriptions on a schema read from the lake. The shipped catalog's description wins: it is
// reviewed with the code and is what the data dictionary promises; a lake COMMENT fills in only for a column
// the catalog does not know. Applied when a preview is presented, not when it is fetched, so previews
// cached before the catalog had descriptions show them too. Pure.
import { catalogColumnDescription } from "./catalog-data";
import type { DatasetSchema } from "./schema-preview.schema";

export function withCatalogDescriptions(schema: DatasetSchema): DatasetSchema {
  return {
    ...schema,
    views: schema.views.map((view) => ({
      ...view,
      columns: view.columns.map((c) => ({
        ...c,
        description: catalogColumnDescription(view.baseTable, c.name) ?? c.description,
      })),
    })),
  };
}
