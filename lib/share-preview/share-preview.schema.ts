// Preview as the consumer: the action's input and what it answers. Pure (the console's client component reads
// the result type; the form sends only a request id and a view name).
import "@/lib/zod-without-eval";
import { z } from "zod";
import type { JsonValue } from "@/lib/catalog/schema-preview.schema";
import { ID_MAX_LENGTH, SHARE_PREVIEW_VIEW_NAME_MAX_LENGTH } from "@/lib/limits";

export const sharePreviewInputSchema = z.object({
  requestId: z.string().trim().min(1, "Missing id.").max(ID_MAX_LENGTH, "Invalid id."),
  // A view of the share as Floe generates them (upper case, digits, underscores); checked again against the
  // share's own views before anything reaches Snowflake.
  view: z
    .string()
    .trim()
    .min(1, "Choose a view.")
    .max(SHARE_PREVIEW_VIEW_NAME_MAX_LENGTH, "Unknown view.")
    .regex(/^[A-Z][A-Z0-9_]*$/, "Unknown view."),
});
export type SharePreviewInput = z.infer<typeof sharePreviewInputSchema>;

export type SharePreviewColumn = { name: string; pii: boolean };

/**
 * - rows / empty: what the consumer's query of the view returns (PII cells masked for staff).
 * - unverifiable: the simulation returned no rows although the share's entitlements hold rows for it, so
 *   Snowflake did not evaluate the view in the share's context (see docs/console.md): no claim is made.
 * - unavailable: Snowflake could not be reached or refused the query.
 */
export type SharePreviewRead = {
  view: string;
  consumerAccount: string;
  columns: SharePreviewColumn[];
  rows: JsonValue[][];
  limit: number;
  readAt: string;
};
export type SharePreviewRefusal = { view: string; consumerAccount: string; message: string };
export type SharePreviewResult =
  | (SharePreviewRead & { status: "rows" })
  | (SharePreviewRead & { status: "empty" })
  | (SharePreviewRefusal & { status: "unverifiable" })
  | (SharePreviewRefusal & { status: "unavailable" });
