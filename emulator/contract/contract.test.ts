// The contract suite: the same tests against every target (emulator always; real Snowflake when
// SNOWFLAKE_CONTRACT_* is set), through snowflake-sdk only. See emulator/README.md, "Contract suite".
import { afterAll, beforeAll, describe } from "vitest";
import { databaseRolesContract } from "./database-roles.contract";
import { emulatorContract } from "./emulator.contract";
import { errorsContract } from "./errors.contract";
import { mergeContract } from "./merge.contract";
import { identityLayoutContract } from "./identity-layout.contract";
import { privilegesContract } from "./privileges.contract";
import { protocolContract } from "./protocol.contract";
import { replicationContract } from "./replication.contract";
import { rowAccessContract } from "./row-access.contract";
import { proceduresContract } from "./procedures.contract";
import { scriptingContract } from "./scripting.contract";
import { semiStructuredContract } from "./semi-structured.contract";
import { sessionParametersContract } from "./session-parameters.contract";
import { shareBlocksContract } from "./share-blocks.contract";
import { sessionTokensContract } from "./session-tokens.contract";
import { sharedFunctionsContract } from "./shared-functions.contract";
import { sharingContract } from "./sharing.contract";
import { managedAccountsContract } from "./managed-accounts.contract";
import { simulatedConsumerContract } from "./simulated-consumer.contract";
import { sqlCoverageContract } from "./sql-coverage.contract";
import { streamRulesContract } from "./stream-rules.contract";
import { streamsContract } from "./streams.contract";
import { structuredTypesContract } from "./structured-types.contract";
import { timestampInputContract } from "./timestamp-input.contract";
import { tableFunctionsContract } from "./table-functions.contract";
import { tasksContract } from "./tasks.contract";
import { udfsContract } from "./udfs.contract";
import type { ContractContext } from "./support";
import { contractTargets, type ContractTarget } from "./target";

// A target without credentials is not registered at all (contractTargets() prints why), so a default run
// reports no skipped tests: it runs exactly what it can check.
for (const spec of contractTargets().filter((target) => target.enabled)) {
  describe(`contract [${spec.name}]`, { timeout: spec.kind === "snowflake" ? 180_000 : 30_000 }, () => {
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
    rowAccessContract(ctx);
    streamsContract(ctx);
    streamRulesContract(ctx);
    semiStructuredContract(ctx);
    structuredTypesContract(ctx);
    timestampInputContract(ctx);
    tasksContract(ctx);
    scriptingContract(ctx);
    proceduresContract(ctx);
    shareBlocksContract(ctx);
    sessionParametersContract(ctx);
    sessionTokensContract(ctx);
    errorsContract(ctx);
    identityLayoutContract(ctx);
    sqlCoverageContract(ctx);
    mergeContract(ctx);
    tableFunctionsContract(ctx);
    privilegesContract(ctx);
    databaseRolesContract(ctx);
    udfsContract(ctx);
    sharedFunctionsContract(ctx);
    simulatedConsumerContract(ctx);
    managedAccountsContract(ctx);
    emulatorContract(ctx);
  });
}
