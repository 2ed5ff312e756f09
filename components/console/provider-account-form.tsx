"use client";

import { useActionState, useId } from "react";
import { Notice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";
import { FormField, describedBy, inputClasses } from "@/components/ui/form-field";
import type { ConsoleActions } from "@/lib/console/console-actions";

type Account = {
  id: string;
  accountName: string;
  region: string;
  username: string;
  secretRef: string;
  maxConcurrency: number;
};

/**
 * The connection settings an admin may change. The secret itself never appears: Floe stores only where it
 * lives (env:VAR or file:path), and the field refuses anything that looks like a pasted key.
 */
export function ProviderAccountForm({
  account,
  updateProviderAccountAction,
}: {
  account: Account;
  updateProviderAccountAction: ConsoleActions["updateProviderAccountAction"];
}) {
  const [state, save, saving] = useActionState(updateProviderAccountAction, null);
  const id = useId();
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const field = (name: keyof typeof errors & string) => ({ id: `${id}-${name}`, errors: errors[name] });

  return (
    <form
      action={save}
      className="grid gap-3 sm:grid-cols-[1fr_1.5fr_8rem_auto] sm:items-start"
      aria-label={`Connection of ${account.accountName} (${account.region})`}
      noValidate
    >
      <input type="hidden" name="providerAccountId" value={account.id} />
      <FormField {...field("username")} label="Username">
        <input
          id={field("username").id}
          name="username"
          defaultValue={account.username}
          required
          className={`${inputClasses} font-mono`}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={describedBy(field("username").id, { errors: errors.username })}
        />
      </FormField>
      <FormField {...field("secretRef")} label="Secret reference">
        <input
          id={field("secretRef").id}
          name="secretRef"
          defaultValue={account.secretRef}
          required
          autoComplete="off"
          spellCheck={false}
          className={`${inputClasses} font-mono`}
          aria-invalid={errors.secretRef ? true : undefined}
          aria-describedby={describedBy(field("secretRef").id, { errors: errors.secretRef })}
        />
      </FormField>
      <FormField {...field("maxConcurrency")} label="Max concurrency">
        <input
          id={field("maxConcurrency").id}
          name="maxConcurrency"
          type="number"
          min={1}
          max={64}
          defaultValue={account.maxConcurrency}
          required
          className={inputClasses}
          aria-invalid={errors.maxConcurrency ? true : undefined}
          aria-describedby={describedBy(field("maxConcurrency").id, { errors: errors.maxConcurrency })}
        />
      </FormField>
      <div className="flex flex-col gap-1 sm:pt-6">
        <Button type="submit" variant="secondary" disabled={saving}>
          {saving ? "Saving…" : "Save"}
        </Button>
      </div>
      {state?.ok ? (
        <Notice tone="success" live="assertive" tinted className="sm:col-span-4">
          {state.data.changed.length
            ? `Saved (${state.data.changed.join(", ")}). Workers pick up new settings when they next connect.`
            : "Nothing changed."}
        </Notice>
      ) : null}
      {state && !state.ok && !state.fieldErrors ? (
        <Notice tone="danger" live="assertive" tinted className="sm:col-span-4">
          {state.message}
        </Notice>
      ) : null}
    </form>
  );
}
