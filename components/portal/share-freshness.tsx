import { Notice } from "@/components/ui/notice";
import { RegionLabel } from "@/components/ui/region-label";
import { formatDuration } from "@/lib/pipeline-health/format-duration";

// What a brand sees of the pipeline on an active share: how current the data is, measured in the region the
// share is read in (cross-region: on the replica, so the replication lag is included), and a delay notice
// while Floe's freshness target is breached. Props are plain values: the page reads them with its tenant.

export type ShareFreshnessView = {
  currentAsOf: string | null;
  measuredAt: string | null;
  lagSeconds: number | null;
  region: string;
  crossRegion: boolean;
  delayedSince: string | null;
};

const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

export function ShareFreshnessLine({ freshness }: { freshness: ShareFreshnessView }) {
  if (!freshness.currentAsOf || !freshness.measuredAt)
    return (
      <p className="text-sm text-muted" data-testid="share-freshness">
        Floe has not measured this share&apos;s freshness yet; it does every few minutes.
      </p>
    );
  return (
    <p className="text-sm" data-testid="share-freshness">
      Data current as of <time dateTime={freshness.currentAsOf}>{utc(freshness.currentAsOf)}</time>
      {freshness.lagSeconds !== null ? ` (${formatDuration(freshness.lagSeconds)} behind)` : ""}, measured{" "}
      {freshness.crossRegion ? "on the replica in your region, " : "in "}
      <RegionLabel id={freshness.region} />
      {freshness.crossRegion ? ", replication delay included" : ""} at{" "}
      <time dateTime={freshness.measuredAt}>{utc(freshness.measuredAt)}</time>.
    </p>
  );
}

export function ShareDelayBanner({ freshness }: { freshness: ShareFreshnessView }) {
  if (!freshness.delayedSince) return null;
  return (
    <Notice tone="warning" title="Your data is delayed" className="mb-6">
      <span data-testid="share-delay-notice">
        Since <time dateTime={freshness.delayedSince}>{utc(freshness.delayedSince)}</time> the newest data in this share
        is older than Floe&apos;s freshness target. Queries keep working; recent events arrive late. This notice
        disappears when the data has caught up, and the brand&apos;s owners get an e-mail each way.
      </span>
    </Notice>
  );
}

export function toShareFreshnessView(f: {
  currentAsOf: Date | null;
  measuredAt: Date | null;
  lagSeconds: number | null;
  region: string;
  crossRegion: boolean;
  delayedSince: Date | null;
}): ShareFreshnessView {
  return {
    currentAsOf: f.currentAsOf?.toISOString() ?? null,
    measuredAt: f.measuredAt?.toISOString() ?? null,
    lagSeconds: f.lagSeconds,
    region: f.region,
    crossRegion: f.crossRegion,
    delayedSince: f.delayedSince?.toISOString() ?? null,
  };
}
