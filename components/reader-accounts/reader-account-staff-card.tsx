import { Card } from "@/components/ui/card";
import { readerAccountForStaff } from "@/lib/reader-accounts/reader-account-status";
import type { ActionResult } from "@/lib/actions/safe-action";
import { ReissueLinkButton } from "./reissue-link-button";

/** The console's view of a request's Floe-hosted reader account: where its login stands, and a new link. */
export async function ReaderAccountStaffCard({
  requestId,
  reissueAction,
}: {
  requestId: string;
  reissueAction: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const reader = await readerAccountForStaff(requestId);
  if (!reader) return null;
  const state = reader.droppedAt
    ? `Dropped ${reader.droppedAt.toUTCString()} with its share.`
    : reader.deliveredAt
      ? `Login shown to the brand ${reader.deliveredAt.toUTCString()}; Floe no longer holds the password.`
      : reader.linkExpiresAt
        ? `Login link outstanding until ${reader.linkExpiresAt.toUTCString()}.`
        : reader.hasPassword
          ? "Provisioned; no live login link."
          : "Created by the provisioning run (its first step), before the share.";
  return (
    <Card title="Floe-hosted reader account">
      <p className="text-sm">
        <code className="font-mono">{reader.accountName}</code> (admin{" "}
        <code className="font-mono">{reader.adminName}</code>)
        {reader.locator ? (
          <>
            {" "}
            · locator <code className="font-mono">{reader.locator}</code>
          </>
        ) : null}
      </p>
      <p className="mt-1 text-sm text-muted">{state}</p>
      {!reader.droppedAt && !reader.deliveredAt && reader.hasPassword ? (
        <div className="mt-3">
          <ReissueLinkButton requestId={requestId} action={reissueAction} />
        </div>
      ) : null}
    </Card>
  );
}
