"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/safe-action";
import { portalKeys } from "@/lib/portal/query-keys";

type Action<T> = (input: unknown) => Promise<ActionResult<T>>;
type Kind = "cancel" | "revoke";

/** Cancel a pending request, or ask for an active share to be removed; both behind a confirmation dialog. */
export function RequestActions({
  orgSlug,
  requestId,
  canCancel,
  canRequestRevocation,
  isFailed,
  cancelAction,
  revokeAction,
}: {
  orgSlug: string;
  requestId: string;
  canCancel: boolean;
  canRequestRevocation: boolean;
  isFailed: boolean;
  cancelAction: Action<unknown>;
  revokeAction: Action<unknown>;
}) {
  const [open, setOpen] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const cancelTitleId = useId();
  const revokeTitleId = useId();

  function run(kind: Kind) {
    setError(null);
    startTransition(async () => {
      const result =
        kind === "cancel"
          ? await cancelAction({ orgSlug, requestId })
          : await revokeAction({ orgSlug, requestId, reason });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setOpen(null);
      await queryClient.invalidateQueries({ queryKey: portalKeys.request(orgSlug, requestId) });
      router.refresh();
    });
  }

  const close = () => {
    if (pending) return;
    setOpen(null);
    setError(null);
  };
  const revokeTitle = isFailed ? "Withdraw this request and clean up?" : "Remove this share?";

  return (
    <div className="flex flex-wrap gap-2">
      {canCancel ? (
        <Button variant="secondary" onClick={() => setOpen("cancel")}>
          Cancel request
        </Button>
      ) : null}
      {canRequestRevocation ? (
        <Button variant="danger" onClick={() => setOpen("revoke")}>
          {isFailed ? "Withdraw request" : "Remove share"}
        </Button>
      ) : null}

      <ConfirmDialog open={open === "cancel"} onClose={close} title="Cancel this request?" labelledBy={cancelTitleId}>
        <p className="mb-4 text-sm text-muted">
          Your account manager will no longer see it in their queue. You can submit a new request later.
        </p>
        {error ? (
          <Notice tone="danger" className="mb-3" live>
            {error}
          </Notice>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Keep request
          </Button>
          <Button variant="danger" onClick={() => run("cancel")} disabled={pending}>
            {pending ? "Cancelling…" : "Yes, cancel request"}
          </Button>
        </div>
      </ConfirmDialog>

      <ConfirmDialog open={open === "revoke"} onClose={close} title={revokeTitle} labelledBy={revokeTitleId}>
        <p className="mb-4 text-sm text-muted">
          {isFailed
            ? "Anything already set up for this request is removed from Snowflake. You can then submit a corrected request."
            : "Your Snowflake account loses access to this data as soon as the removal runs. Databases you mounted from the share stop returning rows."}
        </p>
        <label htmlFor={reasonId} className="block text-sm font-medium">
          Reason <span className="font-normal text-muted">(optional, shown to your account manager)</span>
        </label>
        <textarea
          id={reasonId}
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="mt-1 w-full rounded-md border border-border px-3 py-2 text-sm"
        />
        {error ? (
          <Notice tone="danger" className="mt-3" live>
            {error}
          </Notice>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Keep share
          </Button>
          <Button variant="danger" onClick={() => run("revoke")} disabled={pending}>
            {pending ? "Sending…" : isFailed ? "Yes, withdraw" : "Yes, remove share"}
          </Button>
        </div>
      </ConfirmDialog>
    </div>
  );
}
