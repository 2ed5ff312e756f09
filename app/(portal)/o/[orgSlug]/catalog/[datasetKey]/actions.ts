"use server";

import { z } from "zod";
import { orgScopedAction } from "@/lib/actions/safe-action";
import { refreshSchemaPreview } from "@/lib/catalog/get-schema-preview";

const refreshSchema = z.object({
  orgSlug: z.string().min(1),
  datasetKey: z.string().min(1).max(100),
  region: z.string().max(64).optional(),
});

// Reading a preview is what every member (viewers too) may do; a refresh only re-reads it. lib/catalog
// loads the dataset through the organisation and lets concurrent refreshes share one Snowflake call.
export const refreshPreviewAction = orgScopedAction(
  { name: "refreshSchemaPreview", schema: refreshSchema, minRole: "VIEWER" },
  async (input, ctx) => {
    const preview = await refreshSchemaPreview({
      organizationId: ctx.organization.id,
      datasetKey: input.datasetKey,
      region: input.region,
    });
    return { status: preview.status, lastError: preview.lastError };
  },
);
