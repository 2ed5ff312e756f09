import type { LagSeries } from "@/lib/pipeline-health/pipeline-overview";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDuration } from "@/lib/pipeline-health/format-duration";

// The freshness lag over time, server-rendered SVG (no client JS): one line per region × lake × dataset, the
// SLO as a dashed line. The same numbers as a table for screen readers and anyone who prefers one.

const W = 640;
const H = 200;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };
const COLORS = ["#2563eb", "#c2410c", "#15803d", "#7c3aed", "#be123c", "#0f766e", "#a16207", "#4338ca"];

function timeLabel(date: Date): string {
  return date.toISOString().slice(11, 16);
}

export function FreshnessChart({ series, sloMinutes }: { series: LagSeries[]; sloMinutes: number }) {
  const points = series.flatMap((s) => s.points);
  if (points.length === 0) return null;
  const t0 = Math.min(...points.map((p) => p.at.getTime()));
  const t1 = Math.max(...points.map((p) => p.at.getTime()), t0 + 60_000);
  const maxLag = Math.max(sloMinutes * 60 * 1.2, ...points.map((p) => p.lagSeconds));
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (lag: number) => H - PAD.bottom - (lag / maxLag) * (H - PAD.top - PAD.bottom);
  const sloY = y(sloMinutes * 60);
  const rows = series.flatMap((s) => s.points.slice(-12).map((p) => ({ label: s.label, ...p })));

  return (
    <figure className="space-y-3">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full max-w-3xl"
        role="img"
        aria-labelledby="freshness-chart-title freshness-chart-desc"
      >
        <title id="freshness-chart-title">Freshness lag over time</title>
        <desc id="freshness-chart-desc">
          Minutes between Snowflake&apos;s clock and the newest event, per region and dataset, from{" "}
          {timeLabel(new Date(t0))} to {timeLabel(new Date(t1))} UTC; the dashed line is the {sloMinutes}-minute target.
          The table below lists the same samples.
        </desc>
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          stroke="currentColor"
          opacity={0.3}
        />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} stroke="currentColor" opacity={0.3} />
        <line x1={PAD.left} x2={W - PAD.right} y1={sloY} y2={sloY} stroke="#b91c1c" strokeDasharray="4 4" />
        <text x={PAD.left - 4} y={sloY + 4} textAnchor="end" fontSize="10" fill="#b91c1c">
          SLO
        </text>
        <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" fontSize="10" fill="currentColor">
          {Math.round(maxLag / 60)} min
        </text>
        <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" fontSize="10" fill="currentColor">
          0
        </text>
        <text x={PAD.left} y={H - 8} fontSize="10" fill="currentColor">
          {timeLabel(new Date(t0))}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize="10" fill="currentColor">
          {timeLabel(new Date(t1))} UTC
        </text>
        {series.map((s, i) => (
          <polyline
            key={s.key}
            fill="none"
            stroke={COLORS[i % COLORS.length]}
            strokeWidth={2}
            points={s.points.map((p) => `${x(p.at.getTime()).toFixed(1)},${y(p.lagSeconds).toFixed(1)}`).join(" ")}
          />
        ))}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
          {series.map((s, i) => (
            <li key={s.key} className="flex items-center gap-1">
              <span
                aria-hidden="true"
                className="inline-block h-2 w-4 rounded"
                style={{ background: COLORS[i % COLORS.length] }}
              />
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <details>
        <summary className="cursor-pointer text-sm">Freshness samples as a table</summary>
        <Table caption="Freshness lag samples">
          <thead>
            <tr>
              <Th>Region · dataset</Th>
              <Th>Measured (UTC)</Th>
              <Th>Lag</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.label}-${r.at.toISOString()}`}>
                <Td>{r.label}</Td>
                <Td className="whitespace-nowrap">{r.at.toISOString().replace("T", " ").slice(0, 19)}</Td>
                <Td>{formatDuration(r.lagSeconds)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
    </figure>
  );
}
