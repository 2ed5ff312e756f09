import type { StepKey } from "@/lib/provisioning/plan-types";

// Brand-facing names for provisioning steps. The plan's own titles name the vendor's accounts, databases
// and replication groups (for the approver); a brand needs to know what is happening, not where. Keyed by
// StepKey (plus the run's final "verify" step): a new step without a brand title is a type error.
const titles: Record<StepKey | "verify", string> = {
  "replication-group-source": "Prepare replication to your region",
  "write-entitlements": "Record which workspaces you may read",
  "replication-group-replica": "Create the copy in your region",
  "refresh-replica": "Copy the latest data to your region",
  "create-share": "Create the share",
  "grant-usage": "Give the share access to the database",
  "grant-select": "Add the datasets' views to the share",
  "grant-functions": "Add the datasets' secure functions to the share",
  "grant-erasures": "Add the erasure feed (subjects to purge from your copies) to the share",
  "add-accounts": "Add your Snowflake account to the share",
  verify: "Check the share matches the approved plan",
  "remove-accounts": "Remove your Snowflake account from the share",
  "delete-entitlements": "Remove your workspace entitlements",
  "drop-share": "Delete the share",
  "write-proof-code": "Put a one-time code in the share (nothing else yet)",
  "delete-proof-code": "Remove the one-time code",
  "restore-view": "Restore a dataset view's row filter",
  "create-reader-account": "Create your Floe-hosted Snowflake reader account",
  "drop-reader-account": "Delete your Floe-hosted reader account",
};

export function brandStepTitle(key: string): string {
  return Object.hasOwn(titles, key) ? titles[key as keyof typeof titles] : "Provisioning step";
}
