import { apiRoute } from "@/lib/api/api-route";
import { createApiRequest, listApiRequests } from "@/lib/api/api-request-commands";

// List (keyset-paginated, newest first) and create share requests of the token's organisation. Creating
// goes through the portal form's schema and lib/requests' submit command, with the same minimum role.
export const GET = apiRoute({ scope: "read", minRole: "VIEWER" }, async (request, ctx) =>
  Response.json(await listApiRequests(ctx.principal, new URL(request.url).searchParams)),
);

export const POST = apiRoute({ scope: "requests:write", minRole: "MEMBER" }, async (_request, ctx) =>
  Response.json(await createApiRequest(ctx.principal, ctx.body), { status: 201 }),
);
