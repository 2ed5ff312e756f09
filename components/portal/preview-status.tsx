import type { ReactNode } from "react";
import { Notice } from "@/components/ui/notice";
import type { SchemaPreview } from "@/lib/catalog/get-schema-preview";

const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const when = (iso: string | null) => (iso ? `${format.format(new Date(iso))} UTC` : "never");

/** Where the preview came from and how old it is; on a failed refresh, when and why (in customer words). */
export function PreviewStatus({ preview, refresh }: { preview: SchemaPreview; refresh: ReactNode }) {
  if (preview.status === "fresh") {
    return (
      <p
        className="flex flex-wrap items-center gap-3 text-sm text-muted"
        data-testid="preview-status"
        data-status="fresh"
      >
        <span>
          Read live from Snowflake at <time dateTime={preview.fetchedAt ?? undefined}>{when(preview.fetchedAt)}</time>.
        </span>
        {refresh}
      </p>
    );
  }
  const stale = preview.status === "stale";
  return (
    <Notice
      tone={stale ? "warning" : "danger"}
      title={stale ? "Showing an older copy of this preview" : "We could not read this dataset from Snowflake"}
    >
      <div data-testid="preview-status" data-status={preview.status}>
        <p>
          {stale ? `Last read successfully at ${when(preview.fetchedAt)}.` : "There is no earlier copy to show yet."}
          {preview.lastError
            ? ` The last refresh failed${preview.lastErrorAt ? ` at ${when(preview.lastErrorAt)}` : ""}: ${preview.lastError}`
            : ""}
        </p>
        <div className="mt-2">{refresh}</div>
      </div>
    </Notice>
  );
}
