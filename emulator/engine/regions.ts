// SHOW REGIONS data (SHARING.md "Regions").
const spec: [string, string, string][] = [
  ["aws", "AWS_US_WEST_2", "US West (Oregon)"],
  ["aws", "AWS_US_EAST_2", "US East (Ohio)"],
  ["aws", "AWS_US_EAST_1", "US East (N. Virginia)"],
  ["aws", "AWS_CA_CENTRAL_1", "Canada (Central)"],
  ["aws", "AWS_SA_EAST_1", "South America (São Paulo)"],
  ["aws", "AWS_AF_SOUTH_1", "Africa (Cape Town)"],
  ["aws", "AWS_EU_WEST_1", "EU (Ireland)"],
  ["aws", "AWS_EU_WEST_2", "Europe (London)"],
  ["aws", "AWS_EU_WEST_3", "EU (Paris)"],
  ["aws", "AWS_EU_CENTRAL_1", "EU (Frankfurt)"],
  ["aws", "AWS_EU_CENTRAL_2", "EU (Zurich)"],
  ["aws", "AWS_EU_NORTH_1", "EU (Stockholm)"],
  ["aws", "AWS_ME_CENTRAL_1", "Middle East Central (UAE)"],
  ["aws", "AWS_AP_NORTHEAST_1", "Asia Pacific (Tokyo)"],
  ["aws", "AWS_AP_NORTHEAST_3", "Asia Pacific (Osaka)"],
  ["aws", "AWS_AP_NORTHEAST_2", "Asia Pacific (Seoul)"],
  ["aws", "AWS_AP_SOUTH_1", "Asia Pacific (Mumbai)"],
  ["aws", "AWS_AP_SOUTHEAST_1", "Asia Pacific (Singapore)"],
  ["aws", "AWS_AP_SOUTHEAST_2", "Asia Pacific (Sydney)"],
  ["aws", "AWS_AP_SOUTHEAST_3", "Asia Pacific (Jakarta)"],
  ["gcp", "GCP_US_CENTRAL1", "US Central1 (Iowa)"],
  ["gcp", "GCP_US_EAST4", "US East4 (N. Virginia)"],
  ["gcp", "GCP_EUROPE_WEST2", "Europe West2 (London)"],
  ["gcp", "GCP_EUROPE_WEST3", "Europe West3 (Frankfurt)"],
  ["gcp", "GCP_EUROPE_WEST4", "Europe West4 (Netherlands)"],
  ["gcp", "GCP_ME_CENTRAL2", "Middle East Central2 (Dammam)"],
  ["gcp", "GCP_AUSTRALIA_SOUTHEAST2", "Australia Southeast2 (Melbourne)"],
  ["azure", "AZURE_WESTUS2", "West US 2 (Washington)"],
  ["azure", "AZURE_CENTRALUS", "Central US (Iowa)"],
  ["azure", "AZURE_SOUTHCENTRALUS", "South Central US (Texas)"],
  ["azure", "AZURE_EASTUS2", "East US 2 (Virginia)"],
  ["azure", "AZURE_CANADACENTRAL", "Canada Central (Toronto)"],
  ["azure", "AZURE_MEXICOCENTRAL", "Mexico Central (Querétaro)"],
  ["azure", "AZURE_UKSOUTH", "UK South (London)"],
  ["azure", "AZURE_NORTHEUROPE", "North Europe (Ireland)"],
  ["azure", "AZURE_SWEDENCENTRAL", "Sweden Central (Gävle)"],
  ["azure", "AZURE_WESTEUROPE", "West Europe (Netherlands)"],
  ["azure", "AZURE_SWITZERLANDNORTH", "Switzerland North (Zurich)"],
  ["azure", "AZURE_UAENORTH", "UAE North (Dubai)"],
  ["azure", "AZURE_CENTRALINDIA", "Central India (Pune)"],
  ["azure", "AZURE_JAPANEAST", "Japan East (Tokyo)"],
  ["azure", "AZURE_KOREACENTRAL", "Korea Central (Seoul)"],
  ["azure", "AZURE_SOUTHEASTASIA", "Southeast Asia (Singapore)"],
  ["azure", "AZURE_AUSTRALIAEAST", "Australia East (New South Wales)"],
];

export type Region = {
  region_group: string;
  snowflake_region: string;
  cloud: string;
  region: string;
  display_name: string;
};

/** AWS_US_EAST_1 → us-east-1; GCP_US_CENTRAL1 → us-central1; AZURE_WESTUS2 → westus2. */
const cloudRegion = (id: string) => {
  const rest = id.replace(/^(AWS|GCP|AZURE)_/, "").toLowerCase();
  return id.startsWith("AWS_")
    ? rest.replace(/_/g, "-")
    : id.startsWith("GCP_")
      ? rest.replace(/_/g, "-")
      : rest.replace(/_/g, "");
};

export const REGIONS: Region[] = spec.map(([cloud, id, display]) => ({
  region_group: "PUBLIC",
  snowflake_region: id,
  cloud,
  region: cloudRegion(id),
  display_name: display,
}));

export const isRegion = (id: string) => REGIONS.some((r) => r.snowflake_region === id);
