// The alert thresholds (README: Pipeline health → Alert rules), from the environment (lib/config.ts) with
// documented defaults. Tests pass their own. Pure apart from reading the validated config.
import { getConfig } from "@/lib/config";

export type PipelineThresholds = {
  /** TASK_FAILING: this many FAILED runs in a row (newest first) open an alert. */
  taskFailures: number;
  /** STREAM_STALE: a stream stale, or stale within this many hours. */
  streamStaleHours: number;
  /** FRESHNESS_LAG: newest event in a region × lake × dataset older than this. */
  freshnessSloMinutes: number;
  /** REPLICATION_REFRESH: replica's primary snapshot older than this (or the last refresh failed). */
  replicationSloMinutes: number;
  /** Samples older than this are pruned. */
  retentionDays: number;
};

export function configuredThresholds(): PipelineThresholds {
  const c = getConfig();
  return {
    taskFailures: c.FLOE_PIPELINE_TASK_FAILURES,
    streamStaleHours: c.FLOE_PIPELINE_STREAM_STALE_HOURS,
    freshnessSloMinutes: c.FLOE_PIPELINE_FRESHNESS_SLO_MINUTES,
    replicationSloMinutes: c.FLOE_PIPELINE_REPLICATION_SLO_MINUTES,
    retentionDays: c.FLOE_PIPELINE_RETENTION_DAYS,
  };
}
