import { accountManagerRoute } from "@/lib/auth/route-guards";
import { parseAuditParams } from "@/lib/console/audit-filters";
import { iterateConsoleAuditEvents } from "@/lib/console/audit";
import { csvRow } from "@/lib/csv";
import { logger } from "@/lib/logger";

// The audit log as CSV, with the same filters as the page. Streamed page by page (keyset), so a large
// export neither holds every row in memory nor one long query open. Capped: beyond it, narrow the filters.
const MAX_ROWS = 100_000;

const header = [
  "id",
  "created_at",
  "type",
  "actor_type",
  "actor_email",
  "actor_name",
  "organization",
  "request_id",
  "share_id",
  "details",
];

export const GET = accountManagerRoute(async (request) => {
  const filters = parseAuditParams(Object.fromEntries(new URL(request.url).searchParams));
  const encoder = new TextEncoder();
  const rows = iterateConsoleAuditEvents(filters, MAX_ROWS);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(header)));
    },
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) return controller.close();
        const e = next.value;
        controller.enqueue(
          encoder.encode(
            csvRow([
              e.id,
              e.createdAt,
              e.type,
              e.actorType,
              e.actor?.email ?? "",
              e.actor?.name ?? "",
              e.organizationName ?? "",
              e.requestId ?? "",
              e.shareId ?? "",
              e.details,
            ]),
          ),
        );
      } catch (error) {
        logger.error({ err: error, route: "/api/console/audit/export" }, "audit export failed mid-stream");
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="floe-audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
