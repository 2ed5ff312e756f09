import { describe, expect, it } from "vitest";
import {
  findRegion,
  isSnowflakeRegion,
  normaliseRegionId,
  regionFromLocatorSegments,
  regionDisplayName,
  regionLabel,
  snowflakeRegions,
} from "./regions";

describe("regions", () => {
  it("lists every commercial region of SHARING.md once, in region group PUBLIC", () => {
    const ids = snowflakeRegions.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(snowflakeRegions.filter((r) => r.cloud === "AWS")).toHaveLength(20);
    expect(snowflakeRegions.filter((r) => r.cloud === "GCP")).toHaveLength(7);
    expect(snowflakeRegions.filter((r) => r.cloud === "AZURE")).toHaveLength(17);
    expect(snowflakeRegions.every((r) => r.regionGroup === "PUBLIC" && r.id.startsWith(r.cloud + "_"))).toBe(true);
    expect(ids.some((id) => id.includes("GOV"))).toBe(false);
  });

  it("ids are derived from the cloud region name", () => {
    for (const r of snowflakeRegions) {
      expect(r.id).toBe(`${r.cloud}_${r.cloudRegion.toUpperCase().replace(/-/g, "_")}`);
    }
  });

  it("looks regions up and labels them for the UI", () => {
    expect(isSnowflakeRegion("AWS_US_EAST_1")).toBe(true);
    expect(isSnowflakeRegion("aws_us_east_1")).toBe(false);
    expect(isSnowflakeRegion(42)).toBe(false);
    expect(findRegion("AWS_EU_CENTRAL_1")?.city).toBe("Frankfurt");
    expect(regionLabel("AWS_US_EAST_1")).toBe("AWS · US East (N. Virginia) · AWS_US_EAST_1");
    expect(regionDisplayName("AWS_US_EAST_1")).toBe("AWS · US East (N. Virginia)");
    expect(regionDisplayName("AZURE_WESTEUROPE")).toBe("Azure · West Europe (Netherlands)");
    expect(regionDisplayName("NOT_A_REGION")).toBe("NOT_A_REGION");
    expect(regionLabel("NOT_A_REGION")).toBe("NOT_A_REGION");
    expect(regionLabel("AZURE_WESTEUROPE")).toBe("Azure · West Europe (Netherlands) · AZURE_WESTEUROPE");
    expect(regionLabel("NOPE")).toBe("NOPE");
  });

  it("has one display name per region, unique across the table", () => {
    const frankfurt = findRegion("AWS_EU_CENTRAL_1");
    expect(regionDisplayName("AWS_EU_CENTRAL_1")).toBe(`AWS · ${frankfurt?.displayName}`);
    expect(regionDisplayName("NOPE")).toBe("NOPE");
    const names = snowflakeRegions.map((r) => regionDisplayName(r.id));
    expect(new Set(names).size).toBe(snowflakeRegions.length);
  });

  it("normalises pasted region ids including the region-group prefix", () => {
    expect(normaliseRegionId(" aws_us_west_2 ")).toBe("AWS_US_WEST_2");
    expect(normaliseRegionId("PUBLIC.AWS_US_WEST_2")).toBe("AWS_US_WEST_2");
    expect(normaliseRegionId("AWS_US_GOV_WEST_1")).toBeUndefined();
  });

  it("maps legacy locator URL segments to regions", () => {
    expect(regionFromLocatorSegments("us-east-2", "aws")?.id).toBe("AWS_US_EAST_2");
    expect(regionFromLocatorSegments("eu-central-1")?.id).toBe("AWS_EU_CENTRAL_1");
    expect(regionFromLocatorSegments("west-us-2", "azure")?.id).toBe("AZURE_WESTUS2");
    expect(regionFromLocatorSegments("us-central1", "gcp")?.id).toBe("GCP_US_CENTRAL1");
    expect(regionFromLocatorSegments("westus2")).toBeUndefined(); // no cloud segment = AWS only
  });
});
