import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SchemaChangelog } from "@/components/portal/schema-changelog";
import { PageHeader } from "@/components/ui/page-header";
import { requireMembership } from "@/lib/auth/guards";
import { loadPreviewDataset } from "@/lib/catalog/preview-scope";
import { isAppError } from "@/lib/errors";
import { schemaChangelog } from "@/lib/schema-changes/changelog";

export const metadata: Metadata = { title: "Schema changelog" };

export default async function DatasetChangelogPage({
  params,
}: {
  params: Promise<{ orgSlug: string; datasetKey: string }>;
}) {
  const { orgSlug, datasetKey } = await params;
  const { organization } = await requireMembership(orgSlug);
  // The brand's contract decides which datasets it may see, as on the preview page.
  const dataset = await loadPreviewDataset({ organizationId: organization.id, datasetKey }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const entries = await schemaChangelog({ datasetKey: dataset.key });
  const base = `/o/${organization.slug}`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`${base}/catalog/${dataset.key}`} className="text-accent-strong underline">
          ← {dataset.title}
        </Link>
      </p>
      <PageHeader
        title={`Schema changelog: ${dataset.title}`}
        description="Column changes of this dataset's shared views. Additive changes (new columns) apply at once; breaking ones (removed, renamed or retyped columns) are announced 30 days before they apply."
      />
      <SchemaChangelog entries={entries} />
    </>
  );
}
