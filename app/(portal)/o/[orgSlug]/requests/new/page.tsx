import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { AccountHelp } from "@/components/portal/account-help";
import { RequestForm } from "@/components/portal/request-form";
import { requireMembership } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/auth/roles";
import { getRequestFormOptions } from "@/lib/portal/request-form-options";
import { submitShareRequestAction } from "./actions";

export const metadata: Metadata = { title: "Request a share" };

export default async function NewRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ dataset?: string | string[] }>;
}) {
  const [{ orgSlug }, query] = await Promise.all([params, searchParams]);
  const { organization, membership } = await requireMembership(orgSlug);
  const base = `/o/${organization.slug}`;
  const header = (
    <PageHeader
      title="Request a share"
      description="Share event data into your own Snowflake account. In the data's region you query it in place, with no copy; in another region it reaches you through a replica refreshed on a schedule."
    />
  );

  // Viewers see why they cannot request instead of a form that would be refused.
  if (!roleAtLeast(membership.role, "MEMBER")) {
    return (
      <>
        {header}
        <Notice tone="info" title="Viewers cannot request shares">
          Your role in {organization.name} is viewer: you can browse the catalog and follow requests. Ask an owner or
          member of {organization.name} to request a share, or to make you a member.
        </Notice>
      </>
    );
  }

  const options = await getRequestFormOptions({ organizationId: organization.id });
  if (options.workspaces.length === 0 || options.datasets.length === 0) {
    return (
      <>
        {header}
        <EmptyState
          title={options.workspaces.length === 0 ? "No workspaces yet" : "No datasets in your contract"}
          description="A share needs at least one workspace and one dataset. Your account manager sets them up."
          action={
            <ButtonLink href={base} variant="secondary">
              Back to home
            </ButtonLink>
          }
        />
      </>
    );
  }

  const wanted = Array.isArray(query.dataset) ? query.dataset : query.dataset ? [query.dataset] : [];
  const initialDatasetKeys = wanted.filter((key) => options.datasets.some((d) => d.key === key));
  return (
    <>
      {header}
      <Card>
        <RequestForm
          orgSlug={organization.slug}
          options={options}
          initialDatasetKeys={initialDatasetKeys}
          action={submitShareRequestAction}
          accountHelp={<AccountHelp id="request-form-account-help" />}
        />
      </Card>
    </>
  );
}
