import { orgScopedRoute } from "@/lib/auth/route-guards";
import { getDataDictionary } from "@/lib/catalog/data-dictionary";
import { invalidInputError } from "@/lib/errors";

// The data dictionary download: `?format=csv` (default) or `?format=json`. lib/catalog loads the dataset
// through the organisation, so a dataset outside the brand's contract is a 404.
export const GET = orgScopedRoute<{ orgSlug: string; datasetKey: string }>(
  { minRole: "VIEWER" },
  async (request, ctx) => {
    const format = new URL(request.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "json") throw invalidInputError("Choose format=csv or format=json.");
    const file = await getDataDictionary({
      organizationId: ctx.organization.id,
      datasetKey: ctx.params.datasetKey,
      format,
    });
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
);
