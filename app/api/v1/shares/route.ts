import { apiRoute } from "@/lib/api/api-route";
import { listApiShares } from "@/lib/api/api-request-commands";

// Requests of the token's organisation that have a Snowflake share, with the share's stated freshness.
export const GET = apiRoute({ scope: "read", minRole: "VIEWER" }, async (request, ctx) =>
  Response.json(await listApiShares(ctx.principal, new URL(request.url).searchParams)),
);
