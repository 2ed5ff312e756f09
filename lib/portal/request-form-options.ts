import "server-only";
import { db } from "@/lib/db";
import { listOrganizationDatasets } from "@/lib/catalog/preview-scope";

// What the request form offers: the organisation's workspaces (with the region their data lives in) and
// the datasets its contract includes. Nothing else can be chosen, and the server checks again on submit.

export async function getRequestFormOptions(options: { organizationId: string }) {
  const [workspaces, datasets] = await Promise.all([
    db.workspace.findMany({
      where: { organizationId: options.organizationId },
      select: { id: true, name: true, region: true },
      orderBy: { name: "asc" },
    }),
    listOrganizationDatasets({ organizationId: options.organizationId }),
  ]);
  return {
    workspaces,
    datasets: datasets.map((d) => ({
      key: d.key,
      title: d.title,
      description: d.description,
      // The _ALL variants carry PII; brands see the table count, not the two variants of each.
      tableCount: d.objects.filter((o) => !o.containsPii).length,
      hasPiiVariants: d.objects.some((o) => o.containsPii),
    })),
  };
}

export type RequestFormOptions = Awaited<ReturnType<typeof getRequestFormOptions>>;
