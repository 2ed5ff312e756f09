import { apiRoute } from "@/lib/api/api-route";
import { getApiRequest } from "@/lib/api/api-request-commands";

export const GET = apiRoute<{ requestId: string }>({ scope: "read", minRole: "VIEWER" }, async (_request, ctx) =>
  Response.json(await getApiRequest(ctx.principal, ctx.params.requestId)),
);
