import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { PreviewView, ViewSamples } from "@/lib/catalog/schema-preview.schema";

const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function cell(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * One secure view: a summary (name, description, column and PII counts, freshness) and, collapsed below it
 * in a native <details> (keyboard and screen-reader support built in), its columns and a few sample rows
 * (PII cells arrive already masked). Collapsed, a dataset of six tables fits on a screen or two instead of
 * ten thousand pixels; a link to #<VIEW> opens its table (OpenLinkedTable).
 */
export function ViewSchema({ view, samples }: { view: PreviewView; samples: ViewSamples | undefined }) {
  const piiCount = view.columns.filter((c) => c.pii).length;
  return (
    <section
      id={view.name}
      aria-labelledby={`${view.name}-title`}
      className="scroll-mt-6 rounded-lg border border-border bg-surface shadow-sm"
      data-testid="preview-view"
    >
      <header className="border-b border-border px-5 py-4">
        <h2 id={`${view.name}-title`} className="font-mono text-sm font-semibold break-all">
          {view.name}
        </h2>
        {view.description ? <p className="mt-1 text-sm text-muted">{view.description}</p> : null}
        <p className="mt-2 flex flex-wrap gap-2 text-xs">
          <Badge>{view.columns.length} columns</Badge>
          {view.containsPii ? (
            <Badge tone="warning">
              {piiCount} PII {piiCount === 1 ? "column" : "columns"} (personal data view)
            </Badge>
          ) : (
            <Badge tone="success">No PII columns</Badge>
          )}
          {view.rowCount !== null ? <Badge>{view.rowCount.toLocaleString("en")} rows</Badge> : null}
          {view.lastAltered ? (
            <Badge tone="info">Data last changed {format.format(new Date(view.lastAltered))} UTC</Badge>
          ) : null}
        </p>
      </header>
      <details className="group" data-testid="view-details">
        <summary className="flex cursor-pointer items-center gap-2 px-5 [&::-webkit-details-marker]:hidden py-3 text-sm font-medium text-accent-strong hover:bg-canvas">
          <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
            ▸
          </span>
          Columns and sample rows
          <span className="sr-only"> of {view.name}</span>
        </summary>
        <div className="space-y-4 border-t border-border px-5 py-4">
          <Table caption={`Columns of ${view.name}`}>
            <thead>
              <tr>
                <Th>Column</Th>
                <Th>Type</Th>
                <Th>Nullable</Th>
                <Th>Description</Th>
              </tr>
            </thead>
            <tbody>
              {view.columns.map((column) => (
                <tr key={column.name}>
                  <Td className="font-mono text-xs">
                    {column.name}
                    {column.pii ? (
                      <Badge tone="warning" className="ml-2">
                        PII
                      </Badge>
                    ) : null}
                  </Td>
                  <Td className="font-mono text-xs">{column.type}</Td>
                  <Td>{column.nullable ? "Yes" : "No"}</Td>
                  <Td className="text-muted">{column.description ?? "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <div>
            <h3 className="text-sm font-semibold">Sample rows</h3>
            {!samples || samples.rows.length === 0 ? (
              <p className="mt-1 text-sm text-muted">No sample rows from your workspaces in this region yet.</p>
            ) : (
              <>
                <p className="mt-1 text-sm text-muted">
                  The latest {samples.rows.length} rows of your own workspaces. Personal data is masked (•••) before it
                  leaves our servers.
                </p>
                <div
                  className="relative mt-2 overflow-x-auto rounded-md border border-border"
                  tabIndex={0}
                  role="region"
                  aria-label={`Sample rows of ${view.name}`}
                >
                  <table className="min-w-full border-collapse text-left font-mono text-xs" data-testid="sample-rows">
                    <caption className="sr-only">Sample rows of {view.name}</caption>
                    <thead className="bg-canvas">
                      <tr>
                        {samples.columns.map((c) => (
                          <th
                            key={c.name}
                            scope="col"
                            className="whitespace-nowrap border-b border-border px-2 py-1.5 font-semibold"
                          >
                            {c.name}
                            {c.pii ? <span className="ml-1 font-normal text-warning">(masked)</span> : null}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {samples.rows.map((row, index) => (
                        <tr key={index}>
                          {row.map((value, i) => (
                            <td
                              key={i}
                              className="max-w-[18rem] truncate whitespace-nowrap border-b border-border px-2 py-1.5"
                              title={cell(value)}
                            >
                              {cell(value)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </div>
        </div>
      </details>
    </section>
  );
}
