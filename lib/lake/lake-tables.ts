// The lake's tables as the catalog (lib/catalog/engagement-lake.json) describes them: one RAW base table per
// catalog table (its name without `_SHARED`), with the catalog's columns, types and PII markers. Pure, so
// the lake migrations, the emulator's demo seed and the tests read the same list.
import lake from "@/lib/catalog/engagement-lake.json" with { type: "json" };
import { rawTableName } from "@/lib/snowflake/object-names";

export type LakeColumn = {
  name: string;
  type: string;
  pii: boolean;
  /** The catalog's description; lake migration 3 writes it as the view column's COMMENT. */
  description: string;
};
export type LakeTable = {
  /** Base table in RAW, e.g. USERS_MESSAGES_EMAIL_SEND. */
  name: string;
  /** Catalog table name = the non-PII secure view in SHARED, e.g. USERS_MESSAGES_EMAIL_SEND_SHARED. */
  catalogName: string;
  datasetKey: string;
  columns: LakeColumn[];
};

export function lakeTables(): LakeTable[] {
  return lake.datasets.flatMap((d) =>
    d.tables.map((t) => ({
      name: rawTableName(t.name),
      catalogName: t.name,
      datasetKey: d.key,
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, pii: c.pii, description: c.description })),
    })),
  );
}

/** The dataset keys in catalog order. */
export function lakeDatasetKeys(): string[] {
  return lake.datasets.map((d) => d.key);
}

/** True when the table has a PII column, i.e. its `_ALL` view shows more than the plain one. */
export const hasPiiColumns = (t: LakeTable) => t.columns.some((c) => c.pii);
