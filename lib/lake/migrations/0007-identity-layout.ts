// Lake migration 7: the identity layout that makes GDPR erasure cheap (issue 17). Personal columns move out
// of the event tables into the narrow PERSONAL tables keyed by (APP_GROUP_ID, USER_ID); the `_ALL` views are
// recreated over the identity join with the same columns, COMMENTs and policy (COPY GRANTS: live shares keep
// reading); the event tables' personal columns are then set to NULL (they stay, so readers of RAW keep
// working); tombstones and the consumer feed SHARED.ERASURES are created; the pipeline's MOVE_<K> procedures
// are replaced so later events put personal fields in the PERSONAL tables, never for a tombstoned key.
// Order matters on a live lake: data is copied BEFORE the views switch, and the event tables are cleared
// AFTER, so a mounted `_ALL` view never shows an empty personal column. Every statement converges on rerun.
// Events without a USER_ID have no subject key: their personal fields cannot be erased by subject, so they
// are not kept.
// Docs: CREATE VIEW … COPY GRANTS (docs.snowflake.com/en/sql-reference/sql/create-view), secure views
// (/en/user-guide/views-secure), row access policies (/en/user-guide/security-row-intro), IS [NOT] DISTINCT
// FROM (/en/sql-reference/operators-comparison… "IS [ NOT ] DISTINCT FROM").
import { sql } from "@/lib/snowflake/sql-identifiers";
import {
  clearEventPersonalColumns,
  createIdentityJoinedView,
  erasureFeedObjects,
  insertEventFields,
  insertIdentities,
  personalTablesDdl,
} from "@/lib/erasure/identity-migration-statements";
import { personalTables } from "@/lib/erasure/identity-objects";
import { identityMoveProcedures } from "@/lib/erasure/identity-pipeline";
import { rawTableRef } from "../lake-objects";
import type { LakeMigration } from "./types";

export const identityLayout: LakeMigration = {
  version: 7,
  name: "identity-layout",
  summary:
    "Personal columns move to PERSONAL.IDENTITIES / EVENT_FIELDS keyed by (APP_GROUP_ID, USER_ID); _ALL views recreated over the join (COPY GRANTS, same columns); tombstones, SHARED.ERASURES; pipeline procedures write personal fields there, never for an erased subject",
  statements(t) {
    const tables = personalTables();
    const copy = tables.flatMap((table) => {
      const source = rawTableRef(t, table);
      return [insertIdentities(t, table, source, sql`TRUE`), insertEventFields(t, table, source, sql`TRUE`)].filter(
        (s) => s !== undefined,
      );
    });
    return [
      ...personalTablesDdl(t),
      ...copy,
      ...tables.map((table) => createIdentityJoinedView(t, table)),
      ...tables.map((table) => clearEventPersonalColumns(t, table)!),
      ...erasureFeedObjects(t),
      ...identityMoveProcedures(t),
    ];
  },
};
