"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/safe-action";

/** Staff revoke a brand's API token (audited in that brand's trail). */
export function StaffTokenRevokeButton({
  tokenId,
  name,
  action,
}: {
  tokenId: string;
  name: string;
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
            const result = await action({ tokenId });
            if (!result.ok) setError(result.message);
            router.refresh();
          })
        }
      >
        Revoke<span className="sr-only"> {name}</span>
      </Button>
      {error ? <span className="text-sm text-danger">{error}</span> : null}
    </span>
  );
}
