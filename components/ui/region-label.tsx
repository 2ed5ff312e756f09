import { isSnowflakeRegion, regionDisplayName } from "@/lib/snowflake/regions";

/** "AWS · US East (N. Virginia) · AWS_US_EAST_1" (the text of regionLabel), the id set in mono. */
export function RegionLabel({ id }: { id: string }) {
  return (
    <span>
      {isSnowflakeRegion(id) ? `${regionDisplayName(id)} · ` : null}
      <span className="font-mono text-xs text-muted">{id}</span>
    </span>
  );
}
