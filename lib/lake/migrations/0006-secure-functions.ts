// Lake migration 6: the catalog's secure functions in SHARED (issue 20, item 7) — a campaign funnel table
// function and a click-rate scalar over the email events (lib/catalog/secure-functions.ts). Shares get USAGE on
// them by the planner's grant-functions step; shares made before this migration get it from the drift check,
// which plans every ACTIVE share as it would today. Each function reads only non-PII RAW columns and only the
// workspaces entitled to the calling account (lib/lake/secure-function-objects.ts). OR REPLACE … COPY GRANTS:
// running it again converges and keeps the shares' grants. Docs: CREATE FUNCTION (SECURE, RETURNS TABLE, COPY
// GRANTS) https://docs.snowflake.com/en/sql-reference/sql/create-function; secure UDFs
// https://docs.snowflake.com/en/developer-guide/secure-udf-procedure.
import { secureFunctionStatements } from "../secure-function-objects";
import type { LakeMigration } from "./types";

export const secureFunctionsMigration: LakeMigration = {
  version: 6,
  name: "secure-functions",
  summary:
    "Secure functions in SHARED (EMAIL_CAMPAIGN_FUNNEL table function, EMAIL_CLICK_RATE scalar), filtered to the calling account's entitled workspaces",
  statements(t) {
    return secureFunctionStatements(t);
  },
};
