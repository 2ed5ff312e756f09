// Filtering Snowflake's region list for the request form's combobox. People search by whatever they know:
// the id from CURRENT_REGION() (aws_us_east_1), the cloud's name (us-east-1, westus2), a city (Frankfurt)
// or a cloud (azure). Every word typed must match somewhere. Pure.
import { cloudLabel, regionLabel, snowflakeRegions, type SnowflakeRegion } from "@/lib/snowflake/regions";

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

function haystack(region: SnowflakeRegion): string {
  return fold(
    [
      region.id,
      region.id.replace(/_/g, " "),
      region.cloud,
      cloudLabel(region.cloud),
      region.cloudRegion,
      region.displayName,
      region.city,
    ].join(" "),
  );
}

const indexed = snowflakeRegions.map((region) => ({ region, text: haystack(region) }));

export function searchRegions(
  query: string,
  regions: readonly SnowflakeRegion[] = snowflakeRegions,
): SnowflakeRegion[] {
  const words = fold(query)
    .split(/[\s,·]+/)
    .filter(Boolean);
  if (words.length === 0) return [...regions];
  const allowed = new Set(regions.map((r) => r.id));
  return indexed
    .filter((entry) => allowed.has(entry.region.id) && words.every((word) => entry.text.includes(word)))
    .map((entry) => entry.region);
}

/** "AWS · EU (Frankfurt) · AWS_EU_CENTRAL_1": what an option shows (the one region label, regionLabel). */
export function regionOptionLabel(region: SnowflakeRegion): string {
  return regionLabel(region.id);
}
