// The lake's identity layout (issue 17, lake migration 7), in one place. Personal data lives in the lake
// database's PERSONAL schema, keyed by the subject key (APP_GROUP_ID, USER_ID) — USER_ID is the platform's
// surrogate user id, not personal data itself — so erasing a subject deletes a few narrow rows and never
// rewrites an event table:
//   PERSONAL.IDENTITIES         the subject's profile fields (EXTERNAL_USER_ID, EMAIL_ADDRESS, GENDER, …);
//                               append-only per distinct value set, the views read MAX per column per key
//   PERSONAL.EVENT_FIELDS       personal fields that belong to one event (MESSAGE_EXTRAS, BOUNCE_REASON),
//                               keyed by (TABLE_NAME, ID) and carrying the subject key
//   PERSONAL.ERASED_SUBJECTS    tombstones: a key here never gets personal data again (late events stay
//                               anonymous); SHARED.ERASURES shows them to each share, per its workspaces
// The RAW event tables keep their columns (so nothing that reads them breaks) with the personal ones NULL.
// Pure (no I/O).
import { lakeTables, type LakeColumn, type LakeTable } from "@/lib/lake/lake-tables";
import { lakeSchemas } from "@/lib/snowflake/object-names";
import {
  qualified,
  quoteIdent,
  sql,
  sqlJoin,
  sqlStringLiteral,
  type Ident,
  type Sql,
} from "@/lib/snowflake/sql-identifiers";

export const personalSchema = "PERSONAL";
export const identitiesTable = "IDENTITIES";
export const eventFieldsTable = "EVENT_FIELDS";
export const erasedSubjectsTable = "ERASED_SUBJECTS";
/** The consumer erasure feed in SHARED (granted to every share). */
export const erasuresView = "ERASURES";
/** Row access policy of ERASURES: a tombstone is visible through a share entitled to its workspace. */
export const erasureRowsPolicy = "ERASURE_ROWS";

/** The subject key columns, as the event tables name them. */
export const subjectKey = { workspace: "APP_GROUP_ID", user: "USER_ID" } as const;

/**
 * Personal columns that describe the subject rather than one event: the same for every event of a user
 * (the platform stamps the profile on each event). Every other catalog PII column is an event field.
 */
const profileColumnNames = new Set([
  "EXTERNAL_USER_ID",
  "EMAIL_ADDRESS",
  "GENDER",
  "COUNTRY",
  "LANGUAGE",
  "AD_ID",
  "LOCALE_KEY",
]);

const byName = (columns: LakeColumn[]) => [...new Map(columns.map((c) => [c.name, c])).values()];

/** Profile columns across the catalog, in first-seen order, with the catalog's type. */
export function profileColumns(): LakeColumn[] {
  return byName(lakeTables().flatMap((t) => t.columns.filter((c) => c.pii && profileColumnNames.has(c.name))));
}

/** Event-level personal columns across the catalog (per event, erased with the subject). */
export function eventFieldColumns(): LakeColumn[] {
  return byName(lakeTables().flatMap((t) => t.columns.filter((c) => c.pii && !profileColumnNames.has(c.name))));
}

export const isProfileColumn = (c: LakeColumn) => c.pii && profileColumnNames.has(c.name);
export const isEventFieldColumn = (c: LakeColumn) => c.pii && !profileColumnNames.has(c.name);

/** Tables with personal columns that are keyed by a subject (every PII table has USER_ID). */
export const personalTables = () =>
  lakeTables().filter((t) => t.columns.some((c) => c.pii) && t.columns.some((c) => c.name === subjectKey.user));

type Target = { database: string };
export const personalRef = (t: Target, name: string): Ident => qualified(t.database, personalSchema, name);
export const identitiesRef = (t: Target) => personalRef(t, identitiesTable);
export const eventFieldsRef = (t: Target) => personalRef(t, eventFieldsTable);
export const erasedSubjectsRef = (t: Target) => personalRef(t, erasedSubjectsTable);
export const erasuresViewRef = (t: Target) => qualified(t.database, lakeSchemas.shared, erasuresView);
export const erasureRowsPolicyRef = (t: Target) => qualified(t.database, lakeSchemas.sharing, erasureRowsPolicy);

/** `NOT EXISTS` a tombstone for the row aliased `alias` (its APP_GROUP_ID, USER_ID). */
export function notErased(t: Target, alias: string): Sql {
  const a = quoteIdent(alias);
  return sql`NOT EXISTS (SELECT 1 FROM ${erasedSubjectsRef(t)} x WHERE x.APP_GROUP_ID = ${a}.APP_GROUP_ID AND x.USER_ID = ${a}.USER_ID)`;
}

/** The identity rows folded to one per key (MAX per column: a value a later row left NULL is kept). */
export function foldedIdentities(t: Target): Sql {
  const cols = sqlJoin(profileColumns().map((c) => sql`MAX(${quoteIdent(c.name)}) AS ${quoteIdent(c.name)}`));
  return sql`(SELECT APP_GROUP_ID, USER_ID, ${cols} FROM ${identitiesRef(t)} GROUP BY APP_GROUP_ID, USER_ID)`;
}

/**
 * The `_ALL` view's SELECT list and FROM: the event table's own columns, the profile columns from the
 * folded identity rows, the event fields from EVENT_FIELDS. Same names, same order as the table's columns.
 */
export function personalViewSource(t: Target, table: LakeTable, rawRef: Ident): Sql {
  const select = sqlJoin(
    table.columns.map((c) => {
      const name = quoteIdent(c.name);
      if (isProfileColumn(c)) return sql`i.${name} AS ${name}`;
      if (isEventFieldColumn(c)) return sql`f.${name} AS ${name}`;
      return sql`e.${name} AS ${name}`;
    }),
  );
  const fields = table.columns.some(isEventFieldColumn)
    ? sql` LEFT JOIN ${eventFieldsRef(t)} f ON f.TABLE_NAME = ${sqlStringLiteral(table.name)} AND f.ID = e.ID`
    : sql``;
  return sql`SELECT ${select} FROM ${rawRef} e LEFT JOIN ${foldedIdentities(t)} i ON i.APP_GROUP_ID = e.APP_GROUP_ID AND i.USER_ID = e.USER_ID${fields}`;
}

/**
 * For Floe's own provider-side previews (which read the base tables, not the consumer-filtered views): the
 * event table with its personal columns joined back, as a derived table, or undefined for a table without.
 */
export function personalSampleSource(database: string, rawTable: string): Sql | undefined {
  const table = personalTables().find((x) => x.name === rawTable);
  if (!table) return undefined;
  return sql`(${personalViewSource({ database }, table, qualified(database, lakeSchemas.raw, table.name))}) s`;
}
