import "server-only";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import type { ConnectionSettings } from "@/lib/snowflake/client";
import { readSecret } from "@/lib/secrets/secret-ref";
import type { PoolSettings } from "@/lib/snowflake/connection-pool";
import type { Topology } from "./plan-types";

// The vendor's provider accounts (Postgres is the source of truth; the admin console edits them) and how to
// reach each. Secrets are referenced (`env:NAME` or `file:/path`, restricted by lib/secrets/secret-ref.ts),
// read on every statement so a rotated secret takes effect at once, never logged.

export type ProviderAccountRow = Awaited<ReturnType<typeof loadProviderAccounts>>[number];

const accountSelect = {
  id: true,
  organizationName: true,
  accountName: true,
  locator: true,
  region: true,
  hostsLake: true,
  lakeDatabase: true,
  username: true,
  authMethod: true,
  secretRef: true,
  maxConcurrency: true,
} as const;

export async function loadProviderAccounts() {
  return db.providerAccount.findMany({ orderBy: { region: "asc" }, select: accountSelect });
}

export async function loadProviderAccount(id: string): Promise<ProviderAccountRow | null> {
  return db.providerAccount.findUnique({ where: { id }, select: accountSelect });
}

export async function loadTopology(): Promise<Topology> {
  const accounts = await loadProviderAccounts();
  return {
    providerAccounts: accounts.map((a) => ({
      id: a.id,
      organization: a.organizationName,
      name: a.accountName,
      locator: a.locator,
      region: a.region,
      hostsLake: a.hostsLake,
      lakeDatabase: a.lakeDatabase,
    })),
  };
}

export function connectionSettingsFor(account: ProviderAccountRow): PoolSettings {
  const config = getConfig();
  // The key's text rather than its path: the pool's fingerprint then changes when the file's content does.
  const secret = readSecret(account.secretRef, config.secretPolicy).value;
  const auth: ConnectionSettings["auth"] =
    account.authMethod === "PASSWORD"
      ? { kind: "password", password: secret.trim() }
      : { kind: "key-pair", privateKeyPem: secret };
  return {
    // ORG-ACCOUNT is Snowflake's preferred connection identifier; an access URL (emulator, PrivateLink) overrides the host.
    account: `${account.organizationName}-${account.accountName}`,
    username: account.username,
    auth,
    accessUrl: config.SNOWFLAKE_ACCESS_URL,
    role: "ACCOUNTADMIN",
    statementTimeoutSeconds: config.SNOWFLAKE_STATEMENT_TIMEOUT_SECONDS,
    maxConnections: account.maxConcurrency,
  };
}
