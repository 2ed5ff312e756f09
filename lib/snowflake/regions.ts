// Snowflake's commercial regions (region group PUBLIC), as `SHOW REGIONS` and `CURRENT_REGION()` name them.
// Pure data + lookups: the request form (browser) and the planner (server) must agree on one list.
// Government regions (AWS_US_GOV_*, AZURE_USGOV*) live in separate region groups that cannot share with
// PUBLIC accounts, so they are deliberately absent: a brand picking one would get a share that can never work.

export type SnowflakeCloud = "AWS" | "GCP" | "AZURE";

export type SnowflakeRegion = {
  /** Snowflake region id, e.g. AWS_US_EAST_1 (what CURRENT_REGION() returns). */
  id: string;
  cloud: SnowflakeCloud;
  /** The cloud provider's own region name, e.g. us-east-1, europe-west3, westus2. */
  cloudRegion: string;
  /** SHOW REGIONS display_name style, e.g. "US East (N. Virginia)". */
  displayName: string;
  city: string;
  regionGroup: "PUBLIC";
};

type Row = [id: string, cloudRegion: string, displayName: string, city: string];

const aws: Row[] = [
  ["AWS_US_WEST_2", "us-west-2", "US West (Oregon)", "Oregon"],
  ["AWS_US_EAST_2", "us-east-2", "US East (Ohio)", "Ohio"],
  ["AWS_US_EAST_1", "us-east-1", "US East (N. Virginia)", "N. Virginia"],
  ["AWS_CA_CENTRAL_1", "ca-central-1", "Canada (Central)", "Montréal"],
  ["AWS_SA_EAST_1", "sa-east-1", "South America (São Paulo)", "São Paulo"],
  ["AWS_AF_SOUTH_1", "af-south-1", "Africa (Cape Town)", "Cape Town"],
  ["AWS_EU_WEST_1", "eu-west-1", "EU (Ireland)", "Dublin"],
  ["AWS_EU_WEST_2", "eu-west-2", "Europe (London)", "London"],
  ["AWS_EU_WEST_3", "eu-west-3", "EU (Paris)", "Paris"],
  ["AWS_EU_CENTRAL_1", "eu-central-1", "EU (Frankfurt)", "Frankfurt"],
  ["AWS_EU_CENTRAL_2", "eu-central-2", "Europe (Zurich)", "Zurich"],
  ["AWS_EU_NORTH_1", "eu-north-1", "EU (Stockholm)", "Stockholm"],
  ["AWS_ME_CENTRAL_1", "me-central-1", "Middle East (UAE)", "UAE"],
  ["AWS_AP_NORTHEAST_1", "ap-northeast-1", "Asia Pacific (Tokyo)", "Tokyo"],
  ["AWS_AP_NORTHEAST_3", "ap-northeast-3", "Asia Pacific (Osaka)", "Osaka"],
  ["AWS_AP_NORTHEAST_2", "ap-northeast-2", "Asia Pacific (Seoul)", "Seoul"],
  ["AWS_AP_SOUTH_1", "ap-south-1", "Asia Pacific (Mumbai)", "Mumbai"],
  ["AWS_AP_SOUTHEAST_1", "ap-southeast-1", "Asia Pacific (Singapore)", "Singapore"],
  ["AWS_AP_SOUTHEAST_2", "ap-southeast-2", "Asia Pacific (Sydney)", "Sydney"],
  ["AWS_AP_SOUTHEAST_3", "ap-southeast-3", "Asia Pacific (Jakarta)", "Jakarta"],
];

const gcp: Row[] = [
  ["GCP_US_CENTRAL1", "us-central1", "US Central1 (Iowa)", "Iowa"],
  ["GCP_US_EAST4", "us-east4", "US East4 (N. Virginia)", "N. Virginia"],
  ["GCP_EUROPE_WEST2", "europe-west2", "Europe West2 (London)", "London"],
  ["GCP_EUROPE_WEST3", "europe-west3", "Europe West3 (Frankfurt)", "Frankfurt"],
  ["GCP_EUROPE_WEST4", "europe-west4", "Europe West4 (Netherlands)", "Netherlands"],
  ["GCP_ME_CENTRAL2", "me-central2", "Middle East Central2 (Dammam)", "Dammam"],
  ["GCP_AUSTRALIA_SOUTHEAST2", "australia-southeast2", "Australia Southeast2 (Melbourne)", "Melbourne"],
];

const azure: Row[] = [
  ["AZURE_WESTUS2", "westus2", "West US 2 (Washington)", "Washington"],
  ["AZURE_CENTRALUS", "centralus", "Central US (Iowa)", "Iowa"],
  ["AZURE_SOUTHCENTRALUS", "southcentralus", "South Central US (Texas)", "Texas"],
  ["AZURE_EASTUS2", "eastus2", "East US 2 (Virginia)", "Virginia"],
  ["AZURE_CANADACENTRAL", "canadacentral", "Canada Central (Toronto)", "Toronto"],
  ["AZURE_MEXICOCENTRAL", "mexicocentral", "Mexico Central (Querétaro)", "Querétaro"],
  ["AZURE_UKSOUTH", "uksouth", "UK South (London)", "London"],
  ["AZURE_NORTHEUROPE", "northeurope", "North Europe (Ireland)", "Ireland"],
  ["AZURE_SWEDENCENTRAL", "swedencentral", "Sweden Central (Gävle)", "Gävle"],
  ["AZURE_WESTEUROPE", "westeurope", "West Europe (Netherlands)", "Netherlands"],
  ["AZURE_SWITZERLANDNORTH", "switzerlandnorth", "Switzerland North (Zurich)", "Zurich"],
  ["AZURE_UAENORTH", "uaenorth", "UAE North (Dubai)", "Dubai"],
  ["AZURE_CENTRALINDIA", "centralindia", "Central India (Pune)", "Pune"],
  ["AZURE_JAPANEAST", "japaneast", "Japan East (Tokyo)", "Tokyo"],
  ["AZURE_KOREACENTRAL", "koreacentral", "Korea Central (Seoul)", "Seoul"],
  ["AZURE_SOUTHEASTASIA", "southeastasia", "Southeast Asia (Singapore)", "Singapore"],
  ["AZURE_AUSTRALIAEAST", "australiaeast", "Australia East (New South Wales)", "New South Wales"],
];

function build(cloud: SnowflakeCloud, rows: Row[]): SnowflakeRegion[] {
  return rows.map(([id, cloudRegion, displayName, city]) => ({
    id,
    cloud,
    cloudRegion,
    displayName,
    city,
    regionGroup: "PUBLIC",
  }));
}

export const snowflakeRegions: readonly SnowflakeRegion[] = Object.freeze([
  ...build("AWS", aws),
  ...build("GCP", gcp),
  ...build("AZURE", azure),
]);

export const snowflakeRegionIds: readonly string[] = snowflakeRegions.map((r) => r.id);

const byId = new Map(snowflakeRegions.map((r) => [r.id, r]));

export function isSnowflakeRegion(value: unknown): value is string {
  return typeof value === "string" && byId.has(value);
}

/** Exact lookup by region id. Callers normalise first (see normaliseRegionId): ids are upper case. */
export function findRegion(id: string): SnowflakeRegion | undefined {
  return byId.get(id);
}

/**
 * Accepts what people paste: `aws_us_east_1`, ` AWS_US_EAST_1 `, or CURRENT_REGION()'s region-group
 * qualified form `PUBLIC.AWS_US_EAST_1` (returned when an organisation spans region groups).
 */
export function normaliseRegionId(value: string): string | undefined {
  const upper = value.trim().toUpperCase();
  const bare = upper.startsWith("PUBLIC.") ? upper.slice("PUBLIC.".length) : upper;
  return byId.has(bare) ? bare : undefined;
}

const cloudLabels: Record<SnowflakeCloud, string> = { AWS: "AWS", GCP: "GCP", AZURE: "Azure" };

export function cloudLabel(cloud: SnowflakeCloud): string {
  return cloudLabels[cloud];
}

/**
 * The one name the UI gives a region: "AWS · US East (N. Virginia)". Every page, badge, option and message
 * names a region through this (or regionLabel, which adds the id); unknown ids are shown as-is.
 */
export function regionDisplayName(id: string): string {
  const region = byId.get(id);
  return region ? `${cloudLabel(region.cloud)} · ${region.displayName}` : id;
}

/** "AWS · US East (N. Virginia) · AWS_US_EAST_1": the display name with the id people copy into tickets. */
export function regionLabel(id: string): string {
  return byId.has(id) ? `${regionDisplayName(id)} · ${id}` : id;
}

/**
 * Finds the region named by a legacy account URL's region segments (`xy12345.us-east-2.aws`,
 * `xy12345.eu-central-1`, `xy12345.west-us-2.azure`, `xy12345.us-central1.gcp`). Snowflake hyphenates
 * Azure region names in URLs (west-us-2 for westus2), so hyphens are ignored when comparing. Without a
 * cloud segment only AWS regions qualify: that short form exists for AWS accounts only.
 */
export function regionFromLocatorSegments(regionSegment: string, cloudSegment?: string): SnowflakeRegion | undefined {
  const wanted = regionSegment.toLowerCase().replace(/-/g, "");
  const cloud = cloudSegment === undefined ? "AWS" : cloudSegment.toUpperCase();
  return snowflakeRegions.find((r) => r.cloud === cloud && r.cloudRegion.replace(/-/g, "") === wanted);
}
