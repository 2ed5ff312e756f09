// The contract suite: the same tests against every target (emulator always; real Snowflake when
// SNOWFLAKE_CONTRACT_* is set), through snowflake-sdk only. See emulator/README.md, "Contract suite".
import { afterAll, beforeAll, describe } from "vitest";
import { emulatorContract } from "./emulator.contract";
import { protocolContract } from "./protocol.contract";
import { replicationContract } from "./replication.contract";
import { sharingContract } from "./sharing.contract";
import type { ContractContext } from "./support";
import { contractTargets, type ContractTarget } from "./target";

for (const spec of contractTargets()) {
  const title = spec.enabled ? `contract [${spec.name}]` : `contract [${spec.name}] — ${spec.reason}`;
  describe.skipIf(!spec.enabled)(title, { timeout: spec.kind === "snowflake" ? 180_000 : 30_000 }, () => {
    let started: ContractTarget | undefined;
    const ctx: ContractContext = {
      spec,
      target: () => {
        if (!started) throw new Error(`contract target ${spec.name} did not start`);
        return started;
      },
    };
    beforeAll(async () => {
      started = await spec.create();
    }, 180_000);
    afterAll(async () => {
      await started?.cleanup();
    }, 180_000);

    protocolContract(ctx);
    sharingContract(ctx);
    replicationContract(ctx);
    emulatorContract(ctx);
  });
}
