import { apiRoute } from "@/lib/api/api-route";
import { getApiErasure } from "@/lib/api/api-erasure-commands";

// One erasure request of the token's organisation: its receipt (counts, SLA clock, per region).
export const GET = apiRoute<{ erasureId: string }>({ scope: "read", minRole: "VIEWER" }, async (_request, ctx) =>
  Response.json(await getApiErasure(ctx.principal, ctx.params.erasureId)),
);
