"use client";

import { useActionState } from "react";
import { useRouter } from "next/navigation";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ConsoleActions } from "@/lib/console/console-actions";

export type AlertItem = {
  id: string;
  rule: string;
  summary: string;
  state: "OPEN" | "ACKNOWLEDGED" | "RESOLVED";
  openedAt: string;
  resolvedAt: string | null;
  acknowledgedBy: string | null;
  error: string | null;
};

const stateBadge: Record<AlertItem["state"], { tone: BadgeTone; label: string }> = {
  OPEN: { tone: "danger", label: "Open" },
  ACKNOWLEDGED: { tone: "warning", label: "Acknowledged" },
  RESOLVED: { tone: "success", label: "Resolved" },
};

function AcknowledgeButton({ alertId, action }: { alertId: string; action: ConsoleActions["acknowledgeAlertAction"] }) {
  const router = useRouter();
  const [state, submit, pending] = useActionState(
    async (previous: ActionResult<{ state: string }> | null, formData: FormData) => {
      const result = await action(previous, formData);
      if (result.ok) router.refresh();
      return result;
    },
    null,
  );
  return (
    <form action={submit} className="flex flex-col items-start gap-1">
      <input type="hidden" name="alertId" value={alertId} />
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {pending ? "Acknowledging…" : "Acknowledge"}
      </Button>
      {state && !state.ok ? (
        <Notice tone="danger" live>
          {state.message}
        </Notice>
      ) : null}
    </form>
  );
}

export function PipelineAlerts({
  alerts,
  acknowledgeAlertAction,
}: {
  alerts: AlertItem[];
  acknowledgeAlertAction: ConsoleActions["acknowledgeAlertAction"];
}) {
  return (
    <ul className="divide-y divide-border" aria-label="Pipeline alerts">
      {alerts.map((alert) => (
        <li
          key={alert.id}
          className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between"
          data-testid="pipeline-alert"
        >
          <div className="min-w-0">
            <p className="font-medium break-words">{alert.summary}</p>
            <p className="text-xs text-muted">
              <Badge tone={stateBadge[alert.state].tone}>{stateBadge[alert.state].label}</Badge>{" "}
              <span className="font-mono">{alert.rule}</span> · opened{" "}
              <time dateTime={alert.openedAt}>{alert.openedAt.replace("T", " ").slice(0, 16)} UTC</time>
              {alert.resolvedAt ? (
                <>
                  {" "}
                  · resolved{" "}
                  <time dateTime={alert.resolvedAt}>{alert.resolvedAt.replace("T", " ").slice(0, 16)} UTC</time>
                </>
              ) : null}
              {alert.acknowledgedBy ? ` · acknowledged by ${alert.acknowledgedBy}` : null}
            </p>
            {alert.error ? <p className="mt-1 break-words font-mono text-xs">{alert.error}</p> : null}
          </div>
          {alert.state === "OPEN" ? <AcknowledgeButton alertId={alert.id} action={acknowledgeAlertAction} /> : null}
        </li>
      ))}
    </ul>
  );
}
