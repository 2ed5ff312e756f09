"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { RevealOutcome } from "@/lib/reader-accounts/reveal-credentials";

type RevealAction = (input: unknown) => Promise<ActionResult<RevealOutcome>>;

/** One button; the answer (the login, or why not) replaces it. The password is held only in this component's state. */
export function ReaderLoginReveal({
  orgSlug,
  requestId,
  token,
  action,
}: {
  orgSlug: string;
  requestId: string;
  token: string;
  action: RevealAction;
}) {
  const [result, setResult] = useState<ActionResult<RevealOutcome> | null>(null);
  const [pending, startTransition] = useTransition();
  const reveal = () =>
    startTransition(async () => setResult(await action({ orgSlug, requestId, ...(token ? { token } : {}) })));

  if (!result)
    return (
      <div className="space-y-3">
        <p className="text-sm">
          The password can be shown <strong>once</strong>. Have a password manager ready, then press the button.
        </p>
        <Button type="button" onClick={reveal} disabled={pending}>
          {pending ? "Opening…" : "Show the login once"}
        </Button>
      </div>
    );
  if (!result.ok)
    return (
      <Notice tone="danger" title="The login could not be shown" live>
        {result.message}
      </Notice>
    );
  const r = result.data;
  switch (r.outcome) {
    case "revealed":
      return (
        <div className="space-y-3" data-testid="reader-login">
          <Notice tone="warning" title="Copy this now: it will not be shown again" live>
            Change the password when you first log in (Snowflake: your user → Profile → Password).
          </Notice>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="font-medium">Account URL</dt>
            <dd>
              <code className="font-mono">{r.url}</code>
            </dd>
            <dt className="font-medium">Account locator</dt>
            <dd>
              <code className="font-mono">{r.locator}</code>
            </dd>
            <dt className="font-medium">User</dt>
            <dd>
              <code className="font-mono">{r.adminName}</code>
            </dd>
            <dt className="font-medium">One-time password</dt>
            <dd>
              <code className="font-mono" data-testid="reader-password">
                {r.password}
              </code>
            </dd>
          </dl>
        </div>
      );
    case "already-used":
      return (
        <Notice tone="info" title="This login was already shown" live>
          It was opened on {new Date(r.deliveredAt).toUTCString()} and the password was then erased from Floe. If you no
          longer have it, ask your account manager.
        </Notice>
      );
    case "expired":
      return (
        <Notice tone="info" title="This link has expired" live>
          Ask your account manager for a new link.
        </Notice>
      );
    case "invalid":
      return (
        <Notice tone="danger" title="This link is not valid" live>
          Open the link from the most recent e-mail, or ask your account manager for a new one.
        </Notice>
      );
    case "not-ready":
      return (
        <Notice tone="info" title="Your reader account is not ready yet" live>
          Snowflake may take a few minutes to make a new reader account available. Try again shortly.
        </Notice>
      );
  }
}
