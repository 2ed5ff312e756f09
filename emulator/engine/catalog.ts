// The emulator's metadata: accounts, users, databases, tables, views, shares, grants, replication groups.
// Kept in a metadata table of the same DuckDB file, one row per object (catalog-rows.ts: only the rows a
// statement changed are written, after it), so data and metadata survive restarts together.
export type Account = {
  locator: string;
  organization: string;
  name: string;
  region: string;
  edition: string;
  email: string | null;
  comment: string | null;
  createdOn: string;
  /** A reader account (CREATE MANAGED ACCOUNT): the locator of the provider account that created it. */
  managedBy?: string;
};
export type User = {
  name: string;
  password: string | null;
  roles: string[];
  defaultRole: string;
  rsaPublicKey: string | null;
  rsaPublicKey2: string | null;
  createdOn: string;
};
export type Column = {
  name: string;
  sfType: string;
  nullable: boolean;
  comment: string | null;
  /** DEFAULT of CREATE TABLE, as DuckDB SQL (a literal); DuckDB's table holds it, a clone restates it. */
  defaultSql?: string;
};
/** A row access policy attached to a table or view: the policy's [database, schema, name] in the same account, and the object's columns bound to its arguments in order. */
export type PolicyAttachment = { policy: [string, string, string]; columns: string[] };
export type TableMeta = {
  name: string;
  columns: Column[];
  comment: string | null;
  createdOn: string;
  lastAltered: string;
  /** The role holding OWNERSHIP (absent in older stores: ACCOUNTADMIN, the role the seed and Floe use). */
  owner?: string;
  rowAccessPolicy?: PolicyAttachment;
  /** CREATE TABLE … DATA_RETENTION_TIME_IN_DAYS / MAX_DATA_EXTENSION_TIME_IN_DAYS (absent = Snowflake's defaults 1 and 14): stream staleness. */
  retentionDays?: number;
  maxExtensionDays?: number;
};
export type ViewMeta = {
  name: string;
  secure: boolean;
  definition: string;
  selectSql: string;
  columns: Column[];
  comment: string | null;
  createdOn: string;
  owner?: string;
  /** Names from CREATE VIEW's column list; the expansion renames the query's columns to them. */
  columnNames?: string[];
  rowAccessPolicy?: PolicyAttachment;
};
/**
 * CREATE FUNCTION: a SQL UDF inlined at each call with the owner's names — scalar (the body is one expression)
 * or tabular (`RETURNS TABLE (…)`, the body a query, called as `TABLE(f(…))` in FROM).
 */
export type FunctionMeta = {
  name: string;
  args: { name: string; sfType: string }[];
  returns: string;
  body: string;
  secure: boolean;
  comment: string | null;
  createdOn: string;
  owner?: string;
  /** RETURNS TABLE (col type, …): the output columns. */
  returnsTable?: { name: string; sfType: string }[];
};
/**
 * CREATE PROCEDURE … LANGUAGE SQL: a Snowflake Scripting body run by CALL, with the owner's role when EXECUTE AS
 * OWNER (the default). `returns` is a type, or `TABLE(...)` with `returnsTable` columns.
 */
export type ProcedureMeta = {
  name: string;
  args: { name: string; sfType: string; default: string | null }[];
  returns: string;
  returnsTable: { name: string; sfType: string }[] | null;
  body: string;
  secure: boolean;
  executeAs: "OWNER" | "CALLER";
  ownerRole: string;
  usageRoles: string[];
  comment: string | null;
  createdOn: string;
};
/** CREATE DATABASE ROLE: a role that lives in (and is dropped with) one database. */
export type DatabaseRoleMeta = { name: string; comment: string | null; createdOn: string; owner: string };
/** A securable object as grants name it: ACCOUNT [], DATABASE [db], SCHEMA [db, s], TABLE/VIEW/FUNCTION [db, s, o], ROLE [r], DATABASE ROLE [db, r]. */
export type Securable = {
  kind: "ACCOUNT" | "DATABASE" | "SCHEMA" | "TABLE" | "VIEW" | "FUNCTION" | "STREAM" | "ROLE" | "DATABASE ROLE";
  parts: string[];
};
/** Who holds a grant: an account role [r] or a database role [db, r]. */
export type Grantee = { kind: "ROLE" | "DATABASE ROLE"; parts: string[] };
/** A privilege (or, with on.kind ROLE / DATABASE ROLE and privilege USAGE, a role) granted in this account. */
export type RoleGrant = {
  privilege: string;
  on: Securable;
  to: Grantee;
  grantOption: boolean;
  grantedBy: string;
  createdOn: string;
};
/** CREATE ROW ACCESS POLICY: the signature and the body's text (evaluated per row with the owner's rights). */
export type RowAccessPolicyMeta = {
  name: string;
  args: { name: string; sfType: string }[];
  body: string;
  comment: string | null;
  createdOn: string;
};
export type SchemaMeta = {
  name: string;
  comment: string | null;
  createdOn: string;
  owner?: string;
  tables: Record<string, TableMeta>;
  views: Record<string, ViewMeta>;
  /** Absent in stores written before row access policies existed. */
  rowAccessPolicies?: Record<string, RowAccessPolicyMeta>;
  /** SQL UDFs (CREATE FUNCTION … AS '<expression>'), by name (no overloading). */
  functions?: Record<string, FunctionMeta>;
  /** CREATE STREAM (streams.ts), by name. */
  streams?: Record<string, StreamMeta>;
  /** CREATE TASK (commands/task.ts), by name. */
  tasks?: Record<string, TaskMeta>;
  /** SQL stored procedures by name; overloads (different argument counts) share a name. */
  procedures?: Record<string, ProcedureMeta[]>;
};
/**
 * A stream: its offset is a snapshot of the source's rows (a DuckDB table named by `id`, see streams.ts) taken
 * when it was created or last consumed by a committed DML statement; reading it diffs the source against it.
 */
export type StreamMeta = {
  id: string;
  name: string;
  source: [string, string, string];
  sourceKind: "TABLE" | "VIEW";
  /** The source's createdOn when the stream was created: a replaced or dropped source makes the stream unreadable. */
  sourceCreatedOn: string;
  appendOnly: boolean;
  showInitialRows: boolean;
  comment: string | null;
  createdOn: string;
  owner: string;
  /** When the offset last moved (creation or consumption), on the engine's clock. */
  offsetAt: string;
};
export type TaskMeta = {
  id: string;
  name: string;
  owner: string;
  comment: string | null;
  createdOn: string;
  lastCommittedOn: string;
  lastSuspendedOn: string | null;
  state: "started" | "suspended";
  warehouse: string | null;
  serverlessSize: string | null;
  schedule: string | null;
  /** AFTER: predecessor tasks as [database, schema, name]. */
  after: [string, string, string][];
  condition: string | null;
  definition: string;
  allowOverlapping: boolean;
  suspendAfterFailures: number;
  graphVersion: number;
  consecutiveFailures: number;
  /** Next run of a started root task with a schedule (engine clock, ISO); null otherwise. */
  nextScheduledTime: string | null;
};
/** One row of INFORMATION_SCHEMA.TASK_HISTORY(). */
export type TaskRun = {
  queryId: string | null;
  name: string;
  database: string;
  schema: string;
  queryText: string;
  conditionText: string | null;
  state: "SCHEDULED" | "EXECUTING" | "SUCCEEDED" | "FAILED" | "SKIPPED" | "CANCELLED";
  errorCode: string | null;
  errorMessage: string | null;
  scheduledTime: string;
  queryStartTime: string | null;
  completedTime: string | null;
  nextScheduledTime: string | null;
  rootTaskId: string;
  graphVersion: number;
  runId: number;
  scheduledFrom: "SCHEDULE" | "EXECUTE TASK";
  attemptNumber: number;
};
/** One row of INFORMATION_SCHEMA.REPLICATION_GROUP_REFRESH_HISTORY(). */
export type RefreshRecord = {
  phaseName: "COMPLETED" | "FAILED";
  startTime: string;
  endTime: string;
  jobUuid: string;
  totalBytes: Record<string, unknown>;
  objectCount: Record<string, unknown>;
  primarySnapshotTimestamp: string;
  error: { errorCode: string; errorMessage: string } | null;
};
export type DatabaseMeta = {
  name: string;
  comment: string | null;
  createdOn: string;
  owner?: string;
  /** CREATE DATABASE ROLE (absent in older stores). Databases from a share list none: theirs are the share's. */
  databaseRoles?: Record<string, DatabaseRoleMeta>;
  kind: "STANDARD" | "IMPORTED" | "REPLICA";
  /** IMPORTED: the share it was created from, and the share incarnation it was mounted against. */
  fromShare?: { providerLocator: string; share: string; shareId: string; mountedOn: string };
  replicaOf?: { locator: string; group: string; refreshedOn: string | null };
  schemas: Record<string, SchemaMeta>;
};
export type ShareGrant = {
  privilege: string;
  grantedOn: "DATABASE" | "SCHEMA" | "TABLE" | "VIEW" | "FUNCTION" | "DATABASE_ROLE";
  /** Name parts: [db], [db, schema] or [db, schema, object]; DATABASE_ROLE: [db, role]. */
  parts: string[];
  createdOn: string;
};
export type Share = {
  /** Changes on every CREATE (incl. OR REPLACE), so consumers' old databases stop working. */
  id: string;
  name: string;
  comment: string | null;
  createdOn: string;
  accounts: { locator: string; addedOn: string }[];
  grants: ShareGrant[];
  /** CREATE SHARE … SECURE_OBJECTS_ONLY = FALSE allows non-secure views; absent = TRUE (the default). */
  secureObjectsOnly?: boolean;
};
export type ReplicationGroup = {
  name: string;
  createdOn: string;
  isPrimary: boolean;
  objectTypes: string[];
  allowedDatabases: string[];
  allowedShares: string[];
  allowedAccounts: string[];
  schedule: string | null;
  primary: { locator: string; group: string } | null;
  lastRefreshed: string | null;
  /** Secondary only: ALTER … SUSPEND stops scheduled refreshes until RESUME. */
  suspended?: boolean;
};
export type AccountState = {
  account: Account;
  users: Record<string, User>;
  roles: string[];
  databases: Record<string, DatabaseMeta>;
  shares: Record<string, Share>;
  replicationGroups: Record<string, ReplicationGroup>;
  /** Task runs, oldest first (capped, see task-runner.ts). */
  taskHistory?: TaskRun[];
  /** Refreshes of this account's secondary replication groups, by group name, oldest first (capped). */
  refreshHistory?: Record<string, RefreshRecord[]>;
  /** GRANT … TO ROLE | DATABASE ROLE and GRANT ROLE … TO ROLE (absent in older stores). */
  grants?: RoleGrant[];
};
export type Catalog = { version: 1; accounts: Record<string, AccountState>; nextLocator: number; nextId: number };

export const emptyCatalog = (): Catalog => ({ version: 1, accounts: {}, nextLocator: 70001, nextId: 1 });

export const nowIso = () => new Date().toISOString();

export const newId = (catalog: Catalog) => String(catalog.nextId++);

export function findAccount(catalog: Catalog, orgOrLocator: string, name?: string): AccountState | undefined {
  const all = Object.values(catalog.accounts);
  if (name === undefined) return catalog.accounts[orgOrLocator.toUpperCase()];
  return all.find(
    (a) => a.account.organization === orgOrLocator.toUpperCase() && a.account.name === name.toUpperCase(),
  );
}

export const accountId = (a: Account) => `${a.organization}.${a.name}`;

export function schemaOf(db: DatabaseMeta, name: string) {
  return db.schemas[name];
}

export function newSchema(name: string, comment: string | null = null): SchemaMeta {
  return { name, comment, createdOn: nowIso(), tables: {}, views: {} };
}
