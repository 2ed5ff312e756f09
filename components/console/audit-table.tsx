import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { ConsoleAuditRow } from "@/lib/console/audit";

/** Who did what, when, on which request or share, with the event's details as recorded. */
export function AuditTable({ events }: { events: ConsoleAuditRow[] }) {
  return (
    <Table caption="Audit events">
      <thead>
        <tr>
          <Th>When (UTC)</Th>
          <Th>Event</Th>
          <Th>Actor</Th>
          <Th>Brand</Th>
          <Th>Request / share</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-testid="audit-row">
            <Td className="whitespace-nowrap font-mono text-xs">
              <time dateTime={event.createdAt.toISOString()}>
                {event.createdAt.toISOString().replace("T", " ").slice(0, 19)}
              </time>
            </Td>
            <Td className="font-mono text-xs">{event.type}</Td>
            <Td>
              {event.actorType === "SYSTEM" ? (
                <span className="text-muted">System</span>
              ) : (
                <>
                  {event.actor?.name ?? event.actor?.email ?? "—"}
                  {event.actor?.email ? <span className="block text-xs text-muted">{event.actor.email}</span> : null}
                </>
              )}
            </Td>
            <Td>{event.organizationName ?? "—"}</Td>
            <Td className="font-mono text-xs">
              {event.requestId ? (
                <Link href={`/console/requests/${event.requestId}`} className="text-accent-strong hover:underline">
                  {event.requestId}
                </Link>
              ) : (
                "—"
              )}
              {event.shareId ? <span className="block text-muted">share {event.shareId}</span> : null}
            </Td>
            <Td className="max-w-md">
              <code className="block break-words text-xs text-muted">{JSON.stringify(event.details)}</code>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
