import "server-only";
import { notFoundError } from "@/lib/errors";
import { withCatalogDescriptions } from "./column-descriptions";
import { fetchDatasetSchema } from "./fetch-dataset-schema";
import { fetchSampleRows } from "./fetch-sample-rows";
import { failureDetail, publicFailureReason } from "./preview-failure";
import { previewExecutors } from "./preview-executors";
import { loadPreviewDataset, loadPreviewLakes, type PreviewDataset, type PreviewLake } from "./preview-scope";
import { readThrough, samplesCacheKey, schemaCacheKey, type CachedValue } from "./schema-preview-cache";
import {
  datasetSamplesSchema,
  datasetSchemaSchema,
  type DatasetSamples,
  type DatasetSchema,
  type PreviewErrorDetail,
  type PreviewStatus,
} from "./schema-preview.schema";

// A dataset's schema (columns, types, PII flags, freshness) and a few masked sample rows of the brand's own
// workspaces, from the lake holding its data, through the Postgres cache (schema-preview-cache.ts).

export type SchemaPreviewViewer = "brand" | "staff";

export type GetSchemaPreviewInput = {
  organizationId: string;
  datasetKey: string;
  /** Lake region to preview; defaults to the one holding most of the organisation's workspaces. */
  region?: string;
  /** "staff" adds Snowflake's error code/text and lake-wide row counts; default "brand". */
  viewer?: SchemaPreviewViewer;
  /** Default true; the data dictionary needs the columns only. */
  includeSamples?: boolean;
};

export type SchemaPreview = {
  dataset: { key: string; title: string; description: string | null };
  /** The lake region shown, and every region holding this organisation's data (to switch between). */
  region: string;
  regions: string[];
  status: PreviewStatus;
  /** When the data shown was read from Snowflake (the older of columns and samples). */
  fetchedAt: string | null;
  /** Why the last refresh failed, in words a customer may read. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** Snowflake's code, SQLSTATE and message: staff viewers only, null for brands. */
  lastErrorDetail: PreviewErrorDetail | null;
  schema: DatasetSchema | null;
  samples: DatasetSamples | null;
};

export function getSchemaPreview(input: GetSchemaPreviewInput): Promise<SchemaPreview> {
  return preview(input, false);
}

/** Refreshes from Snowflake now, ignoring the TTL (a refresh button); concurrent refreshes still share one. */
export function refreshSchemaPreview(input: GetSchemaPreviewInput): Promise<SchemaPreview> {
  return preview(input, true);
}

const parseWith =
  <T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }) =>
  (payload: unknown): T | null => {
    const parsed = schema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  };

async function preview(input: GetSchemaPreviewInput, force: boolean): Promise<SchemaPreview> {
  const dataset = await loadPreviewDataset(input);
  const lakes = await loadPreviewLakes(input);
  const lake = input.region === undefined ? lakes[0] : lakes.find((l) => l.region === input.region);
  if (!lake) throw notFoundError("region");

  const schema = await readSchema(dataset, lake, force);
  const samples =
    input.includeSamples === false || schema.value === null
      ? null
      : await readSamples(input.organizationId, dataset, lake, schema.value, force);
  return present({ input, dataset, lake, lakes, schema, samples });
}

function readSchema(dataset: PreviewDataset, lake: PreviewLake, force: boolean): Promise<CachedValue<DatasetSchema>> {
  return readThrough(
    {
      cacheKey: schemaCacheKey(dataset.id, lake.providerAccountId),
      datasetId: dataset.id,
      providerAccountId: lake.providerAccountId,
      organizationId: null,
    },
    {
      force,
      parse: parseWith(datasetSchemaSchema),
      load: async () =>
        fetchDatasetSchema({
          executor: await previewExecutors().forAccount(lake.providerAccountId),
          lakeDatabase: lake.lakeDatabase,
          region: lake.region,
          datasetKey: dataset.key,
          views: dataset.objects,
        }),
    },
  );
}

function readSamples(
  organizationId: string,
  dataset: PreviewDataset,
  lake: PreviewLake,
  schema: DatasetSchema,
  force: boolean,
) {
  return readThrough(
    {
      cacheKey: samplesCacheKey(dataset.id, lake.providerAccountId, organizationId),
      datasetId: dataset.id,
      providerAccountId: lake.providerAccountId,
      organizationId,
    },
    {
      force,
      parse: parseWith(datasetSamplesSchema),
      load: async () =>
        fetchSampleRows({
          executor: await previewExecutors().forAccount(lake.providerAccountId),
          lakeDatabase: lake.lakeDatabase,
          region: lake.region,
          datasetKey: dataset.key,
          views: schema.views,
          workspaceIds: lake.workspaceIds,
        }),
    },
  );
}

function present(parts: {
  input: GetSchemaPreviewInput;
  dataset: PreviewDataset;
  lake: PreviewLake;
  lakes: PreviewLake[];
  schema: CachedValue<DatasetSchema>;
  samples: CachedValue<DatasetSamples> | null;
}): SchemaPreview {
  const { schema, samples } = parts;
  const staff = parts.input.viewer === "staff";
  const read = samples ? [schema, samples] : [schema];
  const status: PreviewStatus =
    schema.value === null ? "error" : read.some((p) => p.status !== "fresh") ? "stale" : "fresh";
  const failed = read.find((p) => p.failure !== null && p.status !== "fresh");
  const fetched = read.map((p) => p.fetchedAt).filter((d): d is Date => d !== null);
  const oldest = fetched.length > 0 ? new Date(Math.min(...fetched.map((d) => d.getTime()))) : null;
  return {
    dataset: { key: parts.dataset.key, title: parts.dataset.title, description: parts.dataset.description },
    region: parts.lake.region,
    regions: parts.lakes.map((l) => l.region),
    status,
    fetchedAt: oldest?.toISOString() ?? null,
    lastError: failed?.failure ? publicFailureReason(failed.failure) : null,
    lastErrorAt: failed?.failedAt?.toISOString() ?? null,
    lastErrorDetail: staff && failed?.failure ? failureDetail(failed.failure) : null,
    schema:
      schema.value === null ? null : withCatalogDescriptions(staff ? schema.value : withoutLakeTotals(schema.value)),
    samples: samples?.value ?? null,
  };
}

// ROW_COUNT and BYTES of a RAW table add up every brand in the lake: another tenant's volume is not a
// brand's business (and would read as its own row count). Freshness (lastAltered) stays.
function withoutLakeTotals(schema: DatasetSchema): DatasetSchema {
  return { ...schema, views: schema.views.map((v) => ({ ...v, rowCount: null, bytes: null })) };
}
