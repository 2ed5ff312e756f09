// The alert rules, as a pure function of one account's latest samples: which conditions hold right now.
// An alert opens when its condition first holds and resolves when a later round no longer finds it
// (alerts.ts). Subjects are stable names, so one incident stays one alert across rounds. README: Alert rules.
import type { PipelineAlertRule, PipelineSampleKind } from "@/lib/generated/prisma/enums";
import type { PipelineThresholds } from "./thresholds";
import { formatDuration } from "./format-duration";

export type AlertCondition = {
  rule: PipelineAlertRule;
  subject: string;
  region: string;
  datasetKey: string | null;
  summary: string;
  details: Record<string, string | number | boolean | null>;
};

export type RuleInputs = {
  region: string;
  measuredAt: Date;
  /** Per task, its newest finished runs first (at least `taskFailures` of them when there are). */
  taskRuns: Map<string, { state: string; errorMessage: string | null; datasetKey: string | null; scheduledAt: Date }[]>;
  taskStates: { taskName: string; datasetKey: string | null; state: string; suspendedReason: string | null }[];
  streams: { streamName: string; datasetKey: string | null; stale: boolean; staleAfter: Date | null }[];
  freshness: { lakeDatabase: string; datasetKey: string; latestEventAt: Date | null; measuredAt: Date }[];
  refreshes: Map<string, { phase: string; error: string | null; primarySnapshotAt: Date | null; startedAt: Date }[]>;
};

/** The rules each sample kind feeds: a kind that failed to read neither opens nor resolves its rules' alerts. */
export const rulesOfKind: Record<PipelineSampleKind, PipelineAlertRule[]> = {
  TASK_HISTORY: ["TASK_FAILING", "TASK_SUSPENDED"],
  STREAMS: ["STREAM_STALE"],
  FRESHNESS: ["FRESHNESS_LAG"],
  REFRESH_HISTORY: ["REPLICATION_REFRESH"],
};

const minutes = (ms: number) => Math.round(ms / 60_000);

export function evaluateRules(input: RuleInputs, t: PipelineThresholds): AlertCondition[] {
  const out: AlertCondition[] = [];
  const now = input.measuredAt.getTime();
  const r = input.region;

  for (const [taskName, runs] of input.taskRuns) {
    const recent = runs.slice(0, t.taskFailures);
    if (recent.length < t.taskFailures || !recent.every((run) => run.state === "FAILED")) continue;
    out.push({
      rule: "TASK_FAILING",
      subject: `${r}/${taskName}`,
      region: r,
      datasetKey: recent[0].datasetKey,
      summary: `Task ${taskName} in ${r} failed ${t.taskFailures} times in a row`,
      details: { task: taskName, error: recent[0].errorMessage, lastScheduledAt: recent[0].scheduledAt.toISOString() },
    });
  }

  for (const task of input.taskStates) {
    if (task.state !== "suspended") continue;
    out.push({
      rule: "TASK_SUSPENDED",
      subject: `${r}/${task.taskName}`,
      region: r,
      datasetKey: task.datasetKey,
      summary: `Task ${task.taskName} in ${r} is suspended`,
      details: { task: task.taskName, reason: task.suspendedReason },
    });
  }

  for (const stream of input.streams) {
    const leftMs = stream.staleAfter ? stream.staleAfter.getTime() - now : null;
    const soon = leftMs !== null && leftMs <= t.streamStaleHours * 3_600_000;
    if (!stream.stale && !soon) continue;
    out.push({
      rule: "STREAM_STALE",
      subject: `${r}/${stream.streamName}`,
      region: r,
      datasetKey: stream.datasetKey,
      summary: stream.stale
        ? `Stream ${stream.streamName} in ${r} is stale`
        : `Stream ${stream.streamName} in ${r} goes stale in ${formatDuration(Math.max(0, leftMs! / 1000))}`,
      details: { stream: stream.streamName, stale: stream.stale, staleAfter: stream.staleAfter?.toISOString() ?? null },
    });
  }

  // Freshness per lake × dataset: the newest event any workspace shows (an idle workspace alone is not a delay).
  const newest = new Map<string, { lakeDatabase: string; datasetKey: string; at: number | null; measuredAt: number }>();
  for (const f of input.freshness) {
    const key = `${f.lakeDatabase}/${f.datasetKey}`;
    const at = f.latestEventAt?.getTime() ?? null;
    const prev = newest.get(key);
    if (!prev || (at !== null && (prev.at === null || at > prev.at)))
      newest.set(key, {
        lakeDatabase: f.lakeDatabase,
        datasetKey: f.datasetKey,
        at,
        measuredAt: f.measuredAt.getTime(),
      });
  }
  for (const [key, n] of newest) {
    if (n.at === null) continue;
    const lagMs = n.measuredAt - n.at;
    if (lagMs <= t.freshnessSloMinutes * 60_000) continue;
    out.push({
      rule: "FRESHNESS_LAG",
      subject: `${r}/${key}`,
      region: r,
      datasetKey: n.datasetKey,
      summary: `${n.datasetKey} in ${r} is ${formatDuration(lagMs / 1000)} behind (SLO ${t.freshnessSloMinutes} min)`,
      details: { lakeDatabase: n.lakeDatabase, lagMinutes: minutes(lagMs), sloMinutes: t.freshnessSloMinutes },
    });
  }

  for (const [groupName, history] of input.refreshes) {
    const last = history[0];
    if (!last) continue;
    const lastCompleted = history.find((h) => h.phase === "COMPLETED");
    const snapshotAgeMs = lastCompleted?.primarySnapshotAt ? now - lastCompleted.primarySnapshotAt.getTime() : null;
    const failed = last.phase === "FAILED";
    const late = snapshotAgeMs !== null && snapshotAgeMs > t.replicationSloMinutes * 60_000;
    if (!failed && !late) continue;
    out.push({
      rule: "REPLICATION_REFRESH",
      subject: `${r}/${groupName}`,
      region: r,
      datasetKey: null,
      summary: failed
        ? `Replication refresh of ${groupName} into ${r} failed`
        : `Replica ${groupName} in ${r} is ${formatDuration(snapshotAgeMs! / 1000)} behind (SLO ${t.replicationSloMinutes} min)`,
      details: {
        group: groupName,
        error: failed ? last.error : null,
        snapshotAgeMinutes: snapshotAgeMs === null ? null : minutes(snapshotAgeMs),
      },
    });
  }
  return out;
}
