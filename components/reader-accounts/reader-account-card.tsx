import Link from "next/link";
import { Card } from "@/components/ui/card";
import { readerAccountStatus } from "@/lib/reader-accounts/reader-account-status";

/** The request page's reader-account panel: its name, and the single-use login's state with a way to open it. */
export async function ReaderAccountCard({
  organizationId,
  orgSlug,
  requestId,
}: {
  organizationId: string;
  orgSlug: string;
  requestId: string;
}) {
  const reader = await readerAccountStatus(organizationId, requestId);
  if (!reader) return null;
  return (
    <Card title="Your Floe-hosted reader account" className="mb-6">
      <p className="text-sm">
        Snowflake reader account <code className="font-mono">{reader.accountName}</code>
        {reader.url ? (
          <>
            {" "}
            at <code className="font-mono">{reader.url}</code>
          </>
        ) : null}
        .
      </p>
      <p className="mt-2 text-sm text-muted">
        {reader.droppedAt
          ? "Deleted when the share was revoked."
          : reader.deliveredAt
            ? `Its login was shown on ${reader.deliveredAt.toUTCString()}; Floe no longer keeps the password.`
            : reader.linkExpiresAt
              ? `Its login can be shown once (until ${reader.linkExpiresAt.toUTCString()}): use the e-mailed link or `
              : "Its login will be ready once the share is active."}
        {!reader.droppedAt && !reader.deliveredAt && reader.linkExpiresAt ? (
          <Link href={`/o/${orgSlug}/requests/${requestId}/reader-login`} className="text-accent-strong underline">
            open it here
          </Link>
        ) : null}
      </p>
    </Card>
  );
}
