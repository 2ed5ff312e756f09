import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { SchemaPreview } from "@/lib/catalog/get-schema-preview";
import { regionLabel } from "@/lib/snowflake/regions";
import { PreviewStatus } from "./preview-status";
import { RefreshPreviewButton } from "./refresh-preview-button";
import { OpenLinkedTable } from "./open-linked-table";
import { ViewSchema } from "./view-schema";

type RefreshAction = Parameters<typeof RefreshPreviewButton>[0]["action"];

/** The Snowflake-backed part of the preview page: freshness, region switcher, and every view. */
export function DatasetPreview({
  preview,
  base,
  orgSlug,
  refreshAction,
}: {
  preview: SchemaPreview;
  base: string;
  orgSlug: string;
  refreshAction: RefreshAction;
}) {
  const views = preview.schema?.views ?? [];
  return (
    <>
      <div className="mb-6 space-y-3">
        <PreviewStatus
          preview={preview}
          refresh={
            <RefreshPreviewButton
              action={refreshAction}
              input={{ orgSlug, datasetKey: preview.dataset.key, region: preview.region }}
            />
          }
        />
        {preview.regions.length > 1 ? (
          <nav aria-label="Lake region" className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-muted">Your data lives in several regions:</span>
            {preview.regions.map((r) => (
              <Link
                key={r}
                href={`${base}/catalog/${preview.dataset.key}?region=${r}`}
                aria-current={r === preview.region ? "page" : undefined}
                className={buttonClasses(r === preview.region ? "primary" : "secondary", "sm")}
              >
                {regionLabel(r)}
              </Link>
            ))}
          </nav>
        ) : (
          <p className="text-sm text-muted">Lake region: {regionLabel(preview.region)}</p>
        )}
      </div>
      {views.length === 0 ? (
        <EmptyState
          title="No schema to show yet"
          description="Once Snowflake answers, the tables and columns of this dataset appear here. Try refreshing in a minute."
        />
      ) : (
        <div className="space-y-4">
          <OpenLinkedTable />
          {views.map((view) => (
            <ViewSchema
              key={view.name}
              view={view}
              samples={preview.samples?.views.find((s) => s.name === view.name)}
            />
          ))}
        </div>
      )}
    </>
  );
}
