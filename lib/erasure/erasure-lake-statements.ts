// The statements the erasure job sends to a lake (or a replica of it). Identifiers through the quoting
// helper, every value a bind: hashes never leave Node (the lake has no copy of them), so the job reads the
// identity rows of the request's workspaces, matches hashes here, and writes tombstones by key. Pure.
import { bind, quoteIdent, sql, sqlJoin, type Ident, type Sql } from "@/lib/snowflake/sql-identifiers";
import {
  erasedSubjectsRef,
  eventFieldsRef,
  eventFieldsTable,
  identitiesRef,
  identitiesTable,
} from "./identity-objects";

type Lake = { database: string };
/** Keys per tombstone INSERT (2 binds each): well under Snowflake's bind limits per statement. */
export const TOMBSTONE_BATCH = 500;

const binds = (values: readonly string[]) => sqlJoin(values.map((v) => sql`${bind(v)}`));

/** The identity rows of the workspaces: key plus the two identifiers a request can name. */
export const identityCandidates = (t: Lake, workspaceIds: readonly string[]): Sql =>
  sql`SELECT DISTINCT APP_GROUP_ID, USER_ID, EXTERNAL_USER_ID, LOWER(EMAIL_ADDRESS) AS EMAIL FROM ${identitiesRef(t)} WHERE APP_GROUP_ID IN (${binds(workspaceIds)})`;

/** Tombstones for keys not tombstoned yet (a rerun writes nothing twice). */
export function insertTombstones(
  t: Lake,
  requestId: string,
  keys: readonly { workspace: string; user: string }[],
): Sql {
  const values = sqlJoin(keys.map((k) => sql`(${bind(k.workspace)}, ${bind(k.user)})`));
  return sql`INSERT INTO ${erasedSubjectsRef(t)} (APP_GROUP_ID, USER_ID, ERASED_AT, REQUEST_ID) SELECT v.COLUMN1, v.COLUMN2, SYSDATE(), ${bind(requestId)} FROM VALUES ${values} v WHERE NOT EXISTS (SELECT 1 FROM ${erasedSubjectsRef(t)} x WHERE x.APP_GROUP_ID = v.COLUMN1 AND x.USER_ID = v.COLUMN2)`;
}

/** Personal rows of the request's tombstoned keys, deleted (tombstone first, so ingest cannot bring them back). */
export function deletePersonalRows(t: Lake, requestId: string): Sql[] {
  const del = (ref: Ident, name: string) =>
    sql`DELETE FROM ${ref} WHERE EXISTS (SELECT 1 FROM ${erasedSubjectsRef(t)} x WHERE x.REQUEST_ID = ${bind(requestId)} AND x.APP_GROUP_ID = ${quoteIdent(name)}.APP_GROUP_ID AND x.USER_ID = ${quoteIdent(name)}.USER_ID)`;
  return [del(identitiesRef(t), identitiesTable), del(eventFieldsRef(t), eventFieldsTable)];
}

/** What must be zero after an erasure, per region: personal rows left for the request's tombstoned keys. */
export function remainingPersonalRows(t: Lake, requestId: string): Sql {
  const left = (ref: Ident, name: string) =>
    sql`SELECT COUNT(*) FROM ${ref} WHERE EXISTS (SELECT 1 FROM ${erasedSubjectsRef(t)} x WHERE x.REQUEST_ID = ${bind(requestId)} AND x.APP_GROUP_ID = ${quoteIdent(name)}.APP_GROUP_ID AND x.USER_ID = ${quoteIdent(name)}.USER_ID)`;
  return sql`SELECT (${left(identitiesRef(t), identitiesTable)}) AS IDENTITY_ROWS, (${left(eventFieldsRef(t), eventFieldsTable)}) AS EVENT_FIELD_ROWS, (SELECT COUNT(*) FROM ${erasedSubjectsRef(t)} WHERE REQUEST_ID = ${bind(requestId)}) AS TOMBSTONES`;
}
