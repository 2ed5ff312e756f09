// What the request form says about where the data will travel, before the user submits. Same rule as
// lib/requests/submit-share-request: a share carries one lake (one region), and a consumer in another
// region than that lake gets the data through replication, with lag. Pure.
import { regionLabel } from "@/lib/snowflake/regions";
import { replicationSchedule, scheduleLabel } from "@/lib/snowflake/object-names";

export type RegionNotice =
  | { kind: "incomplete" }
  | { kind: "mixed"; regions: string[]; message: string }
  | { kind: "in-region"; lakeRegion: string; message: string }
  | { kind: "cross-region"; lakeRegion: string; consumerRegion: string; message: string; lag: string };

export function regionNotice(input: {
  workspaceRegions: readonly string[];
  consumerRegion: string | null | undefined;
}): RegionNotice {
  const regions = [...new Set(input.workspaceRegions)].sort();
  if (regions.length > 1) {
    return {
      kind: "mixed",
      regions,
      message: `The chosen workspaces keep their data in different regions (${regions.join(", ")}). One share carries one region's data: choose workspaces of one region, and request another share for the rest.`,
    };
  }
  if (regions.length === 0 || !input.consumerRegion) return { kind: "incomplete" };
  const lakeRegion = regions[0];
  if (lakeRegion === input.consumerRegion) {
    return {
      kind: "in-region",
      lakeRegion,
      message: `Your account is in the same region as the data (${regionLabel(lakeRegion)}): the share is live, with no copy and no lag.`,
    };
  }
  const every = scheduleLabel(replicationSchedule);
  return {
    kind: "cross-region",
    lakeRegion,
    consumerRegion: input.consumerRegion,
    lag: `up to ${every}`,
    message: `Your account is in ${regionLabel(input.consumerRegion)}, but this data lives in ${regionLabel(lakeRegion)}. Snowflake cannot share directly across regions, so the data is replicated to your region first: new events reach you at the next refresh (every ${every}), and approval may take longer because replication has a cost.`,
  };
}
