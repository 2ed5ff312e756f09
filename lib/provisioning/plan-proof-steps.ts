// Steps of the proof of account control (issue 10). A share into an account the brand has not proven yet
// carries one row only: a one-time code in <LAKE>.SHARING.ACCOUNT_PROOFS, readable through the secure view
// SHARED.FLOE_ACCOUNT_PROOF whose row access policy shows a share nothing but its own code (INVOKER_SHARE()).
// The brand mounts the share, reads the code and enters it; only then are entitlement rows written. Pure.

import { accountProofsTable, accountProofView, lakeSchemas } from "@/lib/snowflake/object-names";
import { bind, qualified, quoteIdent, sql } from "@/lib/snowflake/sql-identifiers";
import type { GrantRef, PlanStep, ProviderAccount, ReplicationPath, StepCheck } from "./plan-types";

const proofs = (database: string) => qualified(database, lakeSchemas.sharing, accountProofsTable);

/** SELECT on the proof view, added to a challenge share's grants (and so to what verify expects). */
export function proofViewGrant(database: string): GrantRef {
  return { privilege: "SELECT", grantedOn: "VIEW", name: `${database}.${lakeSchemas.shared}.${accountProofView}` };
}

export function proofRowCountCheck(
  where: "source" | "replica",
  database: string,
  shareName: string,
  n: number,
): StepCheck {
  return {
    description: `${where === "source" ? "The lake" : "The replica"} has ${n === 0 ? "no" : n} proof code row${n === 1 ? "" : "s"} for ${shareName}`,
    statement: sql`SELECT COUNT(*) AS "N" FROM ${proofs(database)} WHERE SHARE_NAME = ${bind(shareName)}`.toStatement(),
    // A lake whose proof table is gone (or was never created) holds no code either.
    expect: { kind: "count-equals", column: "N", value: n, ...(n === 0 ? { absentCountsAsZero: true } : {}) },
  };
}

/**
 * Delete-then-insert keyed by share name. The code is made by the worker when the step runs and appended
 * as the INSERT's last bind (`secretBind`); Postgres keeps only its hash (lib/requests/account-proof.ts),
 * recorded before the code is sent, so the row in Snowflake always matches the latest hash.
 */
export function writeProofCodeStep(account: ProviderAccount, database: string, shareName: string): PlanStep {
  const table = proofs(database);
  return {
    key: "write-proof-code",
    title: `Write the one-time proof code for ${shareName} (the only row the share shows until the code is entered)`,
    accountId: account.id,
    statements: [
      sql`DELETE FROM ${table} WHERE SHARE_NAME = ${bind(shareName)}`.toStatement(),
      // The second bind (the code) is appended by the worker; see PlanStep.secretBind.
      {
        sql: sql`INSERT INTO ${table} (SHARE_NAME, CODE, CREATED_AT) VALUES (${bind(shareName)}, ?, CURRENT_TIMESTAMP())`.toStatement()
          .sql,
        binds: [shareName],
      },
    ],
    batch: false,
    check: proofRowCountCheck("source", database, shareName, 1),
    secretBind: "proof-code",
  };
}

export function deleteProofCodeStep(account: ProviderAccount, database: string, shareName: string): PlanStep {
  return {
    key: "delete-proof-code",
    title: `Delete the proof code of ${shareName}`,
    accountId: account.id,
    statements: [sql`DELETE FROM ${proofs(database)} WHERE SHARE_NAME = ${bind(shareName)}`.toStatement()],
    batch: false,
    check: proofRowCountCheck("source", database, shareName, 0),
  };
}

/** Cross-region challenge: the code is written in the source lake and must reach the replica before the account is added. */
export function refreshReplicaForProofStep(
  target: ProviderAccount,
  path: ReplicationPath,
  shareName: string,
): PlanStep {
  return {
    key: "refresh-replica",
    title: `Refresh the replica of ${path.database} in ${target.organization}.${target.name} (carries the proof code)`,
    accountId: target.id,
    statements: [sql`ALTER REPLICATION GROUP ${quoteIdent(path.groupName)} REFRESH`.toStatement()],
    batch: false,
    check: proofRowCountCheck("replica", path.database, shareName, 1),
  };
}
