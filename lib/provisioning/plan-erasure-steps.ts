// The grant-erasures step: SELECT on the consumer erasure feed SHARED.ERASURES (lake migration 7,
// lib/erasure/identity-migration-statements.ts erasureFeedObjects) for every share, whatever its datasets:
// the feed lists the subject keys erased from the share's workspaces so consumers can purge copies they
// made. The view filters itself per share (row access policy ERASURE_ROWS on INVOKER_SHARE()), so one grant
// is the same for every share. Cross-region the share lives on the replica account and the grant names the
// view in the secondary database there, exactly as the dataset views are granted. Pure.
// Docs: GRANT <privilege> … TO SHARE (SELECT ON VIEW of a secure view):
// https://docs.snowflake.com/en/sql-reference/sql/grant-privilege-share
import { erasuresView } from "@/lib/erasure/identity-objects";
import { lakeSchemas } from "@/lib/snowflake/object-names";
import { qualified, quoteIdent, sql } from "@/lib/snowflake/sql-identifiers";
import type { GrantRef, PlanStep, ProviderAccount } from "./plan-types";

/** The one grant of the feed, named DB.SHARED.ERASURES like the dataset views' grants. */
export function erasureFeedGrant(database: string): GrantRef {
  return { privilege: "SELECT", grantedOn: "VIEW", name: `${database}.${lakeSchemas.shared}.${erasuresView}` };
}

/** Whether a grant is the feed's (a view grant by its last name part, case as SHOW GRANTS may print it). */
export const isErasureFeedGrant = (g: Pick<GrantRef, "grantedOn" | "name">) =>
  String(g.grantedOn).toUpperCase() === "VIEW" &&
  g.name.split(".").pop()?.replace(/"/g, "").toUpperCase() === erasuresView;

/** The step, as a one-element list so plan builders spread it in beside the other grant steps. */
export function grantErasuresSteps(account: ProviderAccount, shareName: string, database: string): PlanStep[] {
  const grant = erasureFeedGrant(database);
  const statement = sql`GRANT SELECT ON VIEW ${qualified(database, lakeSchemas.shared, erasuresView)} TO SHARE ${quoteIdent(shareName)}`;
  return [
    {
      key: "grant-erasures",
      title: `Grant SELECT on the erasure feed ${lakeSchemas.shared}.${erasuresView}`,
      accountId: account.id,
      statements: [statement.toStatement()],
      batch: false,
      check: {
        description: `SHOW GRANTS TO SHARE lists SELECT on ${lakeSchemas.shared}.${erasuresView}`,
        statement: sql`SHOW GRANTS TO SHARE ${quoteIdent(shareName)}`.toStatement(),
        expect: { kind: "grants-include", grants: [grant] },
      },
    },
  ];
}
