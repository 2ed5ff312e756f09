"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { RequestStateBadge } from "@/components/requests/request-state-badge";
import type { QueueRowView } from "@/lib/console/queue-row-view";

/**
 * The queue's table, rendered from compact row data (see components/console/queue-table.tsx). A real
 * <table> with a caption and column headers; the consumer account links to the review page (one tab stop
 * per row); the table scrolls sideways inside its focusable box on small screens (components/ui/table).
 * Plain <th>/<td>s styled by the table's "cells" class (app/globals.css), not a class per cell.
 */
export function QueueRowsTable({ rows, regionNames }: { rows: QueueRowView[]; regionNames: Record<string, string> }) {
  return (
    <Table caption="Share requests from all brands" className="cells">
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">State</th>
          <th scope="col">Brand</th>
          <th scope="col">Region</th>
          <th scope="col">Datasets</th>
          <th scope="col">Requested</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-testid="queue-row">
            <td>
              <Link href={`/console/requests/${row.id}`} className="link">
                {row.account}
              </Link>
            </td>
            <td>
              <RequestStateBadge state={row.state} />
            </td>
            <td>
              <span className="font-medium">{row.brand}</span>
              {row.mine ? (
                <Badge className="ml-2" tone="info">
                  Yours
                </Badge>
              ) : null}
              <span className="sub">{row.by}</span>
            </td>
            <td>
              {regionNames[row.region] ? `${regionNames[row.region]} · ` : null}
              <span className="rid">{row.region}</span>
              {row.from ? (
                <Badge className="ml-2" tone="accent">
                  Cross-region from {regionNames[row.from] ?? row.from}
                </Badge>
              ) : null}
            </td>
            <td>{row.datasets || "—"}</td>
            <td className="whitespace-nowrap text-muted">
              <time dateTime={row.at} title={new Date(row.at).toUTCString()}>
                {row.age}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
