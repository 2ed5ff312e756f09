// Statement builders of the identity layout (lake migration 7 and the pipeline procedures it installs):
// the PERSONAL tables, the moves of personal fields into them, the `_ALL` views over the identity join and
// the erasure feed. Names and the column split are in identity-objects.ts. Every statement is idempotent
// (IF NOT EXISTS, OR REPLACE … COPY GRANTS, INSERT … WHERE NOT EXISTS, UPDATE … WHERE still personal), so a
// rerun converges. No MERGE: DELETE/INSERT … WHERE NOT EXISTS only.
import { entitlementsRef, policyRef, rawTableRef, viewComment, viewRef } from "@/lib/lake/lake-objects";
import type { LakeColumn, LakeTable } from "@/lib/lake/lake-tables";
import type { LakeTarget } from "@/lib/lake/migrations/types";
import {
  qualified,
  quoteIdent,
  sql,
  sqlDataType,
  sqlJoin,
  sqlStringLiteral,
  type Ident,
  type Sql,
} from "@/lib/snowflake/sql-identifiers";
import {
  erasedSubjectsRef,
  erasureRowsPolicyRef,
  erasuresViewRef,
  eventFieldColumns,
  eventFieldsRef,
  eventFieldsTable,
  identitiesRef,
  identitiesTable,
  isEventFieldColumn,
  isProfileColumn,
  notErased,
  personalSchema,
  personalViewSource,
  profileColumns,
} from "./identity-objects";

const columnDefs = (cols: LakeColumn[]) =>
  sqlJoin(cols.map((c) => sql`${quoteIdent(c.name)} ${sqlDataType(c.type)} COMMENT 'PII'`));

function joinWith(parts: Sql[], op: "AND" | "OR"): Sql {
  if (parts.length === 0) return op === "AND" ? sql`TRUE` : sql`FALSE`;
  const glue = op === "AND" ? sql` AND ` : sql` OR `;
  return sql`(${parts.slice(1).reduce((acc, p) => sql`${acc}${glue}${p}`, parts[0])})`;
}

const col = (alias: "v" | "i" | "e", c: LakeColumn) => sql`${quoteIdent(alias)}.${quoteIdent(c.name)}`;

/** `(v.A IS NOT NULL OR v.B IS NOT NULL …)`, FALSE for no columns. */
export const anyOf = (alias: "v" | "e", cols: LakeColumn[]) =>
  joinWith(
    cols.map((c) => sql`${col(alias, c)} IS NOT NULL`),
    "OR",
  );

export function personalTablesDdl(t: LakeTarget): Sql[] {
  return [
    sql`CREATE SCHEMA IF NOT EXISTS ${qualified(t.database, personalSchema)} COMMENT = 'Personal data of the lake subjects, keyed by (APP_GROUP_ID, USER_ID); erasure deletes here'`,
    sql`CREATE TABLE IF NOT EXISTS ${identitiesRef(t)} (APP_GROUP_ID VARCHAR NOT NULL, USER_ID VARCHAR NOT NULL, ${columnDefs(profileColumns())}) COMMENT = 'Profile fields per subject key, one row per distinct value set; the _ALL views fold them with MAX'`,
    sql`CREATE TABLE IF NOT EXISTS ${eventFieldsRef(t)} (TABLE_NAME VARCHAR NOT NULL, ID VARCHAR NOT NULL, APP_GROUP_ID VARCHAR NOT NULL, USER_ID VARCHAR NOT NULL, ${columnDefs(eventFieldColumns())}) COMMENT = 'Personal fields of single events, keyed by (TABLE_NAME, ID), with the subject key'`,
    sql`CREATE TABLE IF NOT EXISTS ${erasedSubjectsRef(t)} (APP_GROUP_ID VARCHAR NOT NULL, USER_ID VARCHAR NOT NULL, ERASED_AT TIMESTAMP_NTZ(9) NOT NULL, REQUEST_ID VARCHAR) COMMENT = 'Tombstones: erased subject keys, never given personal data again'`,
  ];
}

/**
 * New profile rows from `source` (aliased v: an event table or a pipeline's typed view) for rows matching
 * `where`: one per distinct value set, none for a key with a tombstone or a value set already stored.
 */
export function insertIdentities(t: LakeTarget, table: LakeTable, source: Sql | Ident, where: Sql): Sql | undefined {
  const present = table.columns.filter(isProfileColumn);
  if (present.length === 0) return undefined;
  const own = new Set(present.map((c) => c.name));
  const cols = profileColumns();
  const values = sqlJoin(cols.map((c) => (own.has(c.name) ? col("v", c) : sql`NULL`)));
  const same = joinWith(
    cols.map((c) =>
      own.has(c.name) ? sql`${col("i", c)} IS NOT DISTINCT FROM ${col("v", c)}` : sql`${col("i", c)} IS NULL`,
    ),
    "AND",
  );
  const names = sqlJoin(cols.map((c) => quoteIdent(c.name)));
  return sql`INSERT INTO ${identitiesRef(t)} (APP_GROUP_ID, USER_ID, ${names}) SELECT DISTINCT v.APP_GROUP_ID, v.USER_ID, ${values} FROM ${source} v WHERE ${where} AND v.USER_ID IS NOT NULL AND v.APP_GROUP_ID IS NOT NULL AND ${anyOf("v", present)} AND ${notErased(t, "v")} AND NOT EXISTS (SELECT 1 FROM ${identitiesRef(t)} i WHERE i.APP_GROUP_ID = v.APP_GROUP_ID AND i.USER_ID = v.USER_ID AND ${same})`;
}

/** New event-field rows from `source` (aliased v), one per event ID not stored yet; `tail` may QUALIFY. */
export function insertEventFields(
  t: LakeTarget,
  table: LakeTable,
  source: Sql | Ident,
  where: Sql,
  tail: Sql = sql``,
): Sql | undefined {
  const present = table.columns.filter(isEventFieldColumn);
  if (present.length === 0) return undefined;
  const own = new Set(present.map((c) => c.name));
  const cols = eventFieldColumns();
  const values = sqlJoin(cols.map((c) => (own.has(c.name) ? col("v", c) : sql`NULL`)));
  const names = sqlJoin(cols.map((c) => quoteIdent(c.name)));
  return sql`INSERT INTO ${eventFieldsRef(t)} (TABLE_NAME, ID, APP_GROUP_ID, USER_ID, ${names}) SELECT ${sqlStringLiteral(table.name)}, v.ID, v.APP_GROUP_ID, v.USER_ID, ${values} FROM ${source} v WHERE ${where} AND v.ID IS NOT NULL AND v.USER_ID IS NOT NULL AND v.APP_GROUP_ID IS NOT NULL AND ${anyOf("v", present)} AND ${notErased(t, "v")} AND NOT EXISTS (SELECT 1 FROM ${eventFieldsRef(t)} f WHERE f.TABLE_NAME = ${sqlStringLiteral(table.name)} AND f.ID = v.ID)${tail}`;
}

/** The event table keeps no personal data: its PII columns set to NULL where any is still set. */
export function clearEventPersonalColumns(t: LakeTarget, table: LakeTable): Sql | undefined {
  const pii = table.columns.filter((c) => c.pii);
  if (pii.length === 0) return undefined;
  const set = sqlJoin(pii.map((c) => sql`${quoteIdent(c.name)} = NULL`));
  const still = joinWith(
    pii.map((c) => sql`${quoteIdent(c.name)} IS NOT NULL`),
    "OR",
  );
  return sql`UPDATE ${rawTableRef(t, table)} SET ${set} WHERE ${still}`;
}

/**
 * The `_ALL` view over the identity join, exactly as migration 3 described it otherwise: same columns in
 * the same order with the catalog's COMMENTs, same row access policy, COPY GRANTS (live shares keep SELECT).
 */
export function createIdentityJoinedView(t: LakeTarget, table: LakeTable): Sql {
  const list = sqlJoin(table.columns.map((c) => sql`${quoteIdent(c.name)} COMMENT ${sqlStringLiteral(c.description)}`));
  return sql`CREATE OR REPLACE SECURE VIEW ${viewRef(t, table, true)} (${list}) ROW ACCESS POLICY ${policyRef(t, table.datasetKey, true)} ON (APP_GROUP_ID) COPY GRANTS COMMENT = ${viewComment(true)} AS ${personalViewSource(t, table, rawTableRef(t, table))}`;
}

/**
 * Remove personal rows of tombstoned keys (closes the race of an ingest that read before the tombstone).
 * The outer table is named by its bare name inside the subquery (standard correlation; no DELETE … USING).
 */
export function sweepErased(t: LakeTarget): Sql[] {
  const sweep = (ref: Ident, name: string) =>
    sql`DELETE FROM ${ref} WHERE EXISTS (SELECT 1 FROM ${erasedSubjectsRef(t)} x WHERE x.APP_GROUP_ID = ${quoteIdent(name)}.APP_GROUP_ID AND x.USER_ID = ${quoteIdent(name)}.USER_ID)`;
  return [sweep(identitiesRef(t), identitiesTable), sweep(eventFieldsRef(t), eventFieldsTable)];
}

/**
 * The consumer erasure feed: SHARED.ERASURES lists the tombstones of the workspaces the reading share is
 * entitled to (any dataset, any tier: the subject key is in the non-PII views too), via INVOKER_SHARE().
 */
export function erasureFeedObjects(t: LakeTarget): Sql[] {
  return [
    sql`CREATE ROW ACCESS POLICY IF NOT EXISTS ${erasureRowsPolicyRef(t)} AS (ROW_WORKSPACE_ID VARCHAR) RETURNS BOOLEAN -> EXISTS (SELECT 1 FROM ${entitlementsRef(t)} e WHERE e.SHARE_NAME = INVOKER_SHARE() AND e.WORKSPACE_ID = ROW_WORKSPACE_ID) COMMENT = 'Tombstones of the workspaces entitled to the share being read'`,
    erasureFeedView(t),
  ];
}

/** The feed's view behind its policy (COPY GRANTS: also how the drift check restores a policy someone removed). */
export function erasureFeedView(t: LakeTarget): Sql {
  return sql`CREATE OR REPLACE SECURE VIEW ${erasuresViewRef(t)} (APP_GROUP_ID COMMENT 'The workspace of the erased subject.', USER_ID COMMENT 'The erased subject key: delete the rows with this APP_GROUP_ID and USER_ID from any copy you made.', ERASED_AT COMMENT 'When the subject was erased in this lake (UTC).') ROW ACCESS POLICY ${erasureRowsPolicyRef(t)} ON (APP_GROUP_ID) COPY GRANTS COMMENT = 'Subjects erased from the shared data, for purging copies' AS SELECT APP_GROUP_ID, USER_ID, MIN(ERASED_AT) AS ERASED_AT FROM ${erasedSubjectsRef(t)} GROUP BY APP_GROUP_ID, USER_ID`;
}
