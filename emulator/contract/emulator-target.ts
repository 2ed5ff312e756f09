// The emulator contract target: a fresh emulator on a temp data dir (small demo lake, which the tests do not use),
// with the demo world's accounts as the suite's connectors. Types: target.ts.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateRsaKeyPair, startTestEmulator, type TestEmulator } from "../testing/start-test-emulator";
import { newContractPrefix } from "./contract-prefix";
import type { Connector, ContractTarget, TargetSpec } from "./target";

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
  const prefix = newContractPrefix();
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
