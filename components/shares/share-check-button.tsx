"use client";

import { useActionState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/safe-action";
import { describeShareCheck, type ShareCheckView } from "@/lib/provisioning/drift/share-check.types";

/**
 * A drift check on demand: staff "Re-apply" on the console's request page, the brand's "Check my share" on
 * its request page. The action checks the share against its plan in Snowflake, starts a repair run for what
 * is missing, and answers with what it found; the result stays on the page below the button.
 */
export function ShareCheckButton({
  label,
  pendingLabel,
  fields,
  action,
  showProblems = true,
}: {
  label: string;
  pendingLabel: string;
  /** Hidden inputs of the form (requestId, and orgSlug on the brand side). */
  fields: Record<string, string>;
  action: (previous: ActionResult<ShareCheckView> | null, formData: FormData) => Promise<ActionResult<ShareCheckView>>;
  showProblems?: boolean;
}) {
  const router = useRouter();
  const [state, submit, pending] = useActionState(
    async (previous: ActionResult<ShareCheckView> | null, formData: FormData) => {
      const result = await action(previous, formData);
      if (result.ok && result.data.status === "repairing") router.refresh();
      return result;
    },
    null,
  );
  const described = state?.ok ? describeShareCheck(state.data) : null;
  return (
    <div className="flex flex-col gap-3">
      <form action={submit}>
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <Button type="submit" variant="secondary" size="sm" disabled={pending}>
          {pending ? pendingLabel : label}
        </Button>
      </form>
      {state && !state.ok ? (
        <Notice tone="danger" live="assertive" tinted>
          {state.message}
        </Notice>
      ) : null}
      {state?.ok && described ? (
        <Notice tone={described.tone} live tinted>
          <p>{described.text}</p>
          {showProblems && state.data.problems.length > 0 ? (
            <ul className="mt-2 list-disc pl-5 font-mono text-xs">
              {state.data.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
    </div>
  );
}
