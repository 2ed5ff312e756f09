// The targets the contract suite runs against. A target is a set of Connectors (accounts the suite logs in
// to through the real snowflake-sdk) plus a name prefix for everything the suite creates, so the same tests
// mean the same thing on the emulator and on a real Snowflake account.
//
// - emulator: always; a fresh emulator on a temp data dir (small demo lake, which the tests do not use).
// - snowflake: when SNOWFLAKE_CONTRACT_* is set (see emulator/README.md, "Contract suite").
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import snowflake from "snowflake-sdk";
import {
  generateRsaKeyPair,
  startTestEmulator,
  connectTracked,
  type TestConnection,
  type TestEmulator,
} from "../testing/start-test-emulator";

export type { TestConnection };

export type ConnectOverrides = {
  /** Log in with this password instead of the connector's credentials. */
  password?: string;
  /** Log in with this PKCS#8 PEM key (SNOWFLAKE_JWT) instead of the connector's credentials. */
  privateKeyPem?: string;
  role?: string;
  database?: string;
  schema?: string;
  /** Further snowflake.createConnection options (queryTag, jsTreatIntegerAsBigInt, clientSessionKeepAlive…). */
  extra?: Record<string, unknown>;
};

export type Connector = {
  /** For messages, e.g. "provider FLOEDATA-LAKE_US". */
  label: string;
  /** The `account` the SDK is given. */
  account: string;
  user: string;
  auth: "password" | "keypair" | "none";
  /**
   * ORG.ACCOUNT (Snowflake's data-sharing account identifier) when known from the configuration; the suite
   * otherwise reads it from the session (CURRENT_ORGANIZATION_NAME() || '.' || CURRENT_ACCOUNT_NAME()).
   */
  identifier?: string;
  /** Opens a new connection; rejects with the SDK's error (err.code) when the login is refused. */
  connect(overrides?: ConnectOverrides): Promise<TestConnection>;
  /** Where the SDK reaches the account (no credentials): for tests that build a connection by hand. */
  endpoint(): { account: string; accessUrl?: string };
};

export type EmulatorControls = {
  /** The running emulator (changes after restart()). */
  current(): TestEmulator;
  /** Stops the emulator (every connection closes) and starts a new one on the same data dir. */
  restart(): Promise<void>;
};

export type ContractTarget = {
  name: string;
  kind: "emulator" | "snowflake";
  /** FLOE_CONTRACT_<random>: every database, share and group the suite creates starts with it. */
  prefix: string;
  /** The provider (key-pair auth when configured). */
  provider: Connector;
  /** A consumer account in the provider's region (password auth). */
  consumer: Connector;
  /** Another consumer in the provider's region, to show two consumers see different rows. */
  secondConsumer?: Connector;
  /** A consumer in another region: a direct share to it must be refused. */
  consumerOtherRegion?: Connector;
  /** The vendor's own account in the other region (replication target) and a consumer there. */
  replication?: { provider: Connector; consumer: Connector };
  emulator?: EmulatorControls;
  cleanup(): Promise<void>;
};

/** What is known about a target before it starts (decides which tests apply). */
export type TargetSpec = {
  name: string;
  kind: "emulator" | "snowflake";
  enabled: boolean;
  /** Why a disabled target is skipped. */
  reason?: string;
  providerAuth: "password" | "keypair";
  hasSecondConsumer: boolean;
  hasOtherRegionConsumer: boolean;
  hasReplication: boolean;
  create(): Promise<ContractTarget>;
};

const newPrefix = () => `FLOE_CONTRACT_${randomBytes(4).toString("hex").toUpperCase()}`;

// ---------------------------------------------------------------------------------------------- emulator

/** The demo accounts of emulator/lake/seed-world.ts. */
const EMU = {
  provider: { account: "FLOEDATA-LAKE_US", identifier: "FLOEDATA.LAKE_US" },
  replica: { account: "FLOEDATA-REPLICA_US_WEST", identifier: "FLOEDATA.REPLICA_US_WEST" },
  consumer: { account: "ACMERETAIL-ANALYTICS", identifier: "ACMERETAIL.ANALYTICS" },
  otherRegion: { account: "NORDLICHT-DWH", identifier: "NORDLICHT.DWH" },
  replicaConsumer: { account: "PACIFICOUTFIT-PROD", identifier: "PACIFICOUTFIT.PROD" },
};

export function emulatorSpec(): TargetSpec {
  return {
    name: "emulator",
    kind: "emulator",
    enabled: true,
    providerAuth: "keypair",
    hasSecondConsumer: true,
    hasOtherRegionConsumer: true,
    hasReplication: true,
    create: createEmulatorTarget,
  };
}

async function createEmulatorTarget(): Promise<ContractTarget> {
  const prefix = newPrefix();
  // Our own data dir (so a restart can reopen it) and our own key pair (so it survives the restart).
  const dataDir = mkdtempSync(path.join(tmpdir(), "floe-contract-"));
  const keys = generateRsaKeyPair();
  const start = () =>
    startTestEmulator({ dataDir, lakeRowScale: 0.01, provisionerPublicKeyPem: keys.publicKeyPem, logLevel: "silent" });
  let emu: TestEmulator;
  try {
    emu = await start();
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const connector = (
    label: string,
    account: string,
    user: string,
    auth: "password" | "keypair",
    identifier: string,
    password?: () => string,
  ): Connector => ({
    label,
    account,
    user,
    auth,
    identifier,
    connect: (o = {}) => {
      const credentials = o.privateKeyPem
        ? { privateKeyPem: o.privateKeyPem }
        : o.password !== undefined
          ? { password: o.password }
          : auth === "keypair"
            ? { privateKeyPem: keys.privateKeyPem }
            : { password: password?.() ?? emu.password };
      return emu.connect(account, user, {
        ...credentials,
        role: o.role,
        database: o.database,
        schema: o.schema,
        extra: o.extra,
      });
    },
    endpoint: () => ({ account, accessUrl: emu.url }),
  });

  // A second consumer in the provider's region, created with Snowflake's own CREATE ACCOUNT (ORGADMIN),
  // on first use.
  const secondName = `${prefix}_C2`;
  const secondPassword = `Contract-${randomBytes(6).toString("hex")}`;
  let secondReady: Promise<void> | null = null;
  const ensureSecond = () =>
    (secondReady ??= (async () => {
      const org = await emu.connect(EMU.provider.account, "ADMIN", { role: "ORGADMIN" });
      try {
        await org.execute(
          `CREATE ACCOUNT ${secondName} ADMIN_NAME = ADMIN ADMIN_PASSWORD = '${secondPassword}' ` +
            "EMAIL = 'contract@floe.example' EDITION = ENTERPRISE REGION = AWS_US_EAST_1",
        );
      } finally {
        await org.close();
      }
    })());
  const second = connector(
    "second consumer",
    `FLOEDATA-${secondName}`,
    "ADMIN",
    "password",
    `FLOEDATA.${secondName}`,
    () => secondPassword,
  );
  const secondConsumer: Connector = { ...second, connect: async (o) => (await ensureSecond(), second.connect(o)) };

  return {
    name: "emulator",
    kind: "emulator",
    prefix,
    provider: connector("provider", EMU.provider.account, "FLOE_PROVISIONER", "keypair", EMU.provider.identifier),
    consumer: connector("consumer", EMU.consumer.account, "ADMIN", "password", EMU.consumer.identifier),
    secondConsumer,
    consumerOtherRegion: connector(
      "other-region consumer",
      EMU.otherRegion.account,
      "ADMIN",
      "password",
      EMU.otherRegion.identifier,
    ),
    replication: {
      provider: connector(
        "replica provider",
        EMU.replica.account,
        "FLOE_PROVISIONER",
        "keypair",
        EMU.replica.identifier,
      ),
      consumer: connector(
        "replica-region consumer",
        EMU.replicaConsumer.account,
        "ADMIN",
        "password",
        EMU.replicaConsumer.identifier,
      ),
    },
    emulator: {
      current: () => emu,
      async restart() {
        await emu.stop(); // our dataDir: stop() keeps it
        emu = await start();
      },
    },
    async cleanup() {
      await emu.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

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
  const prefix = newPrefix();
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

export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export function contractTargets(): TargetSpec[] {
  return [emulatorSpec(), snowflakeSpec()];
}
