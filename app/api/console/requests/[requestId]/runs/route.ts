import { accountManagerRoute } from "@/lib/auth/route-guards";
import { notFoundError } from "@/lib/errors";
import { getRequestRuns } from "@/lib/console/request-runs";
import { processStatusHub } from "@/lib/live/process-status-hub";
import { openStatusStream, wantsEventStream } from "@/lib/live/status-event-stream";
import { staffStillAllowed } from "@/lib/live/stream-authorization";
import { isTerminal } from "@/lib/requests/state-machine";

// The runs panel's live view: every run and step of one request, staff only (brands get a 404 as for an
// unknown URL, signed-out callers a 401). With `Accept: text/event-stream` a server-sent event stream
// pushed by PostgreSQL notifications (lib/live), re-checking the staff role before every event; otherwise
// one JSON answer (the panel's polling fallback). Never cached: each answer is the live state.
export const GET = accountManagerRoute<{ requestId: string }>(async (request, ctx) => {
  const load = () => getRequestRuns({ requestId: ctx.params.requestId });
  const status = await load();
  if (!status) throw notFoundError();
  if (wantsEventStream(request)) {
    return openStatusStream({
      request,
      hub: processStatusHub(),
      requestId: status.requestId,
      userId: ctx.user.id,
      authorize: await staffStillAllowed({ userId: ctx.user.id }),
      load,
      settled: (s) => isTerminal(s.state),
    });
  }
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
