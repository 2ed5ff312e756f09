// Types of the provisioning planner's input and output. Plain data (no Prisma, no SDK types) so a plan can be
// stored as JSON with its run, shown to the approver and replayed by the worker exactly as approved.

import type { BindValue, Statement } from "@/lib/snowflake/sql-identifiers";

export type { BindValue, Statement };

export type PlanRequest = {
  id: string;
  organizationSlug: string;
  /** Normalised ORG.ACCOUNT or LOCATOR (lib/snowflake/account-identifier); re-validated by the planner. */
  consumerAccount: string;
  consumerRegion: string;
  includePii: boolean;
  workspaces: { lakeWorkspaceId: string; region: string }[];
  /** `views[].name` is the catalog table name (= the non-PII secure view in SHARED). */
  datasets: { key: string; views: { name: string; containsPii: boolean }[] }[];
};

export type ProviderAccount = {
  id: string;
  /** Vendor's Snowflake organisation name, e.g. FLOEDATA. */
  organization: string;
  /** Account name inside the organisation, e.g. LAKE_US. */
  name: string;
  locator: string;
  region: string;
  hostsLake: boolean;
  lakeDatabase: string | null;
};

export type Topology = { providerAccounts: ProviderAccount[] };

/** The catalog shape of lib/catalog/engagement-lake.json, as far as the planner needs it. */
export type PlanCatalog = {
  datasets: { key: string; tables: { name: string; columns: { name: string; pii: boolean }[] }[] }[];
};

export type ProvisionStepKey =
  | "replication-group-source"
  | "write-entitlements"
  | "replication-group-replica"
  | "refresh-replica"
  | "create-share"
  | "grant-usage"
  | "grant-select"
  | "add-accounts";

export type RevocationStepKey = "remove-accounts" | "delete-entitlements" | "refresh-replica" | "drop-share";

export type StepKey = ProvisionStepKey | RevocationStepKey;

export type GrantRef = { privilege: "USAGE" | "SELECT"; grantedOn: "DATABASE" | "SCHEMA" | "VIEW"; name: string };

/** What the rows of a check query must show for the step to count as already done (see plan-checks.ts). */
export type Expectation =
  | { kind: "share-exists"; shareName: string }
  | { kind: "share-absent"; shareName: string }
  | { kind: "share-accounts-include"; shareName: string; accounts: string[] }
  | { kind: "share-accounts-exclude"; shareName: string; accounts: string[] }
  | { kind: "grants-include"; grants: GrantRef[] }
  | { kind: "count-equals"; column: string; value: number }
  | { kind: "replication-group-exists"; groupName: string; isPrimary: boolean; accountName: string };

/** A check query that fails (e.g. the replica database does not exist yet) means "not done". */
export type StepCheck = { description: string; statement: Statement; expect: Expectation };

export type PlanStep = {
  key: StepKey;
  title: string;
  /** ProviderAccount.id of the account the statements run on. */
  accountId: string;
  statements: Statement[];
  /** True when every statement is bind-free and they go to Snowflake in one multi-statement round trip. */
  batch: boolean;
  check: StepCheck;
  /** Snowflake error codes meaning "already done" for this step (e.g. 002003 on DROP SHARE of a dropped share). */
  alreadyDoneErrorCodes?: string[];
};

export type ExpectedShare = {
  accountId: string;
  shareName: string;
  database: string;
  grants: GrantRef[];
  accounts: string[];
};

export type ReplicationPath = {
  groupName: string;
  sourceAccountId: string;
  targetAccountId: string;
  database: string;
  schedule: string;
};

/** What every plan states before its steps: the request, the share, and where it lives. */
export type PlanCommon = {
  requestId: string;
  shareName: string;
  crossRegion: boolean;
  consumer: { account: string; region: string };
  /** The account holding the lake data and the entitlement rows. */
  sourceAccountId: string;
  /** The account holding the share (= source in-region; the replica target cross-region). */
  shareAccountId: string;
  database: string;
  replication: ReplicationPath | null;
  /** The provider account as a consumer names it in CREATE DATABASE ... FROM SHARE (ORG.ACCOUNT). */
  providerAccountRef: string;
  /** ProviderAccount.id → "ORG.ACCOUNT (REGION)" for every account the plan touches, so people read names, not ids. */
  accountLabels?: Record<string, string>;
  steps: PlanStep[];
};

export type Plan = PlanCommon & { kind: "provision"; expectedShare: ExpectedShare };
export type RevocationPlan = PlanCommon & { kind: "revoke" };

export type PlanErrorCode =
  | "INVALID_REQUEST"
  | "MIXED_REGIONS"
  | "UNKNOWN_REGION"
  | "NO_LAKE_IN_REGION"
  | "AMBIGUOUS_TOPOLOGY"
  | "NO_VENDOR_ACCOUNT_IN_REGION"
  | "UNKNOWN_DATASET";

/** A request the planner cannot turn into Snowflake objects; the message is written for the approver. */
export class PlanError extends Error {
  constructor(readonly code: PlanErrorCode, message: string) {
    super(message);
    this.name = "PlanError";
  }
}
