import { apiRoute } from "@/lib/api/api-route";
import { listApiWorkspaces } from "@/lib/api/api-resources";

// The token's organisation's workspaces (their ids are what POST /requests names).
export const GET = apiRoute({ scope: "read", minRole: "VIEWER" }, async (_request, ctx) =>
  Response.json({ items: await listApiWorkspaces(ctx.principal.organization.id) }),
);
