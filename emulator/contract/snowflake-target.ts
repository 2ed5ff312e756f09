// The real-Snowflake contract target: on when SNOWFLAKE_CONTRACT_* is set (see emulator/README.md, "Contract
// suite"); the same tests against a real account, everything they create named with the run's prefix and dropped
// after. Types: target.ts.
import { existsSync } from "node:fs";
import snowflake from "snowflake-sdk";
import { connectTracked, type TestConnection } from "../testing/start-test-emulator";
import { newContractPrefix } from "./contract-prefix";
import type { Connector, ContractTarget, TargetSpec } from "./target";

// ------------------------------------------------------------------------------------- real Snowflake

const ENV = "SNOWFLAKE_CONTRACT_";
/** The variables the real target needs; documented in emulator/README.md ("Contract suite"). */
export const REQUIRED_ENV = [
  `${ENV}PROVIDER_ACCOUNT`,
  `${ENV}PROVIDER_USER`,
  `${ENV}CONSUMER_ACCOUNT`,
  `${ENV}CONSUMER_USER`,
  `${ENV}CONSUMER_PASSWORD`,
] as const;

const SKIP_MESSAGE = "real-Snowflake contract target skipped: set SNOWFLAKE_CONTRACT_* to run it";
let warned = false;

export function snowflakeSpec(env: NodeJS.ProcessEnv = process.env): TargetSpec {
  const get = (name: string) => env[`${ENV}${name}`]?.trim() || undefined;
  const missing: string[] = REQUIRED_ENV.filter((name) => !env[name]?.trim());
  if (!get("PROVIDER_PRIVATE_KEY_PATH") && !get("PROVIDER_PASSWORD"))
    missing.push(`${ENV}PROVIDER_PRIVATE_KEY_PATH (or ${ENV}PROVIDER_PASSWORD)`);
  const keyPath = get("PROVIDER_PRIVATE_KEY_PATH");
  if (keyPath && !existsSync(keyPath)) missing.push(`${ENV}PROVIDER_PRIVATE_KEY_PATH (no file at ${keyPath})`);
  const anySet = Object.keys(env).some((k) => k.startsWith(ENV) && env[k]);
  const secondSet = Boolean(
    get("SECOND_CONSUMER_ACCOUNT") && get("SECOND_CONSUMER_USER") && get("SECOND_CONSUMER_PASSWORD"),
  );
  const spec: TargetSpec = {
    name: "snowflake",
    kind: "snowflake",
    enabled: missing.length === 0,
    providerAuth: keyPath ? "keypair" : "password",
    hasSecondConsumer: secondSet,
    hasOtherRegionConsumer: Boolean(get("OTHER_REGION_CONSUMER")),
    hasReplication: false,
    create: () => createSnowflakeTarget(get),
  };
  if (!spec.enabled) {
    spec.reason = anySet ? `${SKIP_MESSAGE} (missing: ${missing.join(", ")})` : SKIP_MESSAGE;
    if (!warned) {
      warned = true;
      console.warn(spec.reason);
    }
  }
  return spec;
}

/** "MYORG-ACCT" → "MYORG.ACCT"; a locator-style account ("xy12345.us-east-2.aws") has no static identifier. */
function identifierOf(account: string): string | undefined {
  const m = /^([A-Za-z][A-Za-z0-9]*)-([A-Za-z][A-Za-z0-9_]*)$/.exec(account);
  return m ? `${m[1]}.${m[2]}`.toUpperCase() : undefined;
}

async function createSnowflakeTarget(get: (name: string) => string | undefined): Promise<ContractTarget> {
  const prefix = newContractPrefix();
  const open = new Set<TestConnection>();
  // Optional (PrivateLink, a proxy; or a standalone emulator, to exercise this target's own code).
  const accessUrl = get("ACCESS_URL");

  type Credentials = { password?: string; privateKeyPath?: string; privateKeyPass?: string };
  const connector = (
    label: string,
    account: string,
    user: string,
    creds: Credentials,
    role?: string,
    warehouse?: string,
  ): Connector => ({
    label,
    account,
    user,
    auth: creds.privateKeyPath ? "keypair" : "password",
    identifier: identifierOf(account),
    async connect(o = {}) {
      const auth = o.privateKeyPem
        ? { authenticator: "SNOWFLAKE_JWT", privateKey: o.privateKeyPem }
        : o.password !== undefined
          ? { password: o.password }
          : creds.privateKeyPath
            ? {
                authenticator: "SNOWFLAKE_JWT",
                privateKeyPath: creds.privateKeyPath,
                privateKeyPass: creds.privateKeyPass,
              }
            : { password: creds.password };
      return connectTracked(
        {
          account,
          username: user,
          ...auth,
          role: o.role ?? role,
          warehouse,
          database: o.database,
          schema: o.schema,
          application: "floe-contract-suite",
          ...(accessUrl ? { accessUrl } : {}),
          ...o.extra,
        } as snowflake.ConnectionOptions,
        open,
      );
    },
    endpoint: () => ({ account, ...(accessUrl ? { accessUrl } : {}) }),
  });

  const provider = connector(
    "provider",
    get("PROVIDER_ACCOUNT")!,
    get("PROVIDER_USER")!,
    get("PROVIDER_PRIVATE_KEY_PATH")
      ? { privateKeyPath: get("PROVIDER_PRIVATE_KEY_PATH"), privateKeyPass: get("PROVIDER_PRIVATE_KEY_PASSPHRASE") }
      : { password: get("PROVIDER_PASSWORD") },
    get("PROVIDER_ROLE") ?? "ACCOUNTADMIN",
    get("PROVIDER_WAREHOUSE"),
  );
  const consumerRole = get("CONSUMER_ROLE") ?? "ACCOUNTADMIN";
  const consumerWarehouse = get("CONSUMER_WAREHOUSE");
  const consumer = connector(
    "consumer",
    get("CONSUMER_ACCOUNT")!,
    get("CONSUMER_USER")!,
    { password: get("CONSUMER_PASSWORD") },
    consumerRole,
    consumerWarehouse,
  );
  const secondAccount = get("SECOND_CONSUMER_ACCOUNT");
  const secondConsumer =
    secondAccount && get("SECOND_CONSUMER_USER") && get("SECOND_CONSUMER_PASSWORD")
      ? connector(
          "second consumer",
          secondAccount,
          get("SECOND_CONSUMER_USER")!,
          { password: get("SECOND_CONSUMER_PASSWORD") },
          consumerRole,
          get("SECOND_CONSUMER_WAREHOUSE") ?? consumerWarehouse,
        )
      : undefined;
  const other = get("OTHER_REGION_CONSUMER");
  const consumerOtherRegion: Connector | undefined = other
    ? {
        label: "other-region consumer",
        account: other,
        user: "",
        auth: "none",
        identifier: other.toUpperCase(),
        connect: () =>
          Promise.reject(
            new Error(`${ENV}OTHER_REGION_CONSUMER names an account only; the suite does not log in to it`),
          ),
        endpoint: () => ({ account: other }),
      }
    : undefined;

  return {
    name: "snowflake",
    kind: "snowflake",
    prefix,
    provider,
    consumer,
    secondConsumer,
    consumerOtherRegion,
    async cleanup() {
      // Shares first (consumers' databases become unusable), then every database named with the prefix.
      const errors: unknown[] = [];
      const attempt = async (fn: () => Promise<unknown>) => {
        try {
          await fn();
        } catch (error) {
          errors.push(error);
        }
      };
      const like = `'${prefix}%'`; // our own hex prefix: safe to inline (SHOW takes no binds)
      await attempt(async () => {
        const p = await provider.connect();
        try {
          for (const s of await p.execute<{ kind: string; name: string }>(`SHOW SHARES LIKE ${like}`))
            if (s.kind === "OUTBOUND") await attempt(() => p.execute(`DROP SHARE ${quote(s.name)}`));
          for (const d of await p.execute<{ name: string }>(`SHOW DATABASES LIKE ${like}`))
            await attempt(() => p.execute(`DROP DATABASE IF EXISTS ${quote(d.name)}`));
        } finally {
          await p.close();
        }
      });
      for (const c of [consumer, secondConsumer]) {
        if (!c) continue;
        await attempt(async () => {
          const conn = await c.connect();
          try {
            for (const d of await conn.execute<{ name: string }>(`SHOW DATABASES LIKE ${like}`))
              await attempt(() => conn.execute(`DROP DATABASE IF EXISTS ${quote(d.name)}`));
          } finally {
            await conn.close();
          }
        });
      }
      await Promise.allSettled([...open].map((c) => c.close()));
      if (errors.length) console.warn(`contract cleanup on Snowflake left errors (objects named ${prefix}*):`, errors);
    },
  };
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
