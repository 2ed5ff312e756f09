// Types of the provisioning planner's input and output. Plain data (no Prisma, no SDK types) so a plan can be
// stored as JSON with its run, shown to the approver and replayed by the worker exactly as approved.

import type { BindValue, Statement } from "@/lib/snowflake/sql-identifiers";

export type { BindValue, Statement };

export type PlanRequest = {
  id: string;
  organizationSlug: string;
  /** Normalised ORG.ACCOUNT or LOCATOR (lib/snowflake/account-identifier); re-validated by the planner. */
  consumerAccount: string;
  /** The account's locator when known (typed or pasted), kept beside the canonical ORG.ACCOUNT. */
  consumerLocator?: string | null;
  consumerRegion: string;
  includePii: boolean;
  /**
   * Whether this brand has proven control of the consumer account (lib/requests/account-proof.ts). An
   * unproven account gets a "challenge" plan first: the share and account with a one-time code, no rows.
   */
  accountControl: "proven" | "unproven";
  workspaces: { lakeWorkspaceId: string; region: string }[];
  /** `views[].name` is the catalog table name (= the non-PII secure view in SHARED). */
  datasets: { key: string; views: { name: string; containsPii: boolean }[] }[];
  /** A Floe-hosted reader account (consumerKind READER_ACCOUNT): the plan creates it first (plan-reader-account-steps.ts). */
  readerAccount?: { name: string; adminName: string } | null;
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

export const provisionStepKeys = [
  "replication-group-source",
  "write-entitlements",
  "replication-group-replica",
  "refresh-replica",
  "create-share",
  "grant-usage",
  "grant-select",
  // Secure functions of the datasets (lib/provisioning/plan-function-steps.ts).
  "grant-functions",
  // The consumer erasure feed SHARED.ERASURES, in every share (lib/provisioning/plan-erasure-steps.ts).
  "grant-erasures",
  "add-accounts",
  "write-proof-code",
  "delete-proof-code",
  // Drift repair only (lib/provisioning/drift/): a dataset view recreated behind its row access policy.
  "restore-view",
  // A Floe-hosted reader account, before the share (lib/provisioning/plan-reader-account-steps.ts).
  "create-reader-account",
] as const;
export type ProvisionStepKey = (typeof provisionStepKeys)[number];

export const revocationStepKeys = [
  "remove-accounts",
  "delete-entitlements",
  "delete-proof-code",
  "refresh-replica",
  "drop-share",
  // A Floe-hosted reader account, after its share (lib/provisioning/plan-reader-account-steps.ts).
  "drop-reader-account",
] as const;
export type RevocationStepKey = (typeof revocationStepKeys)[number];

export type StepKey = ProvisionStepKey | RevocationStepKey;

export type GrantRef = {
  privilege: "USAGE" | "SELECT";
  grantedOn: "DATABASE" | "SCHEMA" | "VIEW" | "FUNCTION";
  /** DB.SCHEMA.OBJECT; a function by its name alone (plan-checks compares SHOW output without the signature). */
  name: string;
};

/** What the rows of a check query must show for the step to count as already done (see plan-checks.ts). */
export type Expectation =
  | { kind: "share-exists"; shareName: string }
  | { kind: "share-absent"; shareName: string }
  // `locator`: the consumer's locator, when known; SHOW SHARES reports ORG.ACCOUNT, so an account added by a
  // locator whose name is unknown can only be judged by the share's whole list (see plan-checks.ts).
  | { kind: "share-accounts-include"; shareName: string; accounts: string[]; locator?: string | null }
  | { kind: "share-accounts-exclude"; shareName: string; accounts: string[]; locator?: string | null }
  | { kind: "grants-include"; grants: GrantRef[] }
  // `absentCountsAsZero`: for "no rows left" goals, a table or database that no longer exists also has none.
  | { kind: "count-equals"; column: string; value: number; absentCountsAsZero?: boolean }
  | { kind: "replication-group-exists"; groupName: string; isPrimary: boolean; accountName: string }
  // SHOW MANAGED ACCOUNTS lists a reader account by account_name (plan-reader-account-steps.ts).
  | { kind: "managed-account-exists"; accountName: string }
  | { kind: "managed-account-absent"; accountName: string };

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
  /**
   * A value the worker makes at run time and appends as the last bind of the last statement, so it is
   * never stored with the plan or the step: the one-time proof code (lib/provisioning/proof-code.ts); or the reader
   * account's admin password, put in place of the statement's one `?` as a string literal, since
   * CREATE MANAGED ACCOUNT takes it only as a literal (lib/reader-accounts/reader-password.ts).
   */
  secretBind?: "proof-code" | "reader-password";
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
  /** `account` is the canonical identity (ORG.ACCOUNT when known); `locator` is kept beside it when known. */
  consumer: { account: string; region: string; locator?: string | null };
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

/**
 * - complete: the account's control is proven — one run to ACTIVE.
 * - challenge: not proven — share, grants (plus the proof view), the one-time code and the account, no
 *   entitlement rows; the run ends AWAITING_PROOF.
 * - release: after the code was entered (or the proof waived) — the entitlement rows, the code deleted.
 */
export type ProvisionStage = "complete" | "challenge" | "release";

export type Plan = PlanCommon & { kind: "provision"; stage: ProvisionStage; expectedShare: ExpectedShare };
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
  constructor(
    readonly code: PlanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "PlanError";
  }
}
