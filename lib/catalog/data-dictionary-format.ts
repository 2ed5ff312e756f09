// A dataset's data dictionary as rows, CSV and JSON: one entry per column of every view. Pure, so the
// format is unit-tested without Snowflake.
import { toCsv } from "@/lib/csv";
import type { DatasetSchema } from "./schema-preview.schema";

export type DataDictionaryRow = {
  dataset: string;
  view: string;
  column: string;
  type: string;
  nullable: boolean;
  pii: boolean;
  description: string | null;
};

export const DATA_DICTIONARY_COLUMNS = ["dataset", "view", "column", "type", "nullable", "pii", "description"] as const;

export function dataDictionaryRows(schema: DatasetSchema): DataDictionaryRow[] {
  return schema.views.flatMap((view) =>
    view.columns.map((c) => ({
      dataset: schema.datasetKey,
      view: view.name,
      column: c.name,
      type: c.type,
      nullable: c.nullable,
      pii: c.pii,
      description: c.description,
    })),
  );
}

export function dataDictionaryCsv(rows: DataDictionaryRow[]): string {
  return toCsv(
    DATA_DICTIONARY_COLUMNS,
    rows.map((r) => [r.dataset, r.view, r.column, r.type, r.nullable, r.pii, r.description]),
  );
}

export function dataDictionaryJson(
  meta: { datasetKey: string; title: string; region: string; fetchedAt: string },
  rows: DataDictionaryRow[],
): string {
  return (
    JSON.stringify(
      { dataset: meta.datasetKey, title: meta.title, region: meta.region, fetchedAt: meta.fetchedAt, columns: rows },
      null,
      2,
    ) + "\n"
  );
}
