"use client";

import { useActionState, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Notice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField, describedBy, inputClasses, textareaClasses } from "@/components/ui/form-field";
import type { ConsoleActions } from "@/lib/console/console-actions";
import type { ActionResult } from "@/lib/actions/safe-action";
import { consoleKeys } from "@/lib/console/query-keys";

/**
 * Revocation behind a confirmation that names the consumer account, which the manager types back: the
 * one irreversible action in the console should never be a misclick on the wrong row.
 */
export function RevokeShareButton({
  requestId,
  consumerAccount,
  shareName,
  revokeShareAction,
  label = "Revoke share…",
}: {
  requestId: string;
  consumerAccount: string;
  shareName: string | null;
  revokeShareAction: ConsoleActions["revokeShareAction"];
  label?: string;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [state, revoke, revoking] = useActionState(
    async (previous: ActionResult<{ runId: string }> | null, formData: FormData) => {
      const result = await revokeShareAction(previous, formData);
      if (result.ok) {
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: consoleKeys.runs(requestId) });
        router.refresh();
      }
      return result;
    },
    null,
  );
  const id = useId();

  const confirmErrors = state && !state.ok ? state.fieldErrors?.confirmAccount : undefined;
  const reasonErrors = state && !state.ok ? state.fieldErrors?.reason : undefined;
  const message = state && !state.ok && !confirmErrors && !reasonErrors ? state.message : null;

  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        {label}
      </Button>
      {state?.ok ? (
        <span role="status" className="sr-only">
          Revocation started.
        </span>
      ) : null}
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Revoke access for ${consumerAccount}?`}
        labelledBy={`${id}-title`}
      >
        <form action={revoke} className="flex flex-col gap-4" noValidate>
          <input type="hidden" name="requestId" value={requestId} />
          <p className="text-sm">
            Consumer account <span className="font-mono font-semibold">{consumerAccount}</span> loses access to share{" "}
            <span className="font-mono">{shareName ?? "—"}</span> at once: Floe removes the account, deletes its
            entitlement rows and drops the share.
          </p>
          <FormField id={`${id}-confirm`} label={`Type ${consumerAccount} to confirm`} errors={confirmErrors}>
            <input
              id={`${id}-confirm`}
              name="confirmAccount"
              autoComplete="off"
              spellCheck={false}
              required
              aria-invalid={confirmErrors ? true : undefined}
              aria-describedby={describedBy(`${id}-confirm`, { errors: confirmErrors })}
              className={`${inputClasses} font-mono`}
            />
          </FormField>
          <FormField id={`${id}-reason`} label="Reason (optional, kept in the audit log)" errors={reasonErrors}>
            <textarea
              id={`${id}-reason`}
              name="reason"
              maxLength={1000}
              className={textareaClasses}
              aria-describedby={describedBy(`${id}-reason`, { errors: reasonErrors })}
            />
          </FormField>
          {message ? (
            <Notice tone="danger" live="assertive" tinted>
              {message}
            </Notice>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep the share
            </Button>
            <Button type="submit" variant="danger" disabled={revoking}>
              {revoking ? "Revoking…" : "Revoke share"}
            </Button>
          </div>
        </form>
      </ConfirmDialog>
    </>
  );
}
