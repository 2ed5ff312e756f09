"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { inputClasses } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/actions/safe-action";

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

/** Approve or decline a brand's pending renewal (a reason is optional, shown to the brand when declined). */
export function RenewalDecision({
  renewalId,
  requestedEndsAt,
  action,
}: {
  renewalId: string;
  requestedEndsAt: string;
  action: Action;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  const decide = (approve: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await action({ renewalId, approve, reason: reason || undefined });
      if (!result.ok) return setError(result.message);
      router.refresh();
    });

  return (
    <div className="space-y-2 text-sm">
      <p>
        The brand asks to keep the share until <strong>{requestedEndsAt}</strong>.
      </p>
      <label htmlFor={id} className="block font-medium">
        Reason <span className="font-normal text-muted">(optional, shown to the brand if declined)</span>
      </label>
      <input
        id={id}
        value={reason}
        maxLength={1000}
        onChange={(e) => setReason(e.target.value)}
        className={`${inputClasses} w-full`}
      />
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending} onClick={() => decide(true)}>
          Approve renewal
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => decide(false)}>
          Decline renewal
        </Button>
      </div>
      <FieldError id={`${id}-error`} messages={error ? [error] : undefined} />
    </div>
  );
}
