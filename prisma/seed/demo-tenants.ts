// The demo world, as plain data: the app's seed (Postgres) and the Snowflake emulator's seed both read it,
// so workspace ids in the lake rows, provider accounts and consumer accounts agree on both sides.
// No imports on purpose: the emulator (a dev tool) may read this file without pulling in app code.

export type DemoRegion = "AWS_US_EAST_1" | "AWS_EU_CENTRAL_1" | "AWS_US_WEST_2";

/** The vendor's Snowflake organisation and its accounts (one lake per hosting region, plus replica targets). */
export const vendorOrganization = "FLOEDATA";

export type DemoProviderAccount = {
  /** Account name inside the vendor organisation. */
  name: string;
  locator: string;
  region: DemoRegion;
  /** Hosts a lake database (true) or only receives replicas for cross-region sharing (false). */
  hostsLake: boolean;
  /** Name of the lake database this account hosts (or would receive as a replica). */
  lakeDatabase: string | null;
};

export const providerAccounts: DemoProviderAccount[] = [
  { name: "LAKE_US", locator: "FD10001", region: "AWS_US_EAST_1", hostsLake: true, lakeDatabase: "ENGAGEMENT_LAKE_US" },
  {
    name: "LAKE_EU",
    locator: "FD20001",
    region: "AWS_EU_CENTRAL_1",
    hostsLake: true,
    lakeDatabase: "ENGAGEMENT_LAKE_EU",
  },
  { name: "REPLICA_US_WEST", locator: "FD30001", region: "AWS_US_WEST_2", hostsLake: false, lakeDatabase: null },
];

/** Schemas inside every lake database. */
export const lakeSchemas = {
  raw: "RAW", // base tables, one per catalog table (name without the _SHARED suffix)
  shared: "SHARED", // secure views: <TABLE>_SHARED (no PII columns) and <TABLE>_SHARED_ALL (all columns)
  sharing: "SHARING", // ENTITLEMENTS: which consumer account may read which workspace's rows of which dataset
} as const;

export type DemoUser = { email: string; name: string };
export type DemoWorkspace = { name: string; region: DemoRegion; lakeWorkspaceId: string };
export type DemoConsumerAccount = { organization: string; name: string; locator: string; region: DemoRegion };
export type DemoBrand = {
  slug: string;
  name: string;
  workspaces: DemoWorkspace[];
  owners: DemoUser[];
  members: DemoUser[];
  viewers: DemoUser[];
  /** The brand's own Snowflake account (consumer side), created in the emulator for demos and tests. */
  consumerAccount: DemoConsumerAccount;
  /** Datasets the brand's contract lets it share (dataset keys of lib/catalog/engagement-lake.json). */
  datasetKeys: string[];
};

export const brands: DemoBrand[] = [
  {
    slug: "acme",
    name: "Acme Retail",
    workspaces: [
      { name: "Acme Web", region: "AWS_US_EAST_1", lakeWorkspaceId: "5f1a0c3e9b2d4a7f8c6e0a01" },
      { name: "Acme Mobile", region: "AWS_US_EAST_1", lakeWorkspaceId: "5f1a0c3e9b2d4a7f8c6e0a02" },
      { name: "Acme Europe", region: "AWS_EU_CENTRAL_1", lakeWorkspaceId: "5f1a0c3e9b2d4a7f8c6e0a03" },
    ],
    owners: [{ email: "olivia@acme.example", name: "Olivia Owner" }],
    members: [
      { email: "max@acme.example", name: "Max Member" },
      { email: "sam@agency.example", name: "Sam Agency" },
    ],
    viewers: [{ email: "vera@acme.example", name: "Vera Viewer" }],
    consumerAccount: { organization: "ACMERETAIL", name: "ANALYTICS", locator: "AR40001", region: "AWS_US_EAST_1" },
    datasetKeys: ["messaging-email", "messaging-push", "user-behaviors", "changelogs"],
  },
  {
    slug: "nordlicht",
    name: "Nordlicht Media",
    workspaces: [{ name: "Nordlicht Apps", region: "AWS_EU_CENTRAL_1", lakeWorkspaceId: "6a2b1d4f0c3e5b8a9d7f1b01" }],
    owners: [{ email: "nora@nordlicht.example", name: "Nora Nordlicht" }],
    members: [{ email: "jonas@nordlicht.example", name: "Jonas Member" }],
    viewers: [],
    consumerAccount: { organization: "NORDLICHT", name: "DWH", locator: "NL50001", region: "AWS_EU_CENTRAL_1" },
    datasetKeys: ["messaging-email", "messaging-push", "user-behaviors"],
  },
  {
    slug: "pacific",
    name: "Pacific Outfitters",
    workspaces: [
      { name: "Pacific Store", region: "AWS_US_EAST_1", lakeWorkspaceId: "7b3c2e5a1d4f6c9b0e8a2c01" },
      { name: "Pacific Loyalty", region: "AWS_EU_CENTRAL_1", lakeWorkspaceId: "7b3c2e5a1d4f6c9b0e8a2c02" },
    ],
    owners: [{ email: "pat@pacific.example", name: "Pat Pacific" }],
    members: [{ email: "sam@agency.example", name: "Sam Agency" }],
    viewers: [{ email: "quinn@pacific.example", name: "Quinn Viewer" }],
    // In a region without a lake: sharing to it needs replication (the cross-region path).
    consumerAccount: { organization: "PACIFICOUTFIT", name: "PROD", locator: "PO60001", region: "AWS_US_WEST_2" },
    datasetKeys: ["user-behaviors", "changelogs", "messaging-email"],
  },
];

export const staff = {
  accountManagers: [
    { email: "amelia@floe.example", name: "Amelia Manager", brandSlugs: ["acme", "nordlicht"] },
    { email: "marco@floe.example", name: "Marco Manager", brandSlugs: ["pacific"] },
  ],
  admins: [{ email: "ada@floe.example", name: "Ada Admin" }],
};
