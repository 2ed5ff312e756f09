"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/safe-action";

type ReissueAction = (input: unknown) => Promise<ActionResult<unknown>>;

/** Staff: a new single-use login link for the brand (the old one stops working). */
export function ReissueLinkButton({ requestId, action }: { requestId: string; action: ReissueAction }) {
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const answer = await action({ requestId });
            setResult(answer);
            if (answer.ok) router.refresh();
          })
        }
      >
        {pending ? "Sending…" : "Send a new login link"}
      </Button>
      {result ? (
        result.ok ? (
          <Notice tone="success" title="A new link was e-mailed to the requester" live>
            The previous link no longer works.
          </Notice>
        ) : (
          <Notice tone="danger" title="No new link" live>
            {result.message}
          </Notice>
        )
      ) : null}
    </div>
  );
}
