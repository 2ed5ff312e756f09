import { orgScopedRoute } from "@/lib/auth/route-guards";
import { notFoundError } from "@/lib/errors";
import { processStatusHub } from "@/lib/live/process-status-hub";
import { openStatusStream, wantsEventStream } from "@/lib/live/status-event-stream";
import { memberStillAllowed } from "@/lib/live/stream-authorization";
import { getRequestStatus } from "@/lib/portal/request-status";
import { isTerminal } from "@/lib/requests/state-machine";

// The request page's live status. With `Accept: text/event-stream` (EventSource) a server-sent event
// stream pushed by PostgreSQL notifications (lib/live); otherwise one JSON answer, which the page polls
// when the stream is unavailable (lib/portal/poll-interval.ts). Both behind the same guard: any member
// may read; another organisation's request, or an organisation the user is not in, is a 404 like a
// missing one; the stream re-checks membership and session before every event.
export const GET = orgScopedRoute<{ orgSlug: string; requestId: string }>(
  { minRole: "VIEWER" },
  async (request, ctx) => {
    const load = () => getRequestStatus({ organizationId: ctx.organization.id, requestId: ctx.params.requestId });
    const status = await load();
    if (!status) throw notFoundError();
    if (wantsEventStream(request)) {
      return openStatusStream({
        request,
        hub: processStatusHub(),
        requestId: status.requestId,
        userId: ctx.user.id,
        authorize: await memberStillAllowed({
          userId: ctx.user.id,
          orgSlug: ctx.organization.slug,
          organizationId: ctx.organization.id,
        }),
        load,
        settled: (s) => isTerminal(s.state),
      });
    }
    // Live data: never cached by the browser or a proxy.
    return Response.json(status, { headers: { "Cache-Control": "no-store" } });
  },
);
