import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { CursorPagination } from "@/components/ui/cursor-pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireMembership } from "@/lib/auth/guards";
import { listOrganizationAuditPage } from "@/lib/portal/audit";

export const metadata: Metadata = { title: "Audit trail" };

const format = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const [{ orgSlug }, query] = await Promise.all([params, searchParams]);
  const { organization } = await requireMembership(orgSlug);
  const cursor = (Array.isArray(query.cursor) ? query.cursor[0] : query.cursor) ?? null;
  const page = await listOrganizationAuditPage({ organizationId: organization.id, cursor });
  const base = `/o/${organization.slug}`;

  return (
    <>
      <PageHeader
        title="Audit trail"
        description={`Everything that happened to ${organization.name}'s share requests, newest first. Times are UTC.`}
      />
      <Card>
        {page.items.length === 0 ? (
          <EmptyState
            title="Nothing recorded yet"
            description="Requests, decisions and provisioning runs appear here as they happen."
          />
        ) : (
          <>
            <Table caption="Audit events">
              <thead>
                <tr>
                  <Th>When</Th>
                  <Th>What</Th>
                  <Th>Who</Th>
                  <Th>Request</Th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((event) => (
                  <tr key={event.id} data-testid="audit-event">
                    <Td className="whitespace-nowrap text-muted">
                      <time dateTime={event.createdAt.toISOString()}>{format.format(event.createdAt)}</time>
                    </Td>
                    <Td>
                      <span className="font-medium">{event.title}</span>
                      {event.detail ? <span className="block text-muted">{event.detail}</span> : null}
                    </Td>
                    <Td>{event.actorName}</Td>
                    <Td>
                      {event.requestId ? (
                        <Link href={`${base}/requests/${event.requestId}`} className="text-accent-strong underline">
                          Open<span className="sr-only"> request {event.requestId}</span>
                        </Link>
                      ) : (
                        "—"
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <CursorPagination
              label="Audit pages"
              prevHref={cursor ? `${base}/audit` : null}
              nextHref={page.nextCursor ? `${base}/audit?cursor=${page.nextCursor}` : null}
              summary={cursor ? "Older events" : "Latest events"}
            />
          </>
        )}
      </Card>
    </>
  );
}
