// The SQL a brand runs in their own Snowflake account to use an active share: mount it as a database, grant
// it to a role, and a few queries to see data. Pure, shown in the portal next to the request.

import { erasuresView } from "@/lib/erasure/identity-objects";
import { accountProofView, lakeSchemas, scheduleLabel } from "@/lib/snowflake/object-names";
import { quoteIdent } from "@/lib/snowflake/sql-identifiers";
import { secureFunctionNamed, type SecureFunction } from "@/lib/catalog/secure-functions";
import type { Plan } from "./plan-types";

/** The catalog's secure functions this share grants USAGE on, in the plan's order. */
function sharedFunctions(plan: Plan): SecureFunction[] {
  return plan.expectedShare.grants
    .filter((g) => g.grantedOn === "FUNCTION")
    .map((g) => secureFunctionNamed(g.name.split(".").pop() ?? ""))
    .filter((f): f is SecureFunction => f !== undefined);
}

const functionExamples = (plan: Plan, db: string) => sharedFunctions(plan).map((f) => f.example(db));

const functionsLine = (plan: Plan) => {
  const names = sharedFunctions(plan).map((f) => f.name);
  return names.length > 0
    ? [`-- Shared secure functions (call them; their bodies stay hidden): ${names.join(", ")}`]
    : [];
};

/**
 * How the data reaches the consumer, from the plan that made the share: in-region the share reads the
 * lake itself (no copy, no lag); cross-region it reads a secondary database in the consumer's region that
 * the plan's replication group refreshes on its schedule, so it lags by up to that interval.
 */
export type MountRoute = { kind: "in-region" } | { kind: "cross-region"; schedule: string; every: string };

export type MountInstructions = {
  localDatabase: string;
  role: string;
  /** ORG.ACCOUNT.SHARE as the consumer names the inbound share. */
  shareRef: string;
  route: MountRoute;
  /** Each one statement that runs alone (a driver's default MULTI_STATEMENT_COUNT=1, a worksheet's Run). */
  statements: string[];
  sampleQueries: string[];
  /**
   * The one query a consumer runs to purge copies they made (docs/erasure-feed.md): the rows of subjects in
   * SHARED.ERASURES erased since their last purge, less a margin. Every share has the feed: new plans grant it
   * (plan-erasure-steps.ts) and the drift check grants it to shares made before, whose stored plans lack it.
   */
  purgeQuery: string;
  /** Everything as one multi-statement script: needs MULTI_STATEMENT_COUNT=0 in a driver, or "Run All" in a worksheet. */
  sql: string;
};

/** What is true of this share's data path, in one sentence: shown on the request page and in the e-mail. */
export function mountRouteText(route: MountRoute): string {
  return route.kind === "cross-region"
    ? `Your account is in another region than the data, so Snowflake cannot read it in place: it is replicated to a secondary database in your region and refreshed on a schedule, every ${route.every}. Queries read that copy, so new events reach you later than they land: up to ${route.every} of replication on top of the pipeline's own delay. The "data current as of" line shows the delay Floe measured in your region.`
    : "Your account is in the same region as the data: queries read the live data, with no copy and no lag.";
}

export function mountRoute(plan: Pick<Plan, "crossRegion" | "replication">): MountRoute {
  if (!plan.crossRegion || !plan.replication) return { kind: "in-region" };
  return { kind: "cross-region", schedule: plan.replication.schedule, every: scheduleLabel(plan.replication.schedule) };
}

const unquotedSafe = /^[A-Z_][A-Z0-9_$]{0,254}$/;

// Consumers copy this SQL, so plain upper-case names stay unquoted for readability; anything else they
// typed (lower case, spaces) is quoted exactly as given so it still names what they meant.
function name(value: string): string {
  return unquotedSafe.test(value) ? value : quoteIdent(value).sqlText;
}

/** What a brand runs to read the one-time code of a share waiting for proof of account control. */
export type ProofInstructions = { localDatabase: string; shareRef: string; statements: string[]; sql: string };

export function proofInstructions({
  plan,
  consumer = {},
}: {
  plan: Plan;
  consumer?: { localDatabase?: string };
}): ProofInstructions {
  const localDatabase = consumer.localDatabase?.trim() || plan.shareName;
  const db = name(localDatabase);
  const shareRef = `${plan.providerAccountRef}.${plan.shareName}`;
  // The same database the data appears in after the code is entered: nothing to re-mount.
  const statements = [
    `CREATE DATABASE ${db} FROM SHARE ${shareRef};`,
    `SELECT CODE FROM ${db}.${lakeSchemas.shared}.${accountProofView};`,
  ];
  const sql =
    [
      "-- Run in the Snowflake account you asked to share into, as ACCOUNTADMIN (or a role granted CREATE DATABASE and IMPORT SHARE).",
      ...statements,
    ].join("\n") + "\n";
  return { localDatabase, shareRef, statements, sql };
}

export function mountInstructions({
  plan,
  consumer = {},
}: {
  plan: Plan;
  consumer?: { localDatabase?: string; role?: string };
}): MountInstructions {
  const localDatabase = consumer.localDatabase?.trim() || plan.shareName;
  const role = consumer.role?.trim() || "SYSADMIN";
  const db = name(localDatabase);
  const shareRef = `${plan.providerAccountRef}.${plan.shareName}`;
  const statements = [
    `CREATE DATABASE ${db} FROM SHARE ${shareRef};`,
    `GRANT IMPORTED PRIVILEGES ON DATABASE ${db} TO ROLE ${name(role)};`,
  ];
  // The proof view is part of a proof share's grants, but is not data (and is empty once proven); the
  // erasure feed is not event data either: it has its own query.
  const granted = plan.expectedShare.grants
    .filter((g) => g.grantedOn === "VIEW")
    .map((g) => g.name.split(".").pop() as string);
  const views = granted.filter((v) => v !== accountProofView && v !== erasuresView);
  const purgeQuery = purgeStatement(db, mountRoute(plan));
  const first = views.find((v) => !v.endsWith("_ALL")) ?? views[0];
  const view = `${db}.${lakeSchemas.shared}.${first}`;
  // Every catalog table has TIME (epoch seconds) and APP_GROUP_ID, so these run on whichever view is first.
  const sampleQueries = [
    `SELECT * FROM ${view} LIMIT 10;`,
    `SELECT TO_DATE(TO_TIMESTAMP(TIME)) AS EVENT_DATE, COUNT(*) AS EVENTS FROM ${view} GROUP BY 1 ORDER BY 1 DESC LIMIT 14;`,
    `SELECT APP_GROUP_ID, COUNT(*) AS EVENTS FROM ${view} GROUP BY 1 ORDER BY 2 DESC;`,
    // The share's secure functions (lib/catalog/secure-functions.ts), each with its catalog example.
    ...functionExamples(plan, db),
  ];
  const sql =
    [
      "-- Run in your Snowflake account as ACCOUNTADMIN (or a role granted CREATE DATABASE and IMPORT SHARE: creating a database from a share needs both).",
      `-- ${statements.length + sampleQueries.length} statements: run all in a worksheet, or set MULTI_STATEMENT_COUNT=0 to send them as one call from a driver.`,
      ...statements,
      "",
      `-- Shared views: ${views.join(", ")}`,
      ...functionsLine(plan),
      ...sampleQueries,
      // Commented out: it names the consumer's own table, so "Run All" of the script must not run it.
      "",
      ...purgeComment,
      `-- ${purgeQuery}`,
    ].join("\n") + "\n";
  return { localDatabase, role, shareRef, route: mountRoute(plan), statements, sampleQueries, purgeQuery, sql };
}

const purgeComment = [
  "-- Erasures: SHARED.ERASURES lists the subjects erased from this share's workspaces. Delete their rows from any copy",
  "-- you made (MY_COPY: your table); replace 1970-01-01 with the time of your last purge (UTC) once you have purged.",
];

/**
 * Minutes to reach back before the last purge: a tombstone carries the time it was written in the lake, and
 * reaches a cross-region share only with the next refresh, so a purge run between the two would miss it by
 * ERASED_AT alone. Reaching back one replication interval (plus five minutes of slack) catches it; deleting
 * a row twice is harmless.
 */
export function purgeMarginMinutes(route: MountRoute): number {
  if (route.kind === "in-region") return 5;
  const minutes = /^(\d+)\s+MINUTES?$/i.exec(route.schedule.trim());
  return (minutes ? Number(minutes[1]) : 60) + 5;
}

/** The purge query for a mounted database `db` (already a SQL name), as the mount page shows it. */
export function purgeStatement(db: string, route: MountRoute): string {
  const feed = `${db}.${lakeSchemas.shared}.${erasuresView}`;
  // EXISTS with the table's own name rather than DELETE … USING: the same rows, and the form every SQL
  // engine a copy may live in reads; INTERVAL arithmetic on TIMESTAMP_NTZ (Snowflake's interval constants,
  // docs.snowflake.com/en/sql-reference/data-types-datetime#interval-constants).
  return `DELETE FROM MY_COPY WHERE EXISTS (SELECT 1 FROM ${feed} e WHERE e.APP_GROUP_ID = MY_COPY.APP_GROUP_ID AND e.USER_ID = MY_COPY.USER_ID AND e.ERASED_AT >= '1970-01-01 00:00:00'::TIMESTAMP_NTZ - INTERVAL '${purgeMarginMinutes(route)} MINUTES');`;
}
