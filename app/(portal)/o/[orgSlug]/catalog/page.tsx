import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { listOrganizationDatasets } from "@/lib/portal/catalog";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { organization } = await requireMembership(orgSlug);
  const datasets = await listOrganizationDatasets({ organizationId: organization.id });

  return (
    <>
      <PageHeader title="Catalog" description="The datasets your contract lets you share into your Snowflake account." />
      {datasets.length === 0 ? (
        <EmptyState title="No datasets available" description="Your contract does not include any shareable datasets yet. Your account manager can add them." />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label="Datasets">
          {datasets.map((dataset) => (
            <li key={dataset.id}>
              <Card className="h-full">
                <h2 className="text-base font-semibold">{dataset.title}</h2>
                {dataset.description ? <p className="mt-1 text-sm text-muted">{dataset.description}</p> : null}
                <p className="mt-3 flex flex-wrap gap-2">
                  <Badge>{dataset.tableCount} {dataset.tableCount === 1 ? "table" : "tables"}</Badge>
                  {dataset.hasPiiVariants ? <Badge tone="warning">PII columns available on request</Badge> : null}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
