// Steps that replicate a lake database into the vendor's account in the consumer's region (a direct share
// cannot cross regions). One replication group per (lake, target region) serves every share on that path,
// so these steps are create-if-missing and are never undone by a revocation. Pure.

import { scheduleLabel } from "@/lib/snowflake/object-names";
import { qualified, quoteIdent, sql, sqlStringLiteral } from "@/lib/snowflake/sql-identifiers";
import { entitlementCountCheck } from "./plan-steps";
import type { PlanStep, ProviderAccount, ReplicationPath, StepCheck } from "./plan-types";

function showGroup(groupName: string, isPrimary: boolean, account: ProviderAccount): StepCheck {
  return {
    description: `SHOW REPLICATION GROUPS has ${isPrimary ? "the primary" : "a secondary"} group ${groupName} in ${account.name}`,
    statement: sql`SHOW REPLICATION GROUPS LIKE ${sqlStringLiteral(groupName)}`.toStatement(),
    expect: { kind: "replication-group-exists", groupName, isPrimary, accountName: account.name },
  };
}

export function sourceReplicationGroupStep(
  source: ProviderAccount,
  target: ProviderAccount,
  path: ReplicationPath,
): PlanStep {
  const statement = sql`CREATE REPLICATION GROUP IF NOT EXISTS ${quoteIdent(path.groupName)} OBJECT_TYPES = DATABASES ALLOWED_DATABASES = ${quoteIdent(path.database)} ALLOWED_ACCOUNTS = ${qualified(target.organization, target.name)} REPLICATION_SCHEDULE = ${sqlStringLiteral(path.schedule)}`;
  return {
    key: "replication-group-source",
    title: `Allow ${path.database} to replicate to ${target.organization}.${target.name} every ${scheduleLabel(path.schedule)}`,
    accountId: source.id,
    statements: [statement.toStatement()],
    batch: false,
    check: showGroup(path.groupName, true, source),
  };
}

export function replicaGroupStep(source: ProviderAccount, target: ProviderAccount, path: ReplicationPath): PlanStep {
  const statement = sql`CREATE REPLICATION GROUP IF NOT EXISTS ${quoteIdent(path.groupName)} AS REPLICA OF ${qualified(source.organization, source.name, path.groupName)}`;
  return {
    key: "replication-group-replica",
    title: `Create the replica of ${path.groupName} in ${target.organization}.${target.name}`,
    accountId: target.id,
    statements: [statement.toStatement()],
    batch: false,
    check: showGroup(path.groupName, false, target),
  };
}

/**
 * Refreshes the replica now instead of waiting for the schedule, so the share created next sees the lake and
 * the entitlement rows. Done when the replica holds exactly the rows the source holds for this share.
 */
export function refreshReplicaStep(
  target: ProviderAccount,
  path: ReplicationPath,
  entitlement: {
    shareName: string;
    consumerAccount: string;
    consumerRegion: string;
    includePii?: boolean;
    expectedRows: number;
  },
): PlanStep {
  return {
    key: "refresh-replica",
    title: `Refresh the replica of ${path.database} in ${target.organization}.${target.name}`,
    accountId: target.id,
    statements: [sql`ALTER REPLICATION GROUP ${quoteIdent(path.groupName)} REFRESH`.toStatement()],
    batch: false,
    check: entitlementCountCheck("replica", { ...entitlement, database: path.database }, entitlement.expectedRows),
  };
}
