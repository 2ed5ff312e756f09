import "server-only";
// The changelog of a dataset's shared views (the portal's and the console's changelog pages): every announced
// schema change, newest first, with where it stands. One statement. Brands see every change of a dataset their
// contract includes (the page checks the contract first), the console every dataset's.
import { db } from "@/lib/db";
import { appNow } from "@/lib/time/clock";
import { kindLabel } from "./policy";

export type ChangelogEntry = {
  id: string;
  migration: string;
  datasetKey: string;
  view: string;
  column: string;
  change: string;
  classification: "ADDITIVE" | "BREAKING";
  description: string;
  announcedAt: string;
  effectiveAt: string;
  appliedAt: string | null;
  /** applied; scheduled (breaking, inside its window); due (its window passed, not applied yet). */
  status: "applied" | "scheduled" | "due";
};

export async function schemaChangelog(filter: { datasetKey?: string } = {}): Promise<ChangelogEntry[]> {
  const now = appNow();
  const notices = await db.schemaChangeNotice.findMany({
    where: filter.datasetKey ? { datasetKey: filter.datasetKey } : {},
    orderBy: [{ announcedAt: "desc" }, { migrationVersion: "desc" }, { viewName: "asc" }, { columnName: "asc" }],
    take: 500,
  });
  return notices.map((n) => ({
    id: n.id,
    migration: `${n.migrationVersion} ${n.migrationName}`,
    datasetKey: n.datasetKey,
    view: n.piiViewOnly ? `${n.viewName}_ALL` : n.viewName,
    column: n.columnName,
    change: kindLabel[n.kind],
    classification: n.classification,
    description: n.description,
    announcedAt: n.announcedAt.toISOString(),
    effectiveAt: n.effectiveAt.toISOString(),
    appliedAt: n.appliedAt?.toISOString() ?? null,
    status: n.appliedAt ? "applied" : n.effectiveAt.getTime() > now.getTime() ? "scheduled" : "due",
  }));
}
