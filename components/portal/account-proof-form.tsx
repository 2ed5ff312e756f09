"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/safe-action";
import { portalKeys } from "@/lib/portal/query-keys";
import { PROOF_CODE_MAX_LENGTH } from "@/lib/limits";

type ProveAction = (input: unknown) => Promise<ActionResult<unknown>>;

/**
 * Proof of account control: the two statements that mount the share and read its one-time code, and the
 * field to enter it. Until the code matches, the share shows the account nothing but that code.
 */
export function AccountProofForm({
  orgSlug,
  requestId,
  consumerAccount,
  statements,
  canProve,
  action,
}: {
  orgSlug: string;
  requestId: string;
  consumerAccount: string;
  statements: string[];
  canProve: boolean;
  action: ProveAction;
}) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const queryClient = useQueryClient();
  const inputId = useId();
  const errorId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await action({ orgSlug, requestId, code });
      if (!result.ok) {
        setError(result.fieldErrors?.code?.[0] ?? result.message);
        return;
      }
      setCode("");
      await queryClient.invalidateQueries({ queryKey: portalKeys.request(orgSlug, requestId) });
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">
        Before any data flows, confirm that <code className="font-mono text-ink">{consumerAccount}</code> is your
        account. The share is set up and shows that account one thing only: a one-time code. Run this there as
        ACCOUNTADMIN (or a role granted CREATE DATABASE and IMPORT SHARE), then enter the code. The database you create
        now is the one your data appears in afterwards.
      </p>
      <CodeBlock
        code={statements.join("\n") + "\n"}
        label="Mount the share and read the code"
        copyLabel="Copy SQL"
        testId="proof-sql"
      />
      {canProve ? (
        <form onSubmit={onSubmit} noValidate className="space-y-2">
          <label htmlFor={inputId} className="block text-sm font-medium">
            One-time code
          </label>
          <div className="flex flex-wrap items-start gap-2">
            <input
              id={inputId}
              name="code"
              type="text"
              autoComplete="one-time-code"
              spellCheck={false}
              maxLength={PROOF_CODE_MAX_LENGTH}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              placeholder="ABCD-EFGH-JKMN"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              className="h-10 w-56 rounded-md border border-border bg-surface px-3 font-mono text-sm uppercase"
            />
            <Button type="submit" disabled={pending || code.trim() === ""}>
              {pending ? "Checking…" : "Confirm account"}
            </Button>
          </div>
          <FieldError id={errorId} messages={error ? [error] : undefined} />
        </form>
      ) : (
        <Notice tone="info">An owner or member of your organisation enters the code.</Notice>
      )}
    </div>
  );
}
