import "server-only";
import { AppError } from "@/lib/errors";
import { dataDictionaryCsv, dataDictionaryJson, dataDictionaryRows } from "./data-dictionary-format";
import { getSchemaPreview } from "./get-schema-preview";

// The data dictionary download (CSV or JSON) of a dataset the organisation may share, built from the same
// cached schema preview the page shows (authorisation included: another tenant's dataset is not found).

export type DataDictionaryFormat = "csv" | "json";
export type DataDictionaryFile = { filename: string; contentType: string; body: string; fetchedAt: string };

export async function getDataDictionary(options: {
  organizationId: string;
  datasetKey: string;
  format: DataDictionaryFormat;
  region?: string;
}): Promise<DataDictionaryFile> {
  const preview = await getSchemaPreview({
    organizationId: options.organizationId,
    datasetKey: options.datasetKey,
    region: options.region,
    includeSamples: false,
  });
  const schema = preview.schema;
  if (!schema) {
    throw new AppError(
      "UNAVAILABLE",
      "The data dictionary is not available right now because we could not read the dataset from Snowflake. Please try again in a few minutes.",
    );
  }
  const rows = dataDictionaryRows(schema);
  // The key is [a-z0-9-] in the catalog; anything else is dropped so the header value needs no quoting rules.
  const base = `${schema.datasetKey.replace(/[^a-z0-9-]/gi, "") || "dataset"}-data-dictionary`;
  if (options.format === "csv") {
    return {
      filename: `${base}.csv`,
      contentType: "text/csv; charset=utf-8",
      body: dataDictionaryCsv(rows),
      fetchedAt: schema.fetchedAt,
    };
  }
  const meta = {
    datasetKey: schema.datasetKey,
    title: preview.dataset.title,
    region: schema.region,
    fetchedAt: schema.fetchedAt,
  };
  return {
    filename: `${base}.json`,
    contentType: "application/json; charset=utf-8",
    body: dataDictionaryJson(meta, rows),
    fetchedAt: schema.fetchedAt,
  };
}
