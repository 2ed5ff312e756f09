import "server-only";
import { loadCatalogSnapshot } from "./catalog-snapshot";
import { matchScore, searchTerms } from "./search-catalog-terms";

// Search across view and column names and descriptions, within the datasets the organisation may share
// (nothing else is loaded, so nothing else can match). In memory over the catalog snapshot: a brand's
// catalog is a few hundred columns, and the snapshot comes from Postgres without a Snowflake call.

export type CatalogSearchHit = {
  kind: "view" | "column";
  datasetKey: string;
  datasetTitle: string;
  /** The view the hit is in (for a column: the first view with it, the PII-free one when it has the column). */
  view: string;
  /** For a column: every view of the same table that has it (plain and _ALL variants). */
  views: string[];
  column: string | null;
  type: string | null;
  pii: boolean;
  description: string | null;
  matchedIn: "name" | "description";
};

export type CatalogSearchResult = { query: string; total: number; hits: CatalogSearchHit[] };

export const MAX_SEARCH_HITS = 200;

export async function searchCatalog(options: {
  organizationId: string;
  query: string;
  limit?: number;
}): Promise<CatalogSearchResult> {
  const terms = searchTerms(options.query);
  const requested = Number.isFinite(options.limit) ? Math.trunc(options.limit as number) : 50;
  const limit = Math.min(Math.max(1, requested), MAX_SEARCH_HITS);
  if (terms.length === 0) return { query: options.query, total: 0, hits: [] };

  const scored: { hit: CatalogSearchHit; score: number }[] = [];
  const columnHits = new Map<string, CatalogSearchHit>();
  for (const dataset of await loadCatalogSnapshot(options)) {
    for (const view of dataset.views) {
      const viewMatch = matchScore(terms, view.name, view.description);
      if (viewMatch.score > 0) {
        const hit: CatalogSearchHit = {
          kind: "view",
          datasetKey: dataset.key,
          datasetTitle: dataset.title,
          view: view.name,
          views: [view.name],
          column: null,
          type: null,
          pii: view.containsPii,
          description: view.description,
          matchedIn: viewMatch.matchedIn,
        };
        // Views rank just above columns with the same score: the table is usually what one looks for.
        scored.push({ hit, score: viewMatch.score + 0.5 });
      }
      for (const column of view.columns) {
        const key = `${dataset.key}|${view.baseTable}|${column.name}`;
        const seen = columnHits.get(key);
        if (seen) {
          seen.views.push(view.name);
          continue;
        }
        const match = matchScore(terms, column.name, column.description);
        if (match.score === 0) continue;
        const hit: CatalogSearchHit = {
          kind: "column",
          datasetKey: dataset.key,
          datasetTitle: dataset.title,
          view: view.name,
          views: [view.name],
          column: column.name,
          type: column.type,
          pii: column.pii,
          description: column.description,
          matchedIn: match.matchedIn,
        };
        columnHits.set(key, hit);
        scored.push({ hit, score: match.score });
      }
    }
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.hit.datasetKey.localeCompare(b.hit.datasetKey) ||
      a.hit.view.localeCompare(b.hit.view) ||
      (a.hit.column ?? "").localeCompare(b.hit.column ?? ""),
  );
  return { query: options.query, total: scored.length, hits: scored.slice(0, limit).map((s) => s.hit) };
}
