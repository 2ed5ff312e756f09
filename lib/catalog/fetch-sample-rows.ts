import "server-only";
import type { AccountExecutor } from "@/lib/provisioning/runtime-types";
import { lakeSchemas } from "@/lib/snowflake/object-names";
import { bind, qualified, quoteIdent, sql, sqlJoin, type Sql } from "@/lib/snowflake/sql-identifiers";
import { personalSampleSource } from "@/lib/erasure/identity-objects";
import { isCatalogPii } from "./catalog-data";
import { maskPiiValue } from "./mask-pii";
import type { DatasetSamples, JsonValue, PreviewView, ViewSamples } from "./schema-preview.schema";
import { toJsonSafe } from "./to-json-safe";

// A few recent rows per view for one brand. The secure views filter by the CONSUMER's entitlements, so the
// provider reading them sees nothing; rows come from the RAW base tables instead, filtered to the brand's
// own workspaces. One statement per base table serves both of its views (the _ALL variant's columns are a
// superset); a table with personal columns is read with its PERSONAL join (lake migration 7 keeps personal
// data out of the event tables). PII cells are masked here, before the rows are cached or returned: raw PII never leaves lib.

export const DEFAULT_SAMPLE_ROWS = 5;
export const MAX_SAMPLE_ROWS = 20;

export type FetchSampleRowsInput = {
  executor: AccountExecutor;
  lakeDatabase: string;
  region: string;
  datasetKey: string;
  /** Views with their columns and PII flags, as fetchDatasetSchema returned them. */
  views: Pick<PreviewView, "name" | "baseTable" | "columns">[];
  /** The brand's workspace ids in this lake (the APP_GROUP_ID values). */
  workspaceIds: string[];
  limit?: number;
};

/** Exported so tests can read what is sent. */
export function sampleRowsStatement(
  lakeDatabase: string,
  baseTable: string,
  columns: string[],
  workspaceIds: string[],
  limit: number,
): Sql {
  const select = sqlJoin(columns.map((c) => quoteIdent(c)));
  const ids = sqlJoin(workspaceIds.map((id) => sql`${bind(id)}`));
  return sql`SELECT ${select} FROM ${personalSampleSource(lakeDatabase, baseTable) ?? qualified(lakeDatabase, lakeSchemas.raw, baseTable)} WHERE ${quoteIdent("APP_GROUP_ID")} IN (${ids}) ORDER BY ${quoteIdent("TIME")} DESC LIMIT ${limit}`;
}

export async function fetchSampleRows(input: FetchSampleRowsInput): Promise<DatasetSamples> {
  const limit = input.limit ?? DEFAULT_SAMPLE_ROWS;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_SAMPLE_ROWS)
    throw new RangeError(`sample row limit must be 1..${MAX_SAMPLE_ROWS}`);
  const workspaceIds = [...new Set(input.workspaceIds)];
  const byBase = new Map<string, FetchSampleRowsInput["views"]>();
  for (const view of input.views) byBase.set(view.baseTable, [...(byBase.get(view.baseTable) ?? []), view]);

  // Statements run side by side; the executor keeps them within the account's concurrency bound.
  const rowsByBase = new Map<string, Record<string, unknown>[]>(
    await Promise.all(
      [...byBase].map(async ([baseTable, views]): Promise<[string, Record<string, unknown>[]]> => {
        const columns = orderedUnion(views.map((v) => v.columns.map((c) => c.name)));
        if (workspaceIds.length === 0 || columns.length === 0) return [baseTable, []];
        const { rows } = await input.executor.run(
          sampleRowsStatement(input.lakeDatabase, baseTable, columns, workspaceIds, limit).toStatement(),
        );
        return [baseTable, rows];
      }),
    ),
  );

  const views: ViewSamples[] = input.views.map((view) => {
    const columns = view.columns.map((c) => ({ name: c.name, pii: c.pii || isCatalogPii(view.baseTable, c.name) }));
    const rows = (rowsByBase.get(view.baseTable) ?? []).map((row): JsonValue[] =>
      columns.map((c) => (c.pii ? maskPiiValue(row[c.name]) : toJsonSafe(row[c.name]))),
    );
    return { name: view.name, columns, rows };
  });
  return {
    datasetKey: input.datasetKey,
    region: input.region,
    fetchedAt: new Date().toISOString(),
    limit,
    workspaceCount: workspaceIds.length,
    views,
  };
}

/** Column names of several lists in first-seen order, longest list first so the _ALL order wins. */
function orderedUnion(lists: string[][]): string[] {
  const out = new Set<string>();
  for (const list of [...lists].sort((a, b) => b.length - a.length)) for (const name of list) out.add(name);
  return [...out];
}
