import { apiRoute } from "@/lib/api/api-route";
import { getApiRequestStatus } from "@/lib/api/api-request-commands";

// The same status read model as the request page's live status (lib/portal/request-status), as JSON.
export const GET = apiRoute<{ requestId: string }>({ scope: "read", minRole: "VIEWER" }, async (_request, ctx) =>
  Response.json(await getApiRequestStatus(ctx.principal, ctx.params.requestId)),
);
