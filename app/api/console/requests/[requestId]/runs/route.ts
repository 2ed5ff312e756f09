import { accountManagerRoute } from "@/lib/auth/route-guards";
import { notFoundError } from "@/lib/errors";
import { getRequestRuns } from "@/lib/console/request-runs";

// What the runs panel polls while a run moves: every run and step of one request, staff only (brands get
// a 404 as for an unknown URL, signed-out callers a 401). Never cached: each answer is the live state.
export const GET = accountManagerRoute<{ requestId: string }>(async (_request, ctx) => {
  const status = await getRequestRuns({ requestId: ctx.params.requestId });
  if (!status) throw notFoundError();
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
