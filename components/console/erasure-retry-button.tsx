"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/safe-action";

/** Staff run a FAILED erasure again (audited; the request goes back to the queue). */
export function ErasureRetryButton({
  erasureId,
  action,
}: {
  erasureId: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ erasureId });
            setError(result.ok ? null : result.message);
            router.refresh();
          })
        }
      >
        Retry<span className="sr-only"> erasure {erasureId}</span>
      </Button>
      {error ? (
        <span className="text-sm text-danger" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
