import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { ChangelogEntry } from "@/lib/schema-changes/changelog";

const dayOf = (iso: string) => iso.slice(0, 10);
const statusText: Record<ChangelogEntry["status"], string> = {
  applied: "Applied",
  scheduled: "Scheduled",
  due: "Due (applies at the next migration run)",
};

/** The schema changes of shared views, newest first (portal: one dataset; console: all, with a dataset column). */
export function SchemaChangelog({
  entries,
  showDataset = false,
}: {
  entries: ChangelogEntry[];
  showDataset?: boolean;
}) {
  if (entries.length === 0)
    return (
      <EmptyState
        title="No schema changes yet"
        description="When a column of a shared view is added, changed or removed, it is listed here (and mailed to the brands it affects)."
      />
    );
  return (
    <Table caption="Schema changes of the shared views">
      <thead>
        <tr>
          <Th>Announced</Th>
          {showDataset ? <Th>Dataset</Th> : null}
          <Th>View and column</Th>
          <Th>Change</Th>
          <Th>Applies from</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-testid="changelog-entry">
            <Td>{dayOf(e.announcedAt)}</Td>
            {showDataset ? <Td>{e.datasetKey}</Td> : null}
            <Td>
              <span className="font-mono text-xs break-all">
                {e.view}.{e.column}
              </span>
            </Td>
            <Td>
              <Badge tone={e.classification === "BREAKING" ? "danger" : "success"}>
                {e.classification === "BREAKING" ? "Breaking" : "Additive"}
              </Badge>{" "}
              {e.change}
              <p className="mt-1 text-xs text-muted">{e.description}</p>
            </Td>
            <Td>{dayOf(e.effectiveAt)}</Td>
            <Td>{e.appliedAt ? `Applied ${dayOf(e.appliedAt)}` : statusText[e.status]}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
