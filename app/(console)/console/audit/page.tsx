import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { requireStaff } from "@/lib/auth/guards";
import { listAuditEvents } from "@/lib/console/audit";
import { parsePage } from "@/lib/pagination";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  await requireStaff();
  const events = await listAuditEvents({ page: parsePage((await searchParams).page) });
  const now = new Date();

  return (
    <>
      <PageHeader title="Audit trail" description="Every decision and provisioning step, newest first. Append-only." />
      <Card>
        {events.items.length === 0 ? (
          <EmptyState title="No events yet" description="Requests, decisions and provisioning runs are recorded here as they happen." />
        ) : (
          <>
            <Table caption="Audit events">
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>Event</Th>
                  <Th>Actor</Th>
                  <Th>Brand</Th>
                  <Th>Request</Th>
                </tr>
              </thead>
              <tbody>
                {events.items.map((event) => (
                  <tr key={event.id.toString()}>
                    <Td className="whitespace-nowrap text-muted">
                      <TimeAgo date={event.createdAt} now={now} />
                    </Td>
                    <Td className="font-mono text-xs">{event.type}</Td>
                    <Td>{event.actorType === "SYSTEM" ? "System" : (event.actor?.name ?? event.actor?.email ?? "—")}</Td>
                    <Td>{event.organization?.name ?? "—"}</Td>
                    <Td className="font-mono text-xs">{event.requestId ?? "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination page={events.page} pageCount={events.pageCount} basePath="/console/audit" label="Audit pages" />
          </>
        )}
      </Card>
    </>
  );
}
