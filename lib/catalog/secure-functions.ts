// The secure functions a share carries beside its views (issue 20, item 7): what each one is called, its
// arguments and result, a description and an example call. Lake migration 6 creates them in SHARED; the planner
// grants USAGE on those of the share's datasets; the catalog page and the mount SQL show them. Pure, so every
// one of those reads the same list.
//
// Each function reads only non-PII columns of its dataset's RAW tables and only the rows of the workspaces
// entitled to the calling consumer account (SHARING.ENTITLEMENTS, as lib/lake/secure-function-objects.ts
// explains), and returns aggregates, never a row per user.

export type SecureFunctionArg = { name: string; type: string; description: string };
export type SecureFunctionColumn = { name: string; type: string; description: string };

export type SecureFunction = {
  datasetKey: string;
  /** In the lake's SHARED schema (and so in the consumer's mounted database). */
  name: string;
  kind: "table" | "scalar";
  args: SecureFunctionArg[];
  /** The scalar function's return type (table functions: see `columns`). */
  returns?: string;
  /** The table function's result columns. */
  columns?: SecureFunctionColumn[];
  description: string;
  /** An example call against the mounted database `db` (window: January 2025, 1735689600–1738368000). */
  example(db: string): string;
};

const windowArgs: SecureFunctionArg[] = [
  { name: "FROM_TIME", type: "NUMBER", description: "Start of the window, Unix epoch seconds (inclusive)." },
  { name: "TO_TIME", type: "NUMBER", description: "End of the window, Unix epoch seconds (exclusive)." },
];

export const secureFunctions: readonly SecureFunction[] = [
  {
    datasetKey: "messaging-email",
    name: "EMAIL_CAMPAIGN_FUNNEL",
    kind: "table",
    args: windowArgs,
    columns: [
      { name: "APP_GROUP_ID", type: "VARCHAR", description: "Workspace the campaign ran in." },
      { name: "CAMPAIGN_ID", type: "VARCHAR", description: "The campaign (null for Canvas sends)." },
      { name: "SENT_USERS", type: "NUMBER", description: "Distinct users sent an email in the window." },
      { name: "DELIVERED_USERS", type: "NUMBER", description: "Distinct users with a delivery in the window." },
      { name: "OPENED_USERS", type: "NUMBER", description: "Distinct users who opened in the window." },
      { name: "CLICKED_USERS", type: "NUMBER", description: "Distinct users who clicked in the window." },
    ],
    description:
      "The send → delivery → open → click funnel of every email campaign in a time window, one row per workspace and campaign, counted in distinct users.",
    example: (db) =>
      `SELECT * FROM TABLE(${db}.SHARED.EMAIL_CAMPAIGN_FUNNEL(1735689600, 1738368000)) ORDER BY SENT_USERS DESC;`,
  },
  {
    datasetKey: "messaging-email",
    name: "EMAIL_CLICK_RATE",
    kind: "scalar",
    args: [{ name: "FOR_CAMPAIGN_ID", type: "VARCHAR", description: "The campaign's CAMPAIGN_ID." }, ...windowArgs],
    returns: "FLOAT",
    description:
      "Click-through rate of one campaign in a time window: distinct users who clicked ÷ distinct users delivered (NULL when nothing was delivered). Call it with constant arguments: its body is a query, so a column argument makes it a correlated subquery, which Snowflake may refuse (docs.snowflake.com/en/developer-guide/udf/sql/udf-sql-troubleshooting).",
    example: (db) =>
      `SELECT ${db}.SHARED.EMAIL_CLICK_RATE('<CAMPAIGN_ID from the funnel>', 1735689600, 1738368000) AS CLICK_RATE;`,
  },
];

/** The functions a dataset's shares carry. */
export const secureFunctionsOf = (datasetKey: string) => secureFunctions.filter((f) => f.datasetKey === datasetKey);

export const secureFunctionNamed = (name: string) => secureFunctions.find((f) => f.name === name.toUpperCase());

/** `NUMBER, NUMBER`: the argument types that name the function in GRANT / DESCRIBE FUNCTION. */
export const argumentTypes = (f: SecureFunction) => f.args.map((a) => a.type).join(", ");

/** `EMAIL_CLICK_RATE(FOR_CAMPAIGN_ID VARCHAR, …) RETURNS FLOAT`, as the catalog shows it. */
export function signatureOf(f: SecureFunction): string {
  const args = f.args.map((a) => `${a.name} ${a.type}`).join(", ");
  const returns =
    f.kind === "table" ? `TABLE (${(f.columns ?? []).map((c) => `${c.name} ${c.type}`).join(", ")})` : f.returns;
  return `${f.name}(${args}) RETURNS ${returns}`;
}
