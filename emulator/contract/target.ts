// The targets the contract suite runs against. A target is a set of Connectors (accounts the suite logs in
// to through the real snowflake-sdk) plus a name prefix for everything the suite creates, so the same tests
// mean the same thing on the emulator and on a real Snowflake account.
//
// - emulator: always; a fresh emulator on a temp data dir (small demo lake, which the tests do not use).
// - snowflake: when SNOWFLAKE_CONTRACT_* is set (see emulator/README.md, "Contract suite").
import type { TestConnection, TestEmulator } from "../testing/start-test-emulator";
import { emulatorSpec } from "./emulator-target";
import { snowflakeSpec } from "./snowflake-target";

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

export function contractTargets(): TargetSpec[] {
  return [emulatorSpec(), snowflakeSpec()];
}
