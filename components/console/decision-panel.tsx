"use client";

import { useActionState, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormField, describedBy, textareaClasses } from "@/components/ui/form-field";
import type { ConsoleActions } from "@/lib/console/console-actions";
import type { ActionResult } from "@/lib/actions/safe-action";
import { REJECTION_REASON_MAX, REJECTION_REASON_MIN } from "@/lib/console/request-actions.limits";

type Props = {
  requestId: string;
  consumerAccount: string;
  shareName: string | null;
  stepCount: number | null;
  /** Why approving is impossible (the planner's message), or null. */
  planError: string | null;
  /** The viewer submitted this request: say so before they try. */
  isOwnRequest: boolean;
  approveRequestAction: ConsoleActions["approveRequestAction"];
  rejectRequestAction: ConsoleActions["rejectRequestAction"];
};

/**
 * Approve (after a confirmation naming what will be created) or reject with a reason. Errors from the
 * commands (self-approval, "already approved by …") are shown as they come; after a conflict the page is
 * not refreshed on its own, so the message stays readable until the manager reloads.
 */
export function DecisionPanel({
  requestId,
  consumerAccount,
  shareName,
  stepCount,
  planError,
  isOwnRequest,
  approveRequestAction,
  rejectRequestAction,
}: Props) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  // Wrapped so the follow-ups happen in the action's own transition (no effects chasing its result).
  const [approveState, approve, approving] = useActionState(
    async (previous: ActionResult<{ runId: string }> | null, formData: FormData) => {
      const result = await approveRequestAction(previous, formData);
      setConfirming(false);
      if (result.ok) router.refresh();
      return result;
    },
    null,
  );
  const [rejectState, reject, rejecting] = useActionState(
    async (previous: ActionResult<{ state: "REJECTED" }> | null, formData: FormData) => {
      const result = await rejectRequestAction(previous, formData);
      if (result.ok) router.refresh();
      return result;
    },
    null,
  );
  const titleId = useId();
  const reasonId = useId();

  const approveError = approveState && !approveState.ok ? approveState.message : null;
  const rejectErrors = rejectState && !rejectState.ok ? rejectState.fieldErrors?.reason : undefined;
  const rejectMessage = rejectState && !rejectState.ok && !rejectErrors ? rejectState.message : null;

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section aria-labelledby={`${titleId}-approve`} className="flex flex-col gap-3">
        <h3 id={`${titleId}-approve`} className="font-semibold">
          Approve
        </h3>
        {planError ? (
          <Notice tone="warning" live="assertive" tinted title="This request cannot be provisioned as it stands">
            {planError}
          </Notice>
        ) : (
          <>
            <p className="text-sm text-muted">
              Floe then runs the plan below{stepCount ? ` (${stepCount} steps)` : ""} and shares the data with{" "}
              <span className="font-mono">{consumerAccount}</span>.
            </p>
            {isOwnRequest ? (
              <Notice tone="info" live="assertive" tinted>
                You submitted this request, so another account manager has to approve it.
              </Notice>
            ) : null}
            <div>
              <Button onClick={() => setConfirming(true)} disabled={approving}>
                Approve…
              </Button>
            </div>
          </>
        )}
        {approveError ? (
          <Notice tone="danger" live="assertive" tinted title="Not approved">
            {approveError}{" "}
            <button type="button" className="underline" onClick={() => router.refresh()}>
              Show the current state
            </button>
          </Notice>
        ) : null}
        <ConfirmDialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title="Approve this share?"
          labelledBy={`${titleId}-confirm`}
        >
          <form action={approve} className="flex flex-col gap-4">
            <input type="hidden" name="requestId" value={requestId} />
            <p className="text-sm">
              Floe will create share <span className="font-mono">{shareName ?? "—"}</span> and add consumer account{" "}
              <span className="font-mono font-semibold">{consumerAccount}</span>. The requester is notified.
            </p>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={approving} autoFocus>
                {approving ? "Approving…" : "Approve and provision"}
              </Button>
            </div>
          </form>
        </ConfirmDialog>
      </section>

      <section aria-labelledby={`${titleId}-reject`} className="flex flex-col gap-3">
        <h3 id={`${titleId}-reject`} className="font-semibold">
          Reject
        </h3>
        <form action={reject} className="flex flex-col gap-3" noValidate>
          <input type="hidden" name="requestId" value={requestId} />
          <FormField
            id={reasonId}
            label="Reason (sent to the requester)"
            hint={`${REJECTION_REASON_MIN} to ${REJECTION_REASON_MAX} characters.`}
            errors={rejectErrors}
          >
            <textarea
              id={reasonId}
              name="reason"
              maxLength={REJECTION_REASON_MAX}
              required
              aria-invalid={rejectErrors ? true : undefined}
              aria-describedby={describedBy(reasonId, { hint: true, errors: rejectErrors })}
              className={textareaClasses}
            />
          </FormField>
          {rejectMessage ? (
            <Notice tone="danger" live="assertive" tinted>
              {rejectMessage}
            </Notice>
          ) : null}
          <div>
            <Button type="submit" variant="danger" disabled={rejecting}>
              {rejecting ? "Rejecting…" : "Reject request"}
            </Button>
          </div>
        </form>
      </section>
    </div>
  );
}
