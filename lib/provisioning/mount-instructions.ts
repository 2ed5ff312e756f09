// The SQL a brand runs in their own Snowflake account to use an active share: mount it as a database, grant
// it to a role, and a few queries to see data. Pure, shown in the portal next to the request.

import { accountProofView, lakeSchemas } from "@/lib/snowflake/object-names";
import { quoteIdent } from "@/lib/snowflake/sql-identifiers";
import type { Plan } from "./plan-types";

export type MountInstructions = {
  localDatabase: string;
  role: string;
  /** ORG.ACCOUNT.SHARE as the consumer names the inbound share. */
  shareRef: string;
  statements: string[];
  sampleQueries: string[];
  sql: string;
};

const unquotedSafe = /^[A-Z_][A-Z0-9_$]{0,254}$/;

// Consumers copy this SQL, so plain upper-case names stay unquoted for readability; anything else they
// typed (lower case, spaces) is quoted exactly as given so it still names what they meant.
function name(value: string): string {
  return unquotedSafe.test(value) ? value : quoteIdent(value).sqlText;
}

/** What a brand runs to read the one-time code of a share waiting for proof of account control. */
export type ProofInstructions = { localDatabase: string; shareRef: string; statements: string[]; sql: string };

export function proofInstructions({ plan, consumer = {} }: { plan: Plan; consumer?: { localDatabase?: string } }): ProofInstructions {
  const localDatabase = consumer.localDatabase?.trim() || plan.shareName;
  const db = name(localDatabase);
  const shareRef = `${plan.providerAccountRef}.${plan.shareName}`;
  // The same database the data appears in after the code is entered: nothing to re-mount.
  const statements = [`CREATE DATABASE ${db} FROM SHARE ${shareRef};`, `SELECT CODE FROM ${db}.${lakeSchemas.shared}.${accountProofView};`];
  const sql = ["-- Run in the Snowflake account you asked to share into, as ACCOUNTADMIN (or a role granted CREATE DATABASE and IMPORT SHARE).", ...statements].join("\n") + "\n";
  return { localDatabase, shareRef, statements, sql };
}

export function mountInstructions({ plan, consumer = {} }: { plan: Plan; consumer?: { localDatabase?: string; role?: string } }): MountInstructions {
  const localDatabase = consumer.localDatabase?.trim() || plan.shareName;
  const role = consumer.role?.trim() || "SYSADMIN";
  const db = name(localDatabase);
  const shareRef = `${plan.providerAccountRef}.${plan.shareName}`;
  const statements = [
    `CREATE DATABASE ${db} FROM SHARE ${shareRef};`,
    `GRANT IMPORTED PRIVILEGES ON DATABASE ${db} TO ROLE ${name(role)};`,
  ];
  // The proof view is part of a proof share's grants, but is not data (and is empty once proven).
  const views = plan.expectedShare.grants
    .filter((g) => g.grantedOn === "VIEW")
    .map((g) => g.name.split(".").pop() as string)
    .filter((v) => v !== accountProofView);
  const first = views.find((v) => !v.endsWith("_ALL")) ?? views[0];
  const view = `${db}.${lakeSchemas.shared}.${first}`;
  // Every catalog table has TIME (epoch seconds) and APP_GROUP_ID, so these run on whichever view is first.
  const sampleQueries = [
    `SELECT * FROM ${view} LIMIT 10;`,
    `SELECT TO_DATE(TO_TIMESTAMP(TIME)) AS EVENT_DATE, COUNT(*) AS EVENTS FROM ${view} GROUP BY 1 ORDER BY 1 DESC LIMIT 14;`,
    `SELECT APP_GROUP_ID, COUNT(*) AS EVENTS FROM ${view} GROUP BY 1 ORDER BY 2 DESC;`,
  ];
  const sql = [
    "-- Run in your Snowflake account as ACCOUNTADMIN (or a role granted CREATE DATABASE and IMPORT SHARE: creating a database from a share needs both).",
    ...statements,
    "",
    `-- Shared views: ${views.join(", ")}`,
    ...sampleQueries,
  ].join("\n") + "\n";
  return { localDatabase, role, shareRef, statements, sampleQueries, sql };
}
