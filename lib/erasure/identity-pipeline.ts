// The ingest pipeline's procedures under the identity layout (lake migration 7 replaces migration 5's
// MOVE_<K> with these, same names, so the tasks keep CALLing them). The steps are migration 5's — stream →
// batch table, rejected events, heartbeat, deduplicated rows into RAW, batch emptied — plus: a valid
// record's profile fields go to PERSONAL.IDENTITIES and its event fields to PERSONAL.EVENT_FIELDS, never
// for a key with a tombstone, and the RAW row is written without its personal columns. A final sweep drops
// personal rows of keys tombstoned while this run was reading (an erasure racing the load). Each step after
// the first is safe to repeat, as before: a failed run is finished by the next.
import { lakeTables, type LakeTable } from "@/lib/lake/lake-tables";
import type { LakeTarget } from "@/lib/lake/migrations/types";
import {
  loadsTable,
  pipelineInternalsFor,
  pipelineSchema,
  rejectedEventsTable,
  type PipelineInternals,
} from "@/lib/lake/pipeline-objects";
import { lakeSchemas } from "@/lib/snowflake/object-names";
import {
  qualified,
  quoteIdent,
  sql,
  sqlDollarQuoted,
  sqlJoin,
  sqlStringLiteral,
  type Sql,
} from "@/lib/snowflake/sql-identifiers";
import { insertEventFields, insertIdentities, sweepErased } from "./identity-migration-statements";

const ref = (t: LakeTarget, name: string) => qualified(t.database, pipelineSchema, name);

function moveStatements(t: LakeTarget, p: PipelineInternals, tables: LakeTable[]): Sql[] {
  const key = sqlStringLiteral(p.datasetKey);
  const rejected = ref(t, rejectedEventsTable);
  const topics = sqlJoin(p.tables.map((x) => sql`${sqlStringLiteral(x.topic)}`));
  const out: Sql[] = [
    sql`INSERT INTO ${ref(t, p.batchTable)} (RECORD_METADATA, RECORD_CONTENT) SELECT RECORD_METADATA, RECORD_CONTENT FROM ${ref(t, p.stream)} WHERE METADATA$ACTION = 'INSERT'`,
    sql`INSERT INTO ${rejected} (DATASET_KEY, TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, REASON, RECORD_CONTENT, REJECTED_AT) SELECT ${key}, TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, 'unknown topic', RECORD_CONTENT, SYSDATE() FROM ${ref(t, p.batchView)} WHERE TOPIC IS NULL OR TOPIC NOT IN (${topics})`,
  ];
  for (const x of p.tables) {
    const table = tables.find((tb) => tb.name === x.rawTable)!;
    const view = ref(t, x.typedView);
    const raw = qualified(t.database, lakeSchemas.raw, table.name);
    const fresh = sql`v.REJECT_REASON IS NULL AND NOT EXISTS (SELECT 1 FROM ${raw} r WHERE r.ID = v.ID)`;
    const firstOffset = sql` QUALIFY ROW_NUMBER() OVER (PARTITION BY v.ID ORDER BY v.KAFKA_PARTITION, v.KAFKA_OFFSET) = 1`;
    const kept = table.columns.filter((c) => !c.pii);
    const cols = sqlJoin(kept.map((c) => quoteIdent(c.name)));
    const identities = insertIdentities(t, table, view, sql`v.REJECT_REASON IS NULL`);
    const fields = insertEventFields(t, table, view, fresh, firstOffset);
    out.push(
      sql`INSERT INTO ${rejected} (DATASET_KEY, TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, REASON, RECORD_CONTENT, REJECTED_AT) SELECT ${key}, ${sqlStringLiteral(x.topic)}, KAFKA_PARTITION, KAFKA_OFFSET, REJECT_REASON, RECORD_CONTENT, SYSDATE() FROM ${view} WHERE REJECT_REASON IS NOT NULL`,
      sql`INSERT INTO ${ref(t, loadsTable)} (DATASET_KEY, WORKSPACE_ID, LATEST_EVENT_AT, LOADED_AT, EVENTS_LOADED) SELECT ${key}, v.APP_GROUP_ID, TO_TIMESTAMP_NTZ(MAX(v.TIME)), SYSDATE(), COUNT(DISTINCT v.ID) FROM ${view} v WHERE ${fresh} GROUP BY v.APP_GROUP_ID`,
      ...(identities ? [identities] : []),
      // Before the RAW insert: "fresh" still means "not in RAW yet", so the event fields are the first offset's.
      ...(fields ? [fields] : []),
      sql`INSERT INTO ${raw} (${cols}) SELECT ${cols} FROM ${view} v WHERE ${fresh}${firstOffset}`,
    );
  }
  out.push(...sweepErased(t), sql`DELETE FROM ${ref(t, p.batchTable)}`);
  return out;
}

/** CREATE OR REPLACE of every dataset's MOVE_<K> procedure with the identity-layout steps. */
export function identityMoveProcedures(t: LakeTarget): Sql[] {
  const all = lakeTables();
  return [...new Set(all.map((x) => x.datasetKey))].map((datasetKey) => {
    const p = pipelineInternalsFor(datasetKey);
    const tables = all.filter((tb) => tb.datasetKey === datasetKey);
    return sql`CREATE OR REPLACE PROCEDURE ${ref(t, p.procedure)}() RETURNS VARCHAR LANGUAGE SQL EXECUTE AS OWNER AS ${sqlDollarQuoted(moveStatements(t, p, tables), sqlStringLiteral("moved"))}`;
  });
}
