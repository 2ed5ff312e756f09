import { findRegion } from "@/lib/snowflake/regions";

/** "US East (N. Virginia)" with the Snowflake region id beside it (people copy the id into tickets). */
export function RegionLabel({ id }: { id: string }) {
  const region = findRegion(id);
  return (
    <span>
      {region ? `${region.displayName} ` : null}
      <span className="font-mono text-xs text-muted">{id}</span>
    </span>
  );
}
