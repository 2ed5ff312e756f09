import type { QueueRow } from "@/lib/console/queue";
import { queueRegionNames, queueRowView } from "@/lib/console/queue-row-view";
import { QueueRowsTable } from "./queue-rows-table";

/**
 * The queue's rows. The server turns them into compact data (lib/console/queue-row-view.ts) and a client
 * component renders the table from it: the rows then travel once as HTML and once as data, instead of
 * twice as markup (HTML and the server-component payload).
 */
export function QueueTable({ rows, now, viewerId }: { rows: QueueRow[]; now: Date; viewerId: string }) {
  const views = rows.map((row) => queueRowView(row, viewerId, now));
  return <QueueRowsTable rows={views} regionNames={queueRegionNames(views)} />;
}
