import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ErasureReceipt } from "@/components/portal/erasure-receipt";
import { RefreshWhile } from "@/components/portal/refresh-while";
import { requireMembership } from "@/lib/auth/guards";
import { getOrganizationErasure } from "@/lib/erasure/erasure-queries";
import { ID_MAX_LENGTH } from "@/lib/limits";

export const metadata: Metadata = { title: "Erasure receipt" };

export default async function ErasurePage({ params }: { params: Promise<{ orgSlug: string; erasureId: string }> }) {
  const { orgSlug, erasureId } = await params;
  const { organization } = await requireMembership(orgSlug);
  if (erasureId.length > ID_MAX_LENGTH) notFound();
  const erasure = await getOrganizationErasure({ organizationId: organization.id, erasureId });
  if (!erasure) notFound();
  const live = erasure.state === "QUEUED" || erasure.state === "RUNNING";
  return (
    <>
      <PageHeader
        title="Erasure receipt"
        description={`Filed ${erasure.createdAt.toISOString().slice(0, 10)}${erasure.filedByStaffId ? " by Floe staff on your behalf" : ""}.`}
      />
      <RefreshWhile active={live} />
      {live ? (
        <Notice tone="info" live title={erasure.state === "QUEUED" ? "Waiting for a worker" : "Erasing"}>
          This page updates by itself as each region is erased and verified.
        </Notice>
      ) : null}
      {erasure.state === "FAILED" ? (
        <Notice tone="danger" title="The erasure did not finish">
          Floe retried it automatically and staff have been alerted; they can run it again. Nothing already erased comes
          back.
        </Notice>
      ) : null}
      <div className="mt-4">
        <ErasureReceipt erasure={erasure} />
      </div>
    </>
  );
}
