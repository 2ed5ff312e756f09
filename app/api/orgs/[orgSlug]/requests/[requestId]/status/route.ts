import { orgScopedRoute } from "@/lib/auth/route-guards";
import { notFoundError } from "@/lib/errors";
import { getRequestStatus } from "@/lib/portal/request-status";

// Polled by the request page while a request moves (lib/portal/poll-interval.ts). Any member may read;
// another organisation's request, or an organisation the user is not in, is a 404 like a missing one.
export const GET = orgScopedRoute<{ orgSlug: string; requestId: string }>({ minRole: "VIEWER" }, async (_request, ctx) => {
  const status = await getRequestStatus({ organizationId: ctx.organization.id, requestId: ctx.params.requestId });
  if (!status) throw notFoundError();
  // Live data: never cached by the browser or a proxy.
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
