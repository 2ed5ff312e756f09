// Streams in queries: `FROM <stream>` becomes the stream's delta (streams.ts) with the METADATA$ columns;
// a DML statement records what it read so its offsets move when it succeeds (commands/query.ts), a SELECT
// never moves them. `SYSTEM$STREAM_HAS_DATA('<stream>')` is TRUE when the delta has rows
// (https://docs.snowflake.com/en/sql-reference/functions/system_stream_has_data).
import type { StreamMeta } from "./catalog";
import { errors } from "./errors";
import { qualified, quoteIdent } from "./identifiers";
import { nameInString } from "./policy-references";
import { holds } from "./privileges";
import { completeName, databaseFor, visibleSchemas } from "./resolve";
import type { RewriteEnv } from "./select-rewriter";
import {
  assertFresh,
  deltaSql,
  METADATA_COLUMNS,
  resolveSource,
  sourceColumns,
  sourceRowsSql,
  type StreamSource,
} from "./streams";
import { significant, tokenize, type Token } from "./tokenizer";

type Rewrite = (tokens: Token[], env: RewriteEnv) => string;

type Found = { stream: StreamMeta; locator: string; database: string; schema: string; localDb: string };

/** The stream a 1–3 part name denotes in the naming context, or null (then it is a table, a view or missing). */
function findStream(env: RewriteEnv, parts: string[]): Found | null {
  let full: [string, string, string];
  try {
    full = completeName(env.names, parts, env.command);
  } catch {
    return null;
  }
  let where;
  try {
    where = databaseFor(env.ctx, env.names, full[0]);
  } catch {
    return null;
  }
  if (where.share) return null; // streams are not shared objects in the emulator
  const schema = visibleSchemas(where).find((s) => s.name === full[1]);
  const stream = schema?.streams?.[full[2]];
  // Without SELECT on the stream (or its ownership) the role does not see it: "does not exist or not authorized".
  if (stream && env.names.checked && !holds(env.ctx, { kind: "STREAM", parts: full }, ["SELECT"], stream.owner))
    return null;
  return stream
    ? {
        stream,
        locator: where.owner.account.locator,
        database: where.db.name,
        schema: full[1],
        localDb: where.localName,
      }
    : null;
}

function deltaFor(env: RewriteEnv, f: Found, rewrite: Rewrite, track: boolean): string {
  const display = qualified(f.localDb, f.schema, f.stream.name);
  const src = resolveSource(env.ctx, f.locator, f.stream);
  if (env.names.checked) requireSourceSelect(env, f.stream, src);
  assertFresh(env.ctx, f.stream, src, display);
  const viewSql = () =>
    rewrite(significant(tokenize(`SELECT * FROM ${f.stream.source.map(quoteIdent).join(".")}`)), {
      ...env,
      names: { locator: f.locator, database: f.stream.source[0], schema: f.stream.source[1] },
      depth: env.depth + 1,
      sources: [],
      binds: null,
      writeTarget: false,
      topLevel: false,
    });
  const rowsSql = sourceRowsSql(src, f.stream, viewSql);
  if (track)
    env.ctx.streamReads?.push({
      streamId: f.stream.id,
      key: [f.locator, f.database, f.schema, f.stream.name].join("\u0000"),
      snapshotSql: rowsSql,
    });
  return deltaSql(f.stream, sourceColumns(src), rowsSql);
}

/**
 * Querying a stream needs SELECT on its source table or view as well as on the stream (streams-intro, "Required
 * access privileges"); a view's own tables are read with the view owner's rights, as any view's are.
 */
function requireSourceSelect(env: RewriteEnv, stream: StreamMeta, src: StreamSource): void {
  const obj = src.kind === "table" ? src.table : src.view;
  const on = { kind: src.kind === "table" ? ("TABLE" as const) : ("VIEW" as const), parts: stream.source };
  if (!holds(env.ctx, on, ["SELECT"], obj.owner)) throw errors.insufficientPrivileges(src.kind, qualified(...on.parts));
}

/** FROM <stream>: the delta as a sub-query, or null when the name is no stream. */
export function streamRelationSql(
  parts: string[],
  env: RewriteEnv,
  forWrite: boolean,
  rewrite: Rewrite,
): string | null {
  const f = findStream(env, parts);
  if (!f) return null;
  if (forWrite)
    throw errors.invalid(`Stream '${qualified(f.localDb, f.schema, f.stream.name)}' cannot be modified by DML.`);
  const sql = deltaFor(env, f, rewrite, true);
  const src = resolveSource(env.ctx, f.locator, f.stream);
  env.sources.push({
    columns: [...sourceColumns(src), ...METADATA_COLUMNS],
    database: f.localDb,
    schema: f.schema,
    table: f.stream.name,
  });
  return `(${sql})`;
}

/** At tokens[i] = SYSTEM$STREAM_HAS_DATA followed by ( '<name>' ): the boolean sub-query and the index after ')'. */
export function streamHasDataCall(
  env: RewriteEnv,
  tokens: Token[],
  i: number,
  rewrite: Rewrite,
): { sql: string; next: number } {
  const arg = tokens[i + 2];
  if (arg?.kind !== "string" || tokens[i + 3]?.value !== ")")
    throw errors.invalid("SYSTEM$STREAM_HAS_DATA takes the stream's name as a string literal.");
  const parts = nameInString(arg.value);
  const f = findStream(env, parts);
  if (!f) throw errors.doesNotExist("Stream", parts.map((p) => qualified(p)).join("."));
  return { sql: `(SELECT count(*) > 0 FROM (${deltaFor(env, f, rewrite, false)}) _floe_hd)`, next: i + 4 };
}
