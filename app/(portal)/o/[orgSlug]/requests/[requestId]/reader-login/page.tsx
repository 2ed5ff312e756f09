import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ReaderLoginReveal } from "@/components/reader-accounts/reader-login-reveal";
import { requireMembership } from "@/lib/auth/guards";
import { readerAccountStatus } from "@/lib/reader-accounts/reader-account-status";
import { revealReaderLoginAction } from "./actions";

export const metadata: Metadata = { title: "Your reader account's login" };

// Opening this page reveals nothing: the login is shown only after the button is pressed (a POST), so a mail
// scanner's prefetch of the e-mailed link cannot use it up.
export default async function ReaderLoginPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string; requestId: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const [{ orgSlug, requestId }, query] = await Promise.all([params, searchParams]);
  const { organization } = await requireMembership(orgSlug);
  const reader = await readerAccountStatus(organization.id, requestId);
  if (!reader) notFound();
  const token = typeof query.token === "string" ? query.token.slice(0, 64) : "";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/o/${organization.slug}/requests/${requestId}`} className="text-accent-strong underline">
          ← Back to the request
        </Link>
      </p>
      <PageHeader
        title="Your reader account's login"
        description={`Floe hosts the Snowflake reader account ${reader.accountName} for you. Its login is shown once.`}
      />
      <Card>
        <ReaderLoginReveal
          orgSlug={organization.slug}
          requestId={requestId}
          token={token}
          action={revealReaderLoginAction}
        />
      </Card>
    </>
  );
}
