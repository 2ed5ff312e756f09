import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ErasureCsvUpload } from "@/components/portal/erasure-csv-upload";
import { ErasureForm } from "@/components/portal/erasure-form";
import { requireMembership } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { erasureWorkspaces } from "@/lib/erasure/erasure-queries";
import { submitErasureAction } from "./actions";

export const metadata: Metadata = { title: "Request an erasure" };

export default async function NewErasurePage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const { organization, membership } = await requireMembership(orgSlug);
  const base = `/o/${organization.slug}`;
  const header = (
    <PageHeader
      title="Request an erasure"
      description="Erase data subjects' personal data from every region holding your workspaces' data. Their events stay, without personal fields; consumers of your shares see the erased keys in SHARED.ERASURES."
    />
  );
  if (!roleAtLeast(membership.role, "OWNER"))
    return (
      <>
        {header}
        <Notice tone="info" title="Only owners can request erasures">
          An erasure cannot be undone, so only owners of {organization.name} can file one. You can follow the requests
          and their receipts.
        </Notice>
      </>
    );
  const workspaces = await erasureWorkspaces(organization.id);
  return (
    <>
      {header}
      {/* Side by side on wide screens, stacked on a phone: a few identifiers typed, or a file of many. */}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Type a few" description="Up to 50 identifiers, one per line.">
          <ErasureForm
            action={submitErasureAction}
            scope={{ orgSlug: organization.slug }}
            receiptBase={`${base}/erasures/`}
            workspaces={workspaces}
          />
        </Card>
        <Card title="Upload a CSV" description="Up to 100,000 identifiers in one file; bad rows are listed by line.">
          <ErasureCsvUpload
            uploadUrl={`/api/orgs/${encodeURIComponent(organization.slug)}/erasures/upload`}
            receiptBase={`${base}/erasures/`}
            workspaces={workspaces}
          />
        </Card>
      </div>
    </>
  );
}
