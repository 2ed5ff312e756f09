"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import type { ActionResult } from "@/lib/actions/safe-action";

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

/**
 * One date field and a button: the brand's renewal request and staff's "set end date" share it. `input`
 * carries the ids the action needs; the date is sent as YYYY-MM-DD and checked on the server.
 */
export function EndDateForm({
  label,
  submitLabel,
  input,
  action,
  allowClear = false,
}: {
  label: string;
  submitLabel: string;
  input: Record<string, string>;
  action: Action;
  allowClear?: boolean;
}) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const id = useId();

  function send(endsAt: string | null) {
    setError(null);
    setDone(false);
    startTransition(async () => {
      const result = await action({ ...input, endsAt });
      if (!result.ok) return setError(result.fieldErrors?.endsAt?.[0] ?? result.message);
      setDone(true);
      setValue("");
      router.refresh();
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send(value);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex flex-wrap items-start gap-2">
        <input
          id={id}
          type="date"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="h-10 w-full rounded-md border border-border bg-surface px-3 text-sm sm:w-44"
        />
        <Button type="submit" disabled={pending || value === ""}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        {allowClear ? (
          <Button type="button" variant="ghost" disabled={pending} onClick={() => send(null)}>
            Remove end date
          </Button>
        ) : null}
      </div>
      <FieldError id={`${id}-error`} messages={error ? [error] : undefined} />
      {done ? (
        <p className="text-sm text-success" role="status">
          Saved.
        </p>
      ) : null}
    </form>
  );
}
