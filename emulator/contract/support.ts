// Helpers shared by the contract modules: error capture, session identity, and the dataset the sharing
// tests create for themselves (nothing here depends on the emulator's demo lake).
import { it, type TestFunction } from "vitest";
import type { Connector, ContractTarget, TargetSpec, TestConnection } from "./target";

export type SnowflakeFailure = { code: string; sqlState?: string; message: string; name?: string };

/** Resolves with the SDK error of a statement (or login) that must fail; fails the test if it succeeded. */
export async function refusal(work: Promise<unknown>): Promise<SnowflakeFailure> {
  let result: unknown;
  try {
    result = await work;
  } catch (error) {
    const e = error as SnowflakeFailure;
    return { code: e.code, sqlState: e.sqlState, message: e.message, name: e.name };
  }
  throw new Error(`expected a Snowflake error, got success: ${JSON.stringify(result)?.slice(0, 300)}`);
}

export type Identity = { locator: string; identifier: string; accountName: string; region: string };

/** Who the session is, from Snowflake's own context functions (portable across targets). */
export async function identity(conn: TestConnection): Promise<Identity> {
  const [row] = await conn.execute<{ L: string; O: string; N: string; R: string }>(
    "SELECT CURRENT_ACCOUNT() AS L, CURRENT_ORGANIZATION_NAME() AS O, CURRENT_ACCOUNT_NAME() AS N, CURRENT_REGION() AS R",
  );
  return { locator: row.L, identifier: `${row.O}.${row.N}`, accountName: row.N, region: row.R };
}

/** Opens a connection, runs `work`, always closes. */
export async function using<T>(connector: Connector, work: (conn: TestConnection) => Promise<T>): Promise<T> {
  const conn = await connector.connect();
  try {
    return await work(conn);
  } finally {
    await conn.close();
  }
}

/** Runs statements one by one (one request each), like a provisioning job would. */
export async function runAll(conn: TestConnection, statements: string[]): Promise<void> {
  for (const sql of statements) await conn.execute(sql);
}

/** The rows every scoped dataset holds: tenant → events. */
export const EVENTS = [
  { TENANT: "alpha", ID: 1, AMOUNT: 10.5 },
  { TENANT: "alpha", ID: 2, AMOUNT: 20.25 },
  { TENANT: "beta", ID: 3, AMOUNT: 30 },
  { TENANT: "gamma", ID: 4, AMOUNT: 40.75 },
  { TENANT: "gamma", ID: 5, AMOUNT: 50 },
] as const;
export const rowsOf = (tenant: string) => EVENTS.filter((e) => e.TENANT === tenant).map((e) => ({ ...e }));

/**
 * A provider database as the product builds it: PRIVATE.EVENTS and PRIVATE.ENTITLEMENTS (not shared),
 * SHARED.EVENTS_V a secure view that keeps the rows of tenants entitled to CURRENT_ACCOUNT(), and
 * SHARED.PLAIN_V a non-secure view (which a share must refuse).
 */
export async function createScopedDatabase(conn: TestConnection, db: string): Promise<void> {
  await runAll(conn, [
    `CREATE DATABASE ${db}`,
    `CREATE SCHEMA ${db}.PRIVATE`,
    `CREATE SCHEMA ${db}.SHARED`,
    `CREATE TABLE ${db}.PRIVATE.EVENTS (TENANT VARCHAR(20) NOT NULL, ID NUMBER(38,0) NOT NULL, AMOUNT NUMBER(10,2))`,
    `CREATE TABLE ${db}.PRIVATE.ENTITLEMENTS (ACCOUNT_LOCATOR VARCHAR(64) NOT NULL, TENANT VARCHAR(20) NOT NULL)`,
    `CREATE SECURE VIEW ${db}.SHARED.EVENTS_V AS SELECT e.TENANT, e.ID, e.AMOUNT FROM ${db}.PRIVATE.EVENTS e ` +
      `JOIN ${db}.PRIVATE.ENTITLEMENTS n ON n.TENANT = e.TENANT WHERE n.ACCOUNT_LOCATOR = CURRENT_ACCOUNT()`,
    `CREATE VIEW ${db}.SHARED.PLAIN_V AS SELECT TENANT, ID FROM ${db}.PRIVATE.EVENTS`,
  ]);
  await conn.execute(
    `INSERT INTO ${db}.PRIVATE.EVENTS (TENANT, ID, AMOUNT) VALUES (?, ?, ?)`,
    EVENTS.map((e) => [e.TENANT, e.ID, e.AMOUNT]),
  );
}

export async function entitle(conn: TestConnection, db: string, locator: string, tenant: string): Promise<void> {
  await conn.execute(`INSERT INTO ${db}.PRIVATE.ENTITLEMENTS (ACCOUNT_LOCATOR, TENANT) VALUES (?, ?)`, [
    locator,
    tenant,
  ]);
}

/** CREATE SHARE + the grants of the secure view + ADD ACCOUNTS (when any). */
export async function provisionShare(
  conn: TestConnection,
  share: string,
  db: string,
  accounts: string[] = [],
): Promise<void> {
  await runAll(conn, [
    `CREATE SHARE ${share} COMMENT = 'floe contract suite'`,
    `GRANT USAGE ON DATABASE ${db} TO SHARE ${share}`,
    `GRANT USAGE ON SCHEMA ${db}.SHARED TO SHARE ${share}`,
    `GRANT SELECT ON VIEW ${db}.SHARED.EVENTS_V TO SHARE ${share}`,
    ...(accounts.length ? [`ALTER SHARE ${share} ADD ACCOUNTS = ${accounts.join(", ")}`] : []),
  ]);
}

export type ShowShareRow = {
  kind: string;
  owner_account: string;
  name: string;
  database_name: string;
  to: string;
  comment: string;
};

export async function showShare(conn: TestConnection, share: string): Promise<ShowShareRow | undefined> {
  const rows = await conn.execute<ShowShareRow>(`SHOW SHARES LIKE '${share}'`);
  return rows.find((r) => r.name === share);
}

/** Accounts listed in SHOW SHARES `to` (comma-separated), sorted. */
export const accountsOf = (row: ShowShareRow | undefined) =>
  (row?.to ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();

export type ContractContext = {
  spec: TargetSpec;
  /** The started target (inside tests and hooks). */
  target(): ContractTarget;
};

/**
 * A test that Snowflake's documented behaviour defines. When the target is known to diverge (an emulator
 * gap listed in DIVERGENCES), the test still runs, as `it.fails`: it passes while the divergence is there
 * and turns red once the emulator is fixed, so the list cannot go stale.
 */
export function contractTest(ctx: ContractContext, divergence: string | null, name: string, fn: TestFunction): void {
  const known = divergence !== null && ctx.spec.kind === "emulator" && EMULATOR_DIVERGENCES.has(divergence);
  (known ? it.fails : it)(known ? `${name} [known emulator divergence: ${divergence}]` : name, fn);
}

/** Emulator behaviours that differ from Snowflake's documented ones (reported in emulator/README.md). */
export const EMULATOR_DIVERGENCES = new Set<string>([]);
