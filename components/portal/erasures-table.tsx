import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import { ErasureStateBadge } from "@/components/portal/erasure-state-badge";
import type { ErasureListRow } from "@/lib/erasure/erasure-queries";

const day = (d: Date) => d.toISOString().slice(0, 10);

export function ErasuresTable({ erasures, base }: { erasures: ErasureListRow[]; base: string }) {
  return (
    <Table caption="Erasure requests">
      <thead>
        <tr>
          <Th>Filed</Th>
          <Th>State</Th>
          <Th>Identifiers</Th>
          <Th>Matched</Th>
          <Th>Workspace</Th>
          <Th>GDPR due</Th>
        </tr>
      </thead>
      <tbody>
        {erasures.map((e) => (
          <tr key={e.id}>
            <Td>
              <Link href={`${base}/erasures/${e.id}`} className="font-medium text-accent underline">
                {e.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              </Link>
            </Td>
            <Td>
              <ErasureStateBadge state={e.state} />
            </Td>
            <Td>{e.requestedCount.toLocaleString("en")}</Td>
            <Td>{e.matchedCount === null ? "—" : e.matchedCount.toLocaleString("en")}</Td>
            <Td>{e.workspace?.name ?? "Every workspace"}</Td>
            <Td>{day(e.dueAt)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
