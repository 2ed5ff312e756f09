import { z } from "zod";
import { orgScopedRoute } from "@/lib/auth/route-guards";
import { csvUploadQuerySchema, uploadErasureCsv } from "@/lib/erasure/erasure-csv-upload";
import { invalidInputError } from "@/lib/errors";
import { ERASURE_CSV_MAX_BYTES } from "@/lib/limits";

// The portal's CSV upload of an erasure request (the "new erasure" page's file input; server actions stop
// at 64 kB, a file of 100,000 identifiers is up to 8 MB). The body is the file itself (text/csv), read within
// ERASURE_CSV_MAX_BYTES before the session is looked at; `?workspaceId=` limits it to one workspace of the
// brand, `?skipInvalid=1` files the valid rows of a file with bad ones. The same rules as the form's action:
// the session's user must be an owner of the organisation in the URL (an erasure cannot be undone), the call
// must come from Floe's own page (Origin, Fetch Metadata: CSRF), the organisation comes from the membership.
// 201 filed, 200 the same file filed before, 422 bad rows listed by line (nothing filed), 400 a file problem.
export const POST = orgScopedRoute<{ orgSlug: string }>(
  { minRole: "OWNER", bodyLimitBytes: ERASURE_CSV_MAX_BYTES, sameOrigin: true },
  async (request, ctx) => {
    const query = csvUploadQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success)
      throw invalidInputError("Bad upload parameters.", {
        fieldErrors: z.flattenError(query.error).fieldErrors as Record<string, string[]>,
      });
    const answer = await uploadErasureCsv({
      organizationId: ctx.organization.id,
      requestedById: ctx.user.id,
      bytes: ctx.body,
      workspaceId: query.data.workspaceId ?? null,
      skipInvalid: query.data.skipInvalid === "1",
    });
    const status = !answer.filed ? 422 : answer.created ? 201 : 200;
    return Response.json(answer, { status, headers: { "Cache-Control": "no-store" } });
  },
);
