import type { Metadata } from "next";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AuditFilterForm } from "@/components/console/audit-filter-form";
import { AuditTable } from "@/components/console/audit-table";
import { requireStaff } from "@/lib/auth/guards";
import { listAuditFilterOptions, listConsoleAuditEvents } from "@/lib/console/audit";
import { auditSearch, parseAuditParams } from "@/lib/console/audit-filters";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireStaff();
  const { cursor, ...filters } = parseAuditParams(await searchParams);
  const [events, options] = await Promise.all([listConsoleAuditEvents({ filters, cursor }), listAuditFilterOptions()]);

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every decision, provisioning step and admin change, newest first. Append-only."
        actions={
          // A plain link: the browser downloads the CSV the route streams, with the filters shown here.
          <a
            href={`/api/console/audit/export${auditSearch(filters)}`}
            className={buttonClasses("secondary", "md")}
            download
          >
            Export CSV
          </a>
        }
      />
      <Card className="mb-4">
        <AuditFilterForm filters={filters} organizations={options.organizations} staff={options.staff} />
      </Card>
      <Card>
        {events.items.length === 0 ? (
          <EmptyState
            title="No events match"
            description="Requests, decisions and provisioning runs are recorded here as they happen."
          />
        ) : (
          <>
            <AuditTable events={events.items} />
            <CursorPagination
              label="Audit pages"
              prevLabel="Newest"
              prevHref={cursor ? `/console/audit${auditSearch(filters)}` : null}
              nextHref={events.nextCursor ? `/console/audit${auditSearch(filters, events.nextCursor)}` : null}
            />
          </>
        )}
      </Card>
    </>
  );
}
