"use client";

import { useActionState, useId } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { FormField, describedBy, textareaClasses } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ConsoleActions } from "@/lib/console/console-actions";
import type { ActionResult } from "@/lib/actions/safe-action";
import { consoleKeys } from "@/lib/console/query-keys";
import { WAIVER_REASON_MAX } from "@/lib/console/request-actions.limits";
import type { AccountControlView } from "@/lib/console/request-review";

/**
 * Whether the brand has proven control of the consumer account, and — while the request waits for the
 * brand's code — the waiver (with a reason that goes into the audit log).
 */
export function AccountControlPanel({
  requestId,
  consumerAccount,
  control,
  waiveProofAction,
}: {
  requestId: string;
  consumerAccount: string;
  control: AccountControlView;
  waiveProofAction: ConsoleActions["waiveProofAction"];
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const [state, waive, waiving] = useActionState(
    async (previous: ActionResult<{ runId: string }> | null, formData: FormData) => {
      const result = await waiveProofAction(previous, formData);
      if (result.ok) {
        void queryClient.invalidateQueries({ queryKey: consoleKeys.runs(requestId) });
        router.refresh();
      }
      return result;
    },
    null,
  );
  const reasonErrors = state && !state.ok ? state.fieldErrors?.reason : undefined;
  const message = state && !state.ok && !reasonErrors ? state.message : null;

  if (control.proven) {
    return (
      <p className="text-sm" data-testid="account-control">
        Control of <span className="font-mono">{consumerAccount}</span> is{" "}
        <strong>{control.method === "CODE" ? "proven" : "waived"}</strong>
        {control.method === "CODE"
          ? " (the brand entered the one-time code read through a share)"
          : control.reason
            ? ` — reason: ${control.reason}`
            : ""}
        . Shares into this account skip the proof step.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm" data-testid="account-control">
        Control of <span className="font-mono">{consumerAccount}</span> is <strong>not proven</strong> for this brand.{" "}
        {control.waiting
          ? "The share is set up with a one-time code and no data; the brand has been asked to read it in the account and enter it."
          : "The first run creates the share with a one-time code only; data flows after the brand enters it (or you waive the proof)."}
      </p>
      {control.waiting ? (
        <form action={waive} className="flex flex-col gap-3" noValidate>
          <input type="hidden" name="requestId" value={requestId} />
          <FormField
            id={`${id}-reason`}
            label="Reason for waiving the proof (kept in the audit log)"
            errors={reasonErrors}
          >
            <textarea
              id={`${id}-reason`}
              name="reason"
              maxLength={WAIVER_REASON_MAX}
              className={textareaClasses}
              aria-invalid={reasonErrors ? true : undefined}
              aria-describedby={describedBy(`${id}-reason`, { errors: reasonErrors })}
            />
          </FormField>
          {message ? (
            <Notice tone="danger" live="assertive" tinted>
              {message}
            </Notice>
          ) : null}
          <div>
            <Button type="submit" variant="secondary" disabled={waiving}>
              {waiving ? "Waiving…" : "Waive proof and share the data"}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
