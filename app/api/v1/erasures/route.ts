import { apiRoute } from "@/lib/api/api-route";
import { createApiErasure, listApiErasures } from "@/lib/api/api-erasure-commands";
import { ERASURE_CSV_MAX_BYTES } from "@/lib/limits";

// GDPR erasure requests of the token's organisation. Filing is the portal's rule: owners only (an erasure
// cannot be undone), scope erasures:write; the body may hold up to 100,000 identifiers (8 MB).
export const GET = apiRoute({ scope: "read", minRole: "VIEWER" }, async (request, ctx) =>
  Response.json(await listApiErasures(ctx.principal, new URL(request.url).searchParams)),
);

export const POST = apiRoute(
  { scope: "erasures:write", minRole: "OWNER", bodyLimitBytes: ERASURE_CSV_MAX_BYTES },
  async (request, ctx) => {
    const { created, erasure } = await createApiErasure(
      ctx.principal,
      ctx.body,
      request.headers.get("idempotency-key"),
    );
    return Response.json(erasure, { status: created ? 201 : 200 });
  },
);
