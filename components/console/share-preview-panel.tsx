"use client";

import { useActionState, useId } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField, describedBy, inputClasses } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { Table, Td, Th } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ConsoleActions } from "@/lib/console/console-actions";
import type { SharePreviewResult } from "@/lib/share-preview/share-preview.schema";

const cell = (value: unknown) => (value === null ? "NULL" : typeof value === "string" ? value : JSON.stringify(value));

/**
 * Choose a view of the share and read it as the consumer: a native select and a submit button (keyboard and
 * touch work as they do everywhere), the result below in a sideways-scrolling table; loading, empty, "cannot
 * tell" and error states each say what happened.
 */
export function SharePreviewPanel({
  requestId,
  consumerAccount,
  views,
  previewShareAction,
}: {
  requestId: string;
  consumerAccount: string;
  views: { name: string; piiTier: boolean }[];
  previewShareAction: ConsoleActions["previewShareAction"];
}) {
  const [state, preview, reading] = useActionState(
    (previous: ActionResult<SharePreviewResult> | null, formData: FormData) => previewShareAction(previous, formData),
    null,
  );
  const id = useId();
  const viewErrors = state && !state.ok ? state.fieldErrors?.view : undefined;
  const result = state?.ok ? state.data : null;

  if (views.length === 0)
    return <EmptyState title="No views to preview" description="This share grants no dataset view Floe knows." />;

  return (
    <div className="flex flex-col gap-4">
      <form action={preview} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <input type="hidden" name="requestId" value={requestId} />
        <div className="sm:min-w-96">
          <FormField id={`${id}-view`} label="View of the share" errors={viewErrors}>
            <select
              id={`${id}-view`}
              name="view"
              className={inputClasses}
              aria-describedby={describedBy(`${id}-view`, { errors: viewErrors })}
              aria-invalid={viewErrors ? true : undefined}
              defaultValue={views[0].name}
            >
              {views.map((v) => (
                <option key={v.name} value={v.name}>
                  {v.name}
                  {v.piiTier ? " (PII tier)" : ""}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <Button type="submit" disabled={reading} aria-describedby={`${id}-status`}>
          {reading ? "Reading…" : `Read as ${consumerAccount}`}
        </Button>
      </form>
      <p id={`${id}-status`} role="status" className="text-sm text-muted" aria-live="polite">
        {reading ? `Reading the view in Snowflake as ${consumerAccount}…` : ""}
      </p>
      {state && !state.ok && !viewErrors ? (
        <Notice tone="danger" live>
          {state.message}
        </Notice>
      ) : null}
      {result ? <PreviewResult result={result} /> : null}
    </div>
  );
}

function PreviewResult({ result }: { result: SharePreviewResult }) {
  if (result.status === "unavailable")
    return (
      <Notice tone="danger" title="Snowflake did not answer" live>
        {result.message}
      </Notice>
    );
  if (result.status === "unverifiable")
    return (
      <Notice tone="warning" title="Cannot tell what the consumer sees" live="assertive">
        {result.message}
      </Notice>
    );
  if (result.status === "empty")
    return (
      <EmptyState
        title={`${result.consumerAccount} sees no rows in ${result.view}`}
        description="The share's entitlements hold no rows of this view either."
      />
    );
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-muted" role="status">
        {result.rows.length} row{result.rows.length === 1 ? "" : "s"} of {result.view} as {result.consumerAccount} sees
        them (at most {result.limit}). PII cells are masked here; the consumer sees the values.
      </p>
      <Table caption={`${result.view} as ${result.consumerAccount} sees it`}>
        <thead>
          <tr>
            {result.columns.map((c) => (
              <Th key={c.name} scope="col" className="whitespace-nowrap">
                <span className="font-mono text-xs">{c.name}</span>{" "}
                {c.pii ? <Badge tone="warning">PII masked</Badge> : null}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row, i) => (
            <tr key={i}>
              {row.map((value, j) => (
                <Td key={j} className="max-w-64 truncate font-mono text-xs" title={cell(value)}>
                  {cell(value)}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
