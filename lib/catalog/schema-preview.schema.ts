import { z } from "zod";
import type { SnowflakeFailure } from "@/lib/snowflake/query-error";

// The shapes the schema preview stores in Postgres (SchemaPreviewCache.payload) and hands to the UI. One
// zod schema per payload: what comes back out of the JSON column is parsed, so a payload written by an
// older deploy that no longer fits is treated as missing (and refetched) instead of crashing a page.
// No server imports: components may import the types.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const previewColumnSchema = z.object({
  name: z.string(),
  /** Snowflake display type, e.g. VARCHAR(16777216), NUMBER(38,0), TIMESTAMP_LTZ(9). */
  type: z.string(),
  nullable: z.boolean(),
  description: z.string().nullable(),
  pii: z.boolean(),
});

export const previewViewSchema = z.object({
  name: z.string(),
  baseTable: z.string(),
  containsPii: z.boolean(),
  description: z.string().nullable(),
  columns: z.array(previewColumnSchema),
  /** Of the RAW base table, i.e. every brand's rows in this lake (see get-schema-preview.ts for who sees it). */
  rowCount: z.number().nullable(),
  bytes: z.number().nullable(),
  /** ISO time the base table last changed: the data's freshness. */
  lastAltered: z.string().nullable(),
});

export const datasetSchemaSchema = z.object({
  datasetKey: z.string(),
  region: z.string(),
  fetchedAt: z.string(),
  views: z.array(previewViewSchema),
});

export const viewSamplesSchema = z.object({
  name: z.string(),
  columns: z.array(z.object({ name: z.string(), pii: z.boolean() })),
  /** One array per row, cells in `columns` order (JSONB does not keep object key order). PII cells are masked. */
  rows: z.array(z.array(jsonValue)),
});

export const datasetSamplesSchema = z.object({
  datasetKey: z.string(),
  region: z.string(),
  fetchedAt: z.string(),
  limit: z.number().int(),
  workspaceCount: z.number().int(),
  views: z.array(viewSamplesSchema),
});

export type PreviewColumn = z.infer<typeof previewColumnSchema>;
export type PreviewView = z.infer<typeof previewViewSchema>;
export type DatasetSchema = z.infer<typeof datasetSchemaSchema>;
export type ViewSamples = z.infer<typeof viewSamplesSchema>;
export type DatasetSamples = z.infer<typeof datasetSamplesSchema>;

export type PreviewStatus = "fresh" | "stale" | "error";

/** What staff may see of the last failure: Snowflake's own code and text. Never shown to a brand. */
export type PreviewErrorDetail = Omit<SnowflakeFailure, "transient">;
