import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { CatalogSearchResult } from "@/lib/catalog/search-catalog";

export function CatalogSearchResults({ result, base }: { result: CatalogSearchResult; base: string }) {
  if (result.hits.length === 0) {
    return (
      <EmptyState
        title={`Nothing matches “${result.query}”`}
        description="Search looks at table and column names and descriptions. Try a shorter word."
      />
    );
  }
  return (
    <>
      <p className="mb-2 text-sm text-muted" role="status">
        {result.total} {result.total === 1 ? "match" : "matches"}
        {result.total > result.hits.length ? `, showing the first ${result.hits.length}` : ""}.
      </p>
      <Table caption={`Search results for ${result.query}`}>
        <thead>
          <tr>
            <Th>Column or table</Th>
            <Th>Type</Th>
            <Th>Found in</Th>
            <Th>Description</Th>
          </tr>
        </thead>
        <tbody>
          {result.hits.map((hit) => (
            <tr key={`${hit.kind}:${hit.datasetKey}:${hit.view}:${hit.column ?? ""}`}>
              <Td>
                <span className="font-mono text-xs">{hit.column ?? hit.view}</span>
                {hit.pii ? (
                  <Badge tone="warning" className="ml-2">
                    PII
                  </Badge>
                ) : null}
                <span className="block text-xs text-muted">{hit.kind === "view" ? "Table" : "Column"}</span>
              </Td>
              <Td className="font-mono text-xs">{hit.type ?? "—"}</Td>
              <Td>
                <Link href={`${base}/catalog/${hit.datasetKey}#${hit.view}`} className="text-accent-strong underline">
                  {hit.datasetTitle}
                </Link>
                <span className="block font-mono text-xs text-muted">{hit.views.join(", ")}</span>
              </Td>
              <Td className="text-muted">{hit.description ?? "—"}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
