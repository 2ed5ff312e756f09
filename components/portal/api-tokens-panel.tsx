"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { FormField, inputClasses } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/safe-action";
import { API_TOKEN_NAME_MAX_LENGTH, apiScopeDescriptions, apiScopes, type ApiScope } from "@/lib/api/api-scopes";

type Action<T> = (input: unknown) => Promise<ActionResult<T>>;

export type ApiTokenRow = {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string;
};

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") + " UTC" : "never");

/** Create (the token is shown once), list and revoke the organisation's API tokens. Owners only. */
export function ApiTokensPanel({
  orgSlug,
  tokens,
  createAction,
  revokeAction,
}: {
  orgSlug: string;
  tokens: ApiTokenRow[];
  createAction: Action<{ id: string; token: string }>;
  revokeAction: Action<unknown>;
}) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["read"]);
  const [error, setError] = useState<{ message: string; fields?: Record<string, string[]> } | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const nameId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await createAction({ orgSlug, name, scopes });
      if (!result.ok) return setError({ message: result.message, fields: result.fieldErrors });
      setCreated(result.data.token);
      setName("");
      router.refresh();
    });
  }

  function revoke(tokenId: string) {
    startTransition(async () => {
      const result = await revokeAction({ orgSlug, tokenId });
      if (!result.ok) setError({ message: result.message });
      router.refresh();
    });
  }

  return (
    <Card
      title="API tokens"
      description="Each call acts as the owner who created the token, with that person's current role."
    >
      <div className="space-y-6">
        {created ? (
          <Notice tone="success" title="Token created: copy it now">
            <p className="mb-2">This is the only time Floe shows it; only a hash is kept.</p>
            <CodeBlock code={created} label="API token" copyLabel="Copy token" testId="new-api-token" />
          </Notice>
        ) : null}
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create an API token">
          <FormField id={nameId} label="Token name" errors={error?.fields?.name}>
            <input
              id={nameId}
              value={name}
              maxLength={API_TOKEN_NAME_MAX_LENGTH}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. Data platform CI"
              aria-invalid={error?.fields?.name ? true : undefined}
              className={`${inputClasses} w-full sm:w-80`}
            />
          </FormField>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Scopes</legend>
            {apiScopes.map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-1"
                  checked={scopes.includes(scope)}
                  onChange={(e) => setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))}
                />
                <span>
                  <code className="font-mono">{scope}</code> — {apiScopeDescriptions[scope]}
                </span>
              </label>
            ))}
            {error?.fields?.scopes ? <p className="text-sm text-danger">{error.fields.scopes.join(" ")}</p> : null}
          </fieldset>
          {error && !error.fields ? <Notice tone="danger">{error.message}</Notice> : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create token"}
          </Button>
        </form>
        {tokens.length === 0 ? (
          <p className="text-sm text-muted">No tokens yet.</p>
        ) : (
          <ul className="divide-y divide-border" aria-label="API tokens">
            {tokens.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0 text-sm">
                  <p className="font-medium">
                    {t.name} <code className="font-mono text-muted">{t.displayPrefix}…</code>
                  </p>
                  <p className="text-muted">
                    {t.scopes.join(", ")} · by {t.createdBy} · last used {day(t.lastUsedAt)}
                    {t.revokedAt ? ` · revoked ${day(t.revokedAt)}` : ""}
                  </p>
                </div>
                {t.revokedAt ? null : (
                  <Button variant="secondary" size="sm" disabled={pending} onClick={() => revoke(t.id)}>
                    Revoke<span className="sr-only"> {t.name}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
