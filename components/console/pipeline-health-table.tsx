import { Badge, type BadgeTone } from "@/components/ui/badge";
import { RegionLabel } from "@/components/ui/region-label";
import { Table, Td, Th } from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import type { DatasetHealth } from "@/lib/pipeline-health/pipeline-overview";
import { formatDuration } from "@/lib/pipeline-health/format-duration";

const statusBadge: Record<DatasetHealth["status"], { tone: BadgeTone; label: string }> = {
  ok: { tone: "success", label: "Healthy" },
  warning: { tone: "warning", label: "Behind" },
  failing: { tone: "danger", label: "Failing" },
  unknown: { tone: "neutral", label: "No samples yet" },
};

/** Time left before a stream goes stale, on Snowflake's clock at the sample (stale_after − the sample's time). */
function StaleCountdown({ stream }: { stream: NonNullable<DatasetHealth["stream"]> }) {
  if (stream.stale) return <Badge tone="danger">Stale</Badge>;
  if (!stream.staleAfter) return <span className="text-muted">—</span>;
  const left = (stream.staleAfter.getTime() - stream.measuredAt.getTime()) / 1000;
  return (
    <span>
      stale in <strong>{formatDuration(Math.max(0, left))}</strong>
      <span className="block text-xs text-muted">
        at <time dateTime={stream.staleAfter.toISOString()}>{stream.staleAfter.toUTCString()}</time>
      </span>
    </span>
  );
}

export function PipelineHealthTable({ rows, now }: { rows: DatasetHealth[]; now: Date }) {
  return (
    <Table caption="Pipeline state per region and dataset">
      <thead>
        <tr>
          <Th>Region · dataset</Th>
          <Th>State</Th>
          <Th>Last success</Th>
          <Th>Freshness</Th>
          <Th>Stream</Th>
          <Th>Recent failures</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid="pipeline-row">
            <Td>
              <span className="font-medium">{row.datasetTitle}</span>
              <span className="block text-xs">
                <RegionLabel id={row.region} />
              </span>
              <span className="block font-mono text-xs text-muted">
                {row.lakeDatabase}
                {row.replica ? " (replica)" : ""}
              </span>
            </Td>
            <Td>
              <Badge tone={statusBadge[row.status].tone}>{statusBadge[row.status].label}</Badge>
              {row.task ? (
                <span className="block text-xs text-muted">
                  task <span className="font-mono">{row.task.name}</span> {row.task.state ?? ""}
                  {row.task.suspendedReason ? ` (${row.task.suspendedReason})` : ""}
                </span>
              ) : row.replica ? (
                <span className="block text-xs text-muted">replicated; no task here</span>
              ) : null}
            </Td>
            <Td className="whitespace-nowrap">
              {row.lastSuccessAt ? (
                <TimeAgo date={row.lastSuccessAt} now={now} />
              ) : (
                <span className="text-muted">—</span>
              )}
            </Td>
            <Td>
              {row.freshness?.lagSeconds != null && row.freshness.latestEventAt ? (
                <span>
                  {formatDuration(row.freshness.lagSeconds)} behind
                  <span className="block text-xs text-muted">
                    newest event{" "}
                    <time dateTime={row.freshness.latestEventAt.toISOString()}>
                      {row.freshness.latestEventAt.toISOString().replace("T", " ").slice(0, 16)} UTC
                    </time>
                  </span>
                </span>
              ) : (
                <span className="text-muted">no heartbeat yet</span>
              )}
            </Td>
            <Td>{row.stream ? <StaleCountdown stream={row.stream} /> : <span className="text-muted">—</span>}</Td>
            <Td>
              {row.failures.length === 0 ? (
                <span className="text-muted">none</span>
              ) : (
                <ul className="space-y-1 text-xs">
                  {row.failures.map((f) => (
                    <li key={f.scheduledAt.toISOString()}>
                      <TimeAgo date={f.scheduledAt} now={now} />:{" "}
                      {f.errorCode ? <code className="font-mono">{f.errorCode}</code> : null}{" "}
                      <span className="break-words font-mono">{f.errorMessage ?? "(no message)"}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
