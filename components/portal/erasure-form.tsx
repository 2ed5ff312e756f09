"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField, describedBy, textareaClasses } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import { ErasureWorkspaceSelect } from "./erasure-workspace-select";
import type { ActionResult } from "@/lib/actions/safe-action";

type Action = (input: unknown) => Promise<ActionResult<unknown>>;

/** 128 random bits as hex: getRandomValues works outside secure contexts too (randomUUID does not). */
function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The brand's erasure request: identifiers one per line, an optional workspace. One idempotency key per
 * form shown, so a double click or a retry after a lost response files one request. On an error the text
 * stays as typed and every bad line is listed.
 */
export function ErasureForm({
  action,
  scope,
  receiptBase,
  workspaces,
}: {
  action: Action;
  /** Who it is for: `{ orgSlug }` in the portal, `{ organizationId }` in the console (checked on the server). */
  scope: Record<string, string>;
  /** Once filed, go to `${receiptBase}${id}` (the receipt); without it the form clears and the page refreshes. */
  receiptBase?: string;
  workspaces: { id: string; name: string }[];
}) {
  const [identifiers, setIdentifiers] = useState("");
  const [workspaceId, setWorkspaceId] = useState("");
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  const [lineErrors, setLineErrors] = useState<string[] | undefined>();
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const fieldId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setLineErrors(undefined);
    startTransition(async () => {
      const result = await action({ ...scope, identifiers, workspaceId: workspaceId || undefined, idempotencyKey });
      if (!result.ok) {
        setError(result.message);
        setLineErrors(result.fieldErrors?.identifiers);
        return;
      }
      const id = (result.data as { id: string }).id;
      if (receiptBase) router.push(`${receiptBase}${id}`);
      else {
        setIdentifiers("");
        setIdempotencyKey(newKey()); // the next request is a new one
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error ? (
        <Notice tone="danger" live title="The request was not filed">
          {error}
        </Notice>
      ) : null}
      <FormField
        id={`${fieldId}-ids`}
        label="Identifiers to erase"
        hint="One per line: an external user id, or an e-mail address (matched regardless of case). Up to 50."
        errors={lineErrors}
      >
        <textarea
          id={`${fieldId}-ids`}
          name="identifiers"
          value={identifiers}
          onChange={(e) => setIdentifiers(e.target.value)}
          rows={8}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={lineErrors ? true : undefined}
          aria-describedby={describedBy(`${fieldId}-ids`, { hint: true, errors: lineErrors })}
          className={`${textareaClasses} w-full font-mono`}
        />
      </FormField>
      <ErasureWorkspaceSelect
        id={`${fieldId}-ws`}
        workspaces={workspaces}
        value={workspaceId}
        onChange={setWorkspaceId}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Filing…" : "Erase these subjects"}
      </Button>
    </form>
  );
}
