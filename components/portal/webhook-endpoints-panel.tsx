"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { FormField, inputClasses } from "@/components/ui/form-field";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/safe-action";

type Action<T> = (input: unknown) => Promise<ActionResult<T>>;

export type WebhookEndpointRow = {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  lastDelivery: { state: string; status: number | null; at: string } | null;
};

/** Add (the signing secret is shown once), list and disable the organisation's webhook endpoints. */
export function WebhookEndpointsPanel({
  orgSlug,
  endpoints,
  createAction,
  disableAction,
}: {
  orgSlug: string;
  endpoints: WebhookEndpointRow[];
  createAction: Action<{ id: string; secret: string }>;
  disableAction: Action<unknown>;
}) {
  const [url, setUrl] = useState("");
  const [error, setError] = useState<{ message: string; fields?: Record<string, string[]> } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const urlId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await createAction({ orgSlug, url, events: ["request.state_changed"] });
      if (!result.ok) return setError({ message: result.message, fields: result.fieldErrors });
      setSecret(result.data.secret);
      setUrl("");
      router.refresh();
    });
  }

  return (
    <Card
      title="Webhooks"
      description="Floe posts a signed request.state_changed event to each endpoint when one of your requests changes state (header X-Floe-Signature; see the API documentation for how to verify it)."
    >
      <div className="space-y-6">
        {secret ? (
          <Notice tone="success" title="Endpoint added: copy its signing secret now">
            <CodeBlock code={secret} label="Signing secret" copyLabel="Copy secret" testId="new-webhook-secret" />
          </Notice>
        ) : null}
        <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Add a webhook endpoint">
          <FormField id={urlId} label="Endpoint URL" hint="https only" errors={error?.fields?.url}>
            <input
              id={urlId}
              type="url"
              inputMode="url"
              value={url}
              maxLength={2000}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://hooks.example.com/floe"
              aria-invalid={error?.fields?.url ? true : undefined}
              className={`${inputClasses} w-full`}
            />
          </FormField>
          {error && !error.fields?.url ? <Notice tone="danger">{error.message}</Notice> : null}
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add endpoint"}
          </Button>
        </form>
        {endpoints.length === 0 ? (
          <p className="text-sm text-muted">No endpoints yet.</p>
        ) : (
          <ul className="divide-y divide-border" aria-label="Webhook endpoints">
            {endpoints.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0 text-sm">
                  <p className="break-all font-mono">{e.url}</p>
                  <p className="text-muted">
                    {e.enabled ? (e.events.length ? e.events.join(", ") : "every event") : "disabled"}
                    {e.lastDelivery
                      ? ` · last delivery ${e.lastDelivery.state.toLowerCase()}${e.lastDelivery.status ? ` (HTTP ${e.lastDelivery.status})` : ""}`
                      : ""}
                  </p>
                </div>
                {e.enabled ? (
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={pending}
                    onClick={() =>
                      startTransition(async () => {
                        const result = await disableAction({ orgSlug, endpointId: e.id });
                        if (!result.ok) setError({ message: result.message });
                        router.refresh();
                      })
                    }
                  >
                    Disable<span className="sr-only"> {e.url}</span>
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
