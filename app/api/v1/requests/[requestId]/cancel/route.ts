import { apiRoute } from "@/lib/api/api-route";
import { cancelApiRequest } from "@/lib/api/api-request-commands";

// PENDING_APPROVAL → CANCELLED through lib/requests' cancel command (409 INVALID_STATE otherwise).
export const POST = apiRoute<{ requestId: string }>(
  { scope: "requests:write", minRole: "MEMBER" },
  async (_request, ctx) => Response.json(await cancelApiRequest(ctx.principal, ctx.params.requestId)),
);
