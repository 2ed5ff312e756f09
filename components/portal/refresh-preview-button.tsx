"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/safe-action";

type RefreshResult = ActionResult<{ status: "fresh" | "stale" | "error"; lastError: string | null }>;

/** Re-reads the preview from Snowflake now, then re-renders the page with what came back. */
export function RefreshPreviewButton({
  input,
  action,
}: {
  input: { orgSlug: string; datasetKey: string; region: string };
  action: (input: unknown) => Promise<RefreshResult>;
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const router = useRouter();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action(input);
            setMessage(
              !result.ok
                ? result.message
                : result.data.status === "fresh"
                  ? "Refreshed."
                  : (result.data.lastError ?? "The refresh did not complete."),
            );
            router.refresh();
          })
        }
      >
        {pending ? "Refreshing…" : "Refresh from Snowflake"}
      </Button>
      <span role="status" className="text-sm text-muted">
        {message}
      </span>
    </span>
  );
}
