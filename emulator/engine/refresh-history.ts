// Replication refresh history: every refresh the engine performs (ALTER REPLICATION GROUP … REFRESH and the
// schedule) is recorded on the secondary account, timed by the engine's clock, and read back through
// `TABLE(<db>.INFORMATION_SCHEMA.REPLICATION_GROUP_REFRESH_HISTORY('<secondary group>'))`
// (https://docs.snowflake.com/en/sql-reference/functions/replication_group_refresh_history). A refresh is
// instantaneous in the emulator, so each one is a single row in its final phase (COMPLETED or FAILED).
import type { AccountState, RefreshRecord } from "./catalog";
import { errors } from "./errors";
import type { RewriteEnv } from "./select-rewriter";
import { valuesSql, type ValueColumn } from "./sql-values";
import { stringArg, type FnArg } from "./table-functions";

const MAX_RECORDS_PER_GROUP = 1000;

const COLUMNS: ValueColumn[] = [
  ["PHASE_NAME", "VARCHAR(16777216)"],
  ["START_TIME", "TIMESTAMP_LTZ(9)"],
  ["END_TIME", "TIMESTAMP_LTZ(9)"],
  ["JOB_UUID", "VARCHAR(16777216)"],
  ["TOTAL_BYTES", "VARIANT"],
  ["OBJECT_COUNT", "VARIANT"],
  ["PRIMARY_SNAPSHOT_TIMESTAMP", "TIMESTAMP_LTZ(9)"],
  ["ERROR", "VARIANT"],
].map(([name, sfType]) => ({ name, sfType }));

export function recordRefresh(me: AccountState, group: string, record: RefreshRecord): void {
  const all = (me.refreshHistory ??= {});
  const list = (all[group] ??= []);
  list.push(record);
  if (list.length > MAX_RECORDS_PER_GROUP) list.splice(0, list.length - MAX_RECORDS_PER_GROUP);
}

export function refreshHistorySql(env: RewriteEnv, database: string, args: FnArg[]): string {
  const group = stringArg(args, null, "REPLICATION_GROUP_REFRESH_HISTORY");
  if (group === undefined) throw errors.invalid("REPLICATION_GROUP_REFRESH_HISTORY needs the secondary group's name.");
  const me = env.ctx.catalog.accounts[env.names.locator];
  if (!me.databases[database]) throw errors.doesNotExist("Database", database);
  const name = /^".*"$/.test(group) ? group.slice(1, -1) : group.toUpperCase();
  const g = me.replicationGroups[name];
  // Rows only for secondary groups of the current account (the function's usage notes).
  const records = g && !g.isPrimary ? (me.refreshHistory?.[name] ?? []) : [];
  const rows = [...records]
    .reverse()
    .map((r) => [
      r.phaseName,
      r.startTime,
      r.endTime,
      r.jobUuid,
      JSON.stringify(r.totalBytes),
      JSON.stringify(r.objectCount),
      r.primarySnapshotTimestamp,
      r.error ? JSON.stringify(r.error) : null,
    ]);
  return valuesSql(COLUMNS, rows);
}
