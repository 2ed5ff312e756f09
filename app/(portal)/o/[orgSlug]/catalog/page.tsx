import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CatalogSearchForm } from "@/components/portal/catalog-search-form";
import { CatalogSearchResults } from "@/components/portal/catalog-search-results";
import { requireMembership } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { listCatalog } from "@/lib/catalog/list-catalog";
import { searchCatalog } from "@/lib/catalog/search-catalog";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const [{ orgSlug }, query] = await Promise.all([params, searchParams]);
  const { organization, membership } = await requireMembership(orgSlug);
  const q = (Array.isArray(query.q) ? query.q[0] : query.q)?.trim().slice(0, 200) ?? "";
  const base = `/o/${organization.slug}`;
  const canRequest = roleAtLeast(membership.role, "MEMBER");
  const [datasets, search] = await Promise.all([
    listCatalog({ organizationId: organization.id }),
    q ? searchCatalog({ organizationId: organization.id, query: q }) : Promise.resolve(null),
  ]);

  return (
    <>
      <PageHeader
        title="Catalog"
        description="The datasets your contract lets you share into your Snowflake account."
        actions={
          canRequest && datasets.length > 0 ? (
            <ButtonLink href={`${base}/requests/new`}>Request a share</ButtonLink>
          ) : null
        }
      />
      {datasets.length === 0 ? (
        <EmptyState
          title="No datasets available"
          description="Your contract does not include any shareable datasets yet. Your account manager can add them."
        />
      ) : (
        <>
          <div className="mb-6">
            <CatalogSearchForm action={`${base}/catalog`} query={q} />
          </div>
          {search ? (
            <Card
              title="Search results"
              className="mb-6"
              actions={
                <Link href={`${base}/catalog`} className="text-sm text-accent-strong underline">
                  Clear search
                </Link>
              }
            >
              <CatalogSearchResults result={search} base={base} />
            </Card>
          ) : null}
          <ul className="grid gap-4 md:grid-cols-2" aria-label="Datasets">
            {datasets.map((dataset) => {
              const tables = dataset.views.filter((v) => !v.containsPii);
              const columns = tables.reduce((sum, v) => sum + v.columnCount, 0);
              return (
                <li key={dataset.key}>
                  <Card className="h-full">
                    <h2 className="text-base font-semibold">
                      <Link href={`${base}/catalog/${dataset.key}`} className="hover:underline">
                        {dataset.title}
                      </Link>
                    </h2>
                    {dataset.description ? <p className="mt-1 text-sm text-muted">{dataset.description}</p> : null}
                    <p className="mt-3 flex flex-wrap gap-2">
                      <Badge>
                        {tables.length} {tables.length === 1 ? "table" : "tables"}
                      </Badge>
                      <Badge>{columns} columns</Badge>
                      {dataset.views.some((v) => v.containsPii) ? (
                        <Badge tone="warning">PII columns available on request</Badge>
                      ) : null}
                    </p>
                    <ul
                      className="mt-3 space-y-0.5 font-mono text-xs text-muted"
                      aria-label={`Tables in ${dataset.title}`}
                    >
                      {tables.map((v) => (
                        <li key={v.name}>{v.name}</li>
                      ))}
                    </ul>
                    <p className="mt-4 flex flex-wrap gap-2">
                      <ButtonLink
                        href={`${base}/catalog/${dataset.key}`}
                        variant="secondary"
                        size="sm"
                        aria-label={`Preview ${dataset.title}`}
                      >
                        Preview schema
                      </ButtonLink>
                      {canRequest ? (
                        <ButtonLink
                          href={`${base}/requests/new?dataset=${dataset.key}`}
                          variant="ghost"
                          size="sm"
                          aria-label={`Request ${dataset.title}`}
                        >
                          Request this dataset
                        </ButtonLink>
                      ) : null}
                    </p>
                  </Card>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
