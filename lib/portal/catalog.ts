import "server-only";
import { db } from "@/lib/db";

/** The datasets this organisation's contract lets it share, with their secure views. */
export async function listOrganizationDatasets(options: { organizationId: string }) {
  const rows = await db.organizationDataset.findMany({
    where: { organizationId: options.organizationId },
    select: {
      dataset: {
        select: {
          id: true,
          key: true,
          title: true,
          description: true,
          objects: { select: { viewName: true, containsPii: true }, orderBy: { viewName: "asc" } },
        },
      },
    },
    orderBy: { dataset: { title: "asc" } },
  });
  return rows.map(({ dataset }) => ({
    ...dataset,
    // The _ALL variants carry PII; brands see the table count, not the two variants of each.
    tableCount: dataset.objects.filter((o) => !o.containsPii).length,
    hasPiiVariants: dataset.objects.some((o) => o.containsPii),
  }));
}
