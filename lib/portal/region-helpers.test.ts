import { describe, expect, it } from "vitest";
import { regionNotice } from "./cross-region";
import { regionOptionLabel, searchRegions } from "./region-search";

const ids = (query: string) => searchRegions(query).map((r) => r.id);

describe("searchRegions", () => {
  it("finds a region by its Snowflake id, cloud region name, city or cloud", () => {
    expect(ids("aws_us_east_1")).toEqual(["AWS_US_EAST_1"]);
    expect(ids("us-east-1")).toEqual(["AWS_US_EAST_1"]);
    expect(ids("frankfurt")).toEqual(["AWS_EU_CENTRAL_1", "GCP_EUROPE_WEST3"]);
    expect(ids("azure zurich")).toEqual(["AZURE_SWITZERLANDNORTH"]);
    expect(ids("sao paulo")).toEqual(["AWS_SA_EAST_1"]);
  });

  it("lists everything for an empty query and nothing for nonsense", () => {
    expect(ids("  ").length).toBeGreaterThan(40);
    expect(ids("atlantis")).toEqual([]);
  });

  it("labels options with cloud and city", () => {
    expect(regionOptionLabel(searchRegions("AWS_EU_CENTRAL_1")[0])).toBe("AWS · EU (Frankfurt) · AWS_EU_CENTRAL_1");
  });
});

describe("regionNotice", () => {
  it("says nothing until workspaces and a region are chosen", () => {
    expect(regionNotice({ workspaceRegions: [], consumerRegion: "AWS_US_EAST_1" }).kind).toBe("incomplete");
    expect(regionNotice({ workspaceRegions: ["AWS_US_EAST_1"], consumerRegion: "" }).kind).toBe("incomplete");
  });

  it("tells a same-region share is live and a cross-region one is replicated with lag", () => {
    expect(
      regionNotice({ workspaceRegions: ["AWS_US_EAST_1", "AWS_US_EAST_1"], consumerRegion: "AWS_US_EAST_1" }).kind,
    ).toBe("in-region");
    const cross = regionNotice({ workspaceRegions: ["AWS_US_EAST_1"], consumerRegion: "AWS_US_WEST_2" });
    expect(cross).toMatchObject({ kind: "cross-region", lakeRegion: "AWS_US_EAST_1", lag: "up to 10 minutes" });
    if (cross.kind === "cross-region") expect(cross.message).toMatch(/replicated.*every 10 minutes/);
  });

  it("refuses workspaces from two regions before the server does", () => {
    expect(
      regionNotice({ workspaceRegions: ["AWS_US_EAST_1", "AWS_EU_CENTRAL_1"], consumerRegion: "AWS_US_EAST_1" }),
    ).toMatchObject({
      kind: "mixed",
      regions: ["AWS_EU_CENTRAL_1", "AWS_US_EAST_1"],
    });
  });
});
