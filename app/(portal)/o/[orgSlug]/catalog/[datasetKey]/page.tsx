import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { buttonClasses, ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { DatasetPreview } from "@/components/portal/dataset-preview";
import { PreviewSkeleton } from "@/components/portal/preview-skeleton";
import { SecureFunctionsList } from "@/components/portal/secure-functions-list";
import { requireMembership } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { getSchemaPreview } from "@/lib/catalog/get-schema-preview";
import { secureFunctionCards } from "@/lib/catalog/secure-function-cards";
import { loadPreviewDataset, loadPreviewLakes } from "@/lib/catalog/preview-scope";
import { isAppError } from "@/lib/errors";
import { refreshPreviewAction } from "./actions";

export const metadata: Metadata = { title: "Schema preview" };

export default async function DatasetPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string; datasetKey: string }>;
  searchParams: Promise<{ region?: string | string[] }>;
}) {
  const [{ orgSlug, datasetKey }, query] = await Promise.all([params, searchParams]);
  const { organization, membership } = await requireMembership(orgSlug);
  const region = Array.isArray(query.region) ? query.region[0] : query.region;
  // Access is settled from Postgres before anything streams, so a dataset outside the contract (or a region
  // without the brand's data) is a real 404; only the Snowflake read below is streamed in.
  const dataset = await loadPreviewDataset({ organizationId: organization.id, datasetKey }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  if (
    region !== undefined &&
    !(await loadPreviewLakes({ organizationId: organization.id })).some((l) => l.region === region)
  )
    notFound();
  const base = `/o/${organization.slug}`;
  const api = `/api/orgs/${organization.slug}/catalog/${dataset.key}/dictionary`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`${base}/catalog`} className="text-accent-strong underline">
          ← Catalog
        </Link>
      </p>
      <PageHeader
        title={dataset.title}
        description={dataset.description ?? undefined}
        actions={
          <>
            <a href={`${api}?format=csv`} download className={buttonClasses("secondary", "sm")}>
              Download dictionary (CSV)
            </a>
            <a href={`${api}?format=json`} download className={buttonClasses("secondary", "sm")}>
              Download dictionary (JSON)
            </a>
            <Link href={`${base}/catalog/${dataset.key}/changelog`} className={buttonClasses("secondary", "sm")}>
              Schema changelog
            </Link>
            {roleAtLeast(membership.role, "MEMBER") ? (
              <ButtonLink href={`${base}/requests/new?dataset=${dataset.key}`} size="sm">
                Request this dataset
              </ButtonLink>
            ) : null}
          </>
        }
      />
      <SecureFunctionsList functions={secureFunctionCards(dataset.key)} />
      <Suspense fallback={<PreviewSkeleton />}>
        <PreviewSection
          organizationId={organization.id}
          orgSlug={organization.slug}
          datasetKey={dataset.key}
          region={region}
          base={base}
        />
      </Suspense>
    </>
  );
}

async function PreviewSection(props: {
  organizationId: string;
  orgSlug: string;
  datasetKey: string;
  region?: string;
  base: string;
}) {
  const preview = await getSchemaPreview({
    organizationId: props.organizationId,
    datasetKey: props.datasetKey,
    region: props.region,
  });
  return (
    <DatasetPreview preview={preview} base={props.base} orgSlug={props.orgSlug} refreshAction={refreshPreviewAction} />
  );
}
