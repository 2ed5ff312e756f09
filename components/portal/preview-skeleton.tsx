/** While the preview is read from Snowflake (a cold cache can take a few seconds). */
export function PreviewSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <p className="text-sm text-muted">Reading the tables and a few sample rows from Snowflake…</p>
      <div className="h-40 animate-pulse rounded-lg border border-border bg-surface" />
      <div className="h-40 animate-pulse rounded-lg border border-border bg-surface" />
    </div>
  );
}
