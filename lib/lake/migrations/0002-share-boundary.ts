// Lake migration 2: the share boundary (issue 10). Entitlement rows get the PII tier, every dataset gets a
// pair of row access policies keyed on INVOKER_SHARE(), and the secure views are recreated behind them
// (COPY GRANTS keeps every share's SELECT, so shares stay mounted and readable throughout). Also the
// proof-of-control objects. Order matters on a live lake: the PII tier is backfilled BEFORE the views
// switch to the policies, so a consumer of a PII share never sees its `_ALL` views empty.
import { bind, sql, sqlJoin, type Sql } from "@/lib/snowflake/sql-identifiers";
import { createBoundaryView, createShareRowsPolicy, entitlementsRef, proofOfControlObjects } from "../lake-objects";
import { lakeDatasetKeys, lakeTables } from "../lake-tables";
import type { LakeMigration, LakeRecords, LakeTarget } from "./types";

/** Share names per UPDATE: keeps each statement's bind list well under Snowflake's limits. */
const BACKFILL_CHUNK = 200;

/** INCLUDES_PII = TRUE on the rows of shares whose request includes PII (names bound, never inlined). */
function backfillPiiTier(t: LakeTarget, records: LakeRecords): Sql[] {
  const names = [...new Set(records.piiShareNames)].sort();
  const out: Sql[] = [];
  for (let i = 0; i < names.length; i += BACKFILL_CHUNK) {
    const chunk = sqlJoin(names.slice(i, i + BACKFILL_CHUNK).map((n) => sql`${bind(n)}`));
    out.push(
      sql`UPDATE ${entitlementsRef(t)} SET INCLUDES_PII = TRUE WHERE SHARE_NAME IN (${chunk}) AND NOT INCLUDES_PII`,
    );
  }
  return out;
}

export const shareBoundary: LakeMigration = {
  version: 2,
  name: "share-boundary",
  summary:
    "ENTITLEMENTS.INCLUDES_PII (backfilled from Postgres), row access policies on INVOKER_SHARE() per dataset, views recreated behind them with COPY GRANTS, proof-of-control objects",
  statements(t, records) {
    const entitlements = entitlementsRef(t);
    return [
      sql`ALTER TABLE ${entitlements} ADD COLUMN IF NOT EXISTS INCLUDES_PII BOOLEAN DEFAULT FALSE COMMENT 'The share includes PII: its _ALL views show this row'`,
      sql`UPDATE ${entitlements} SET INCLUDES_PII = FALSE WHERE INCLUDES_PII IS NULL`,
      ...backfillPiiTier(t, records),
      sql`ALTER TABLE ${entitlements} ALTER COLUMN INCLUDES_PII SET NOT NULL`,
      ...lakeDatasetKeys().flatMap((key) => [
        createShareRowsPolicy(t, key, false),
        createShareRowsPolicy(t, key, true),
      ]),
      ...lakeTables().flatMap((table) => [createBoundaryView(t, table, false), createBoundaryView(t, table, true)]),
      ...proofOfControlObjects(t),
    ];
  },
};
