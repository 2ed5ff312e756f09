import type { Metadata } from "next";
import { SchemaChangelog } from "@/components/portal/schema-changelog";
import { PageHeader } from "@/components/ui/page-header";
import { requireStaff } from "@/lib/auth/guards";
import { schemaChangelog } from "@/lib/schema-changes/changelog";

export const metadata: Metadata = { title: "Schema changes" };

export default async function SchemaChangesPage() {
  await requireStaff();
  const entries = await schemaChangelog();
  return (
    <>
      <PageHeader
        title="Schema changes"
        description="Every column change of a shared view that a lake migration declared, as announced to the brands (docs/schema-change-policy.md)."
      />
      <SchemaChangelog entries={entries} showDataset />
    </>
  );
}
