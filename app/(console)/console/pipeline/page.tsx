import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { RegionLabel } from "@/components/ui/region-label";
import { FreshnessChart } from "@/components/console/freshness-chart";
import { PipelineAlerts, type AlertItem } from "@/components/console/pipeline-alerts";
import { PipelineHealthTable } from "@/components/console/pipeline-health-table";
import { requireStaff } from "@/lib/auth/guards";
import { getPipelineOverview } from "@/lib/pipeline-health/pipeline-overview";
import { configuredThresholds } from "@/lib/pipeline-health/thresholds";
import { acknowledgeAlertAction } from "../actions";

export const metadata: Metadata = { title: "Pipeline" };

export default async function PipelinePage() {
  await requireStaff();
  const now = new Date();
  const thresholds = configuredThresholds();
  let overview: Awaited<ReturnType<typeof getPipelineOverview>>;
  try {
    overview = await getPipelineOverview();
  } catch {
    return (
      <>
        <PageHeader title="Pipeline" />
        <Notice tone="danger" title="The pipeline's health could not be read">
          Floe could not read its pipeline samples from its database. Reload in a moment; if it persists, check the
          worker&apos;s and the database&apos;s logs.
        </Notice>
      </>
    );
  }
  const alerts: AlertItem[] = overview.alerts.map((a) => ({
    id: a.id,
    rule: a.rule,
    summary: a.summary,
    state: a.state,
    openedAt: a.openedAt.toISOString(),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy ? (a.acknowledgedBy.name ?? a.acknowledgedBy.email) : null,
    error:
      typeof (a.details as { error?: unknown })?.error === "string" ? (a.details as { error: string }).error : null,
  }));
  const open = alerts.filter((a) => a.state !== "RESOLVED").length;

  return (
    <>
      <PageHeader
        title="Pipeline"
        description={`The lake's streams and tasks per region, as the worker last sampled them: state, failures with Snowflake's error text, freshness and alerts. Freshness target ${thresholds.freshnessSloMinutes} min; replication target ${thresholds.replicationSloMinutes} min.`}
      />
      {overview.problems.length > 0 ? (
        <Notice tone="warning" title="Some reads failed at the last sample" className="mb-4">
          <ul className="space-y-1 text-sm">
            {overview.problems.map((p) => (
              <li key={`${p.region}-${p.kind}`}>
                <RegionLabel id={p.region} /> · {p.kind.toLowerCase().replace("_", " ")}:{" "}
                <span className="break-words font-mono text-xs">{p.error}</span>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <Card title={`Alerts${open ? ` (${open} open)` : ""}`} className="mb-6">
        {alerts.length === 0 ? (
          <EmptyState
            title="No alerts"
            description="An alert opens when a rule is broken and resolves itself when it holds again."
          />
        ) : (
          <PipelineAlerts alerts={alerts} acknowledgeAlertAction={acknowledgeAlertAction} />
        )}
      </Card>
      <Card title="Per region and dataset" className="mb-6">
        {overview.datasets.length === 0 ? (
          <EmptyState
            title="No pipeline samples yet"
            description="The worker samples every provider account's tasks, streams, replication and freshness on a schedule; the first round appears here."
          />
        ) : (
          <PipelineHealthTable rows={overview.datasets} now={now} />
        )}
      </Card>
      {overview.refreshes.length > 0 ? (
        <Card title="Replication refreshes" className="mb-6">
          <ul className="space-y-2 text-sm">
            {overview.refreshes.map((r) => (
              <li key={`${r.region}-${r.groupName}`} data-testid="pipeline-refresh">
                <span className="font-mono text-xs">{r.groupName}</span> into <RegionLabel id={r.region} />: last
                refresh <strong>{r.phase === "COMPLETED" ? "completed" : r.phase.toLowerCase()}</strong> at{" "}
                <time dateTime={r.startedAt.toISOString()}>
                  {r.startedAt.toISOString().replace("T", " ").slice(0, 16)} UTC
                </time>
                {r.error ? <span className="block break-words font-mono text-xs">{r.error}</span> : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Freshness over time">
        {overview.series.length === 0 ? (
          <EmptyState
            title="No freshness samples yet"
            description="The chart fills as the worker samples each region's heartbeat."
          />
        ) : (
          <FreshnessChart series={overview.series} sloMinutes={thresholds.freshnessSloMinutes} />
        )}
      </Card>
    </>
  );
}
