"use client";

import { useActionState, useEffect, useId } from "react";
import { useRouter } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { Button } from "@/components/ui/button";
import { FormField, describedBy, inputClasses } from "@/components/ui/form-field";
import type { ConsoleActions } from "@/lib/console/console-actions";

/** Makes an existing (non-brand) user an account manager. */
export function GrantAccountManagerForm({
  grantAccountManagerAction,
}: Pick<ConsoleActions, "grantAccountManagerAction">) {
  const router = useRouter();
  const [state, grant, granting] = useActionState(grantAccountManagerAction, null);
  const id = useId();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors?.email : undefined;
  return (
    <form action={grant} className="flex flex-wrap items-end gap-3" noValidate>
      <FormField id={id} label="Make an account manager (email of an existing user)" errors={errors}>
        <input
          id={id}
          name="email"
          type="email"
          required
          className={`${inputClasses} w-72`}
          aria-invalid={errors ? true : undefined}
          aria-describedby={describedBy(id, { errors })}
        />
      </FormField>
      <Button type="submit" disabled={granting}>
        {granting ? "Granting…" : "Grant role"}
      </Button>
      {state?.ok ? (
        <Notice tone="success" live="assertive" tinted>
          Role granted.
        </Notice>
      ) : null}
      {state && !state.ok && !errors ? (
        <Notice tone="danger" live="assertive" tinted>
          {state.message}
        </Notice>
      ) : null}
    </form>
  );
}

/** Takes the account manager role away (their brands become unassigned). */
export function RevokeAccountManagerButton({
  userId,
  email,
  revokeAccountManagerAction,
}: { userId: string; email: string } & Pick<ConsoleActions, "revokeAccountManagerAction">) {
  const router = useRouter();
  const [state, revoke, revoking] = useActionState(revokeAccountManagerAction, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={revoke} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <Button
        type="submit"
        variant="ghost"
        size="sm"
        disabled={revoking}
        aria-label={`Revoke account manager role from ${email}`}
      >
        {revoking ? "Revoking…" : "Revoke role"}
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-danger">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

/** Lets this person's next SSO sign-in link their identity-provider account (the only way one is linked). */
export function AllowSsoLinkButton({
  userId,
  email,
  allowSsoLinkAction,
}: { userId: string; email: string } & Pick<ConsoleActions, "allowSsoLinkAction">) {
  const router = useRouter();
  const [state, allow, allowing] = useActionState(allowSsoLinkAction, null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={allow} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <Button
        type="submit"
        variant="ghost"
        size="sm"
        disabled={allowing}
        aria-label={`Allow ${email} to link an SSO account`}
      >
        {allowing ? "Allowing…" : "Allow SSO link"}
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-danger">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
