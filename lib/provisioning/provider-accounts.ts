import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { getConfig } from "@/lib/config";
import type { ConnectionSettings } from "@/lib/snowflake/client";
import type { PoolSettings } from "@/lib/snowflake/connection-pool";
import type { Topology } from "./plan-types";

// The vendor's provider accounts (Postgres is the source of truth; the admin console edits them) and how to
// reach each. Secrets are referenced (`env:NAME` or `file:/path`), read when a pool opens, never logged.

export type ProviderAccountRow = Awaited<ReturnType<typeof loadProviderAccounts>>[number];

export async function loadProviderAccounts() {
  return db.providerAccount.findMany({
    orderBy: { region: "asc" },
    select: { id: true, organizationName: true, accountName: true, locator: true, region: true, hostsLake: true, lakeDatabase: true, username: true, authMethod: true, secretRef: true, maxConcurrency: true },
  });
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

export class SecretReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretReferenceError";
  }
}

/** Resolves `env:NAME` (the secret's value) or `file:/path` (a path; relative paths from the app's directory). */
function resolveSecret(ref: string): { kind: "value"; value: string } | { kind: "path"; path: string } {
  const [scheme, ...rest] = ref.split(":");
  const target = rest.join(":");
  if (scheme === "env") {
    const value = process.env[target];
    if (!value) throw new SecretReferenceError(`The secret for this provider account is expected in the environment variable ${target}, which is not set.`);
    return { kind: "value", value };
  }
  if (scheme === "file") {
    // Secret files live wherever the operator keeps them, outside the app: keep the bundler from tracing them.
    const resolved = path.resolve(/*turbopackIgnore: true*/ target);
    if (!fs.existsSync(/*turbopackIgnore: true*/ resolved)) throw new SecretReferenceError(`The secret file ${resolved} of this provider account does not exist.`);
    return { kind: "path", path: resolved };
  }
  throw new SecretReferenceError(`Unsupported secret reference "${scheme}:…" (use env:NAME or file:/path).`);
}

export function connectionSettingsFor(account: ProviderAccountRow): PoolSettings {
  const config = getConfig();
  const secret = resolveSecret(account.secretRef);
  let auth: ConnectionSettings["auth"];
  if (account.authMethod === "PASSWORD") {
    auth = { kind: "password", password: secret.kind === "value" ? secret.value : fs.readFileSync(/*turbopackIgnore: true*/ secret.path, "utf8").trim() };
  } else {
    auth = secret.kind === "value" ? { kind: "key-pair", privateKeyPem: secret.value } : { kind: "key-pair-file", privateKeyPath: secret.path };
  }
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
