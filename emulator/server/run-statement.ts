// Runs the SQL text of one query request on the engine and builds the answer: a single result, a
// multi-statement parent with stored children, or a Snowflake error. Logs every statement.
import { randomUUID } from "node:crypto";
import { SnowflakeError, type Bind, type StatementResult } from "../engine/types";
import { encodeMultiParent, encodeResult } from "./encode-result";
import { scriptFaultHooks } from "./script-faults";
import type { Session } from "./sessions";
import type { ServerState } from "./state";
import { ok, SqlErrors, statementCountMismatch, statementFailure, type Envelope } from "./wire";

export type QueryRequest = {
  session: Session;
  queryId: string;
  requestId?: string;
  sqlText: string;
  binds?: Bind[];
  describeOnly: boolean;
  /** MULTI_STATEMENT_COUNT: 1 = single statement only, 0 = any number, N = exactly N. */
  multiCount: number;
  /** The count is the session's (no request parameter): a single statement is not held to it. */
  multiCountFromSession?: boolean;
  /** QUERY_TAG sent with this request (statement-level parameter), overriding the session's. */
  queryTag?: string;
};

type Outcome = { answer: Envelope; failed?: { code: string; sqlState: string; message: string } };

const READ_ONLY = /^\s*(\(\s*)*(select|with|show|desc|describe|values)\b/i;

/** statementTypeId for statements described without running (PROTOCOL.md list). */
function statementTypeOf(sql: string): number {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "";
  const ids: Record<string, number> = {
    SELECT: 0x1000,
    WITH: 0x1000,
    INSERT: 0x3100,
    UPDATE: 0x3200,
    DELETE: 0x3300,
    MERGE: 0x3400,
    USE: 0x4300,
    SHOW: 0x4400,
    DESC: 0x4500,
    DESCRIBE: 0x4500,
  };
  return ids[word] ?? 0x6000;
}

function emptyResult(session: Session, sql: string): StatementResult {
  const c = session.context;
  return {
    columns: [],
    rows: [],
    statementTypeId: statementTypeOf(sql),
    finalDatabase: c.database,
    finalSchema: c.schema,
    finalRole: c.role,
    finalWarehouse: c.warehouse,
  };
}

/** Snowflake-style internal error: the client sees a code, the emulator's log gets the stack. */
function internalError(state: ServerState, error: unknown, queryId: string) {
  const incident = Math.floor(Math.random() * 9_000_000) + 1_000_000;
  state.log.error(`internal error in query ${queryId} (incident ${incident})`, error);
  return {
    code: "000603",
    sqlState: "XX000",
    message: `SQL execution internal error:\nProcessing aborted due to error 300002:${incident}; incident ${incident}.`,
  };
}

async function execute(state: ServerState, q: QueryRequest): Promise<StatementResult[]> {
  const count = state.engine.countStatements(q.sqlText);
  if (count === 0) throw new SnowflakeError(...SqlErrors.empty);
  const singleUnderSessionCount = count === 1 && q.multiCountFromSession === true;
  if (q.multiCount !== 0 && count !== q.multiCount && !singleUnderSessionCount) {
    const m = statementCountMismatch(count, q.multiCount);
    throw new SnowflakeError(m.code, m.sqlState, m.message);
  }
  if (q.describeOnly && !READ_ONLY.test(q.sqlText)) return [emptyResult(q.session, q.sqlText)];
  // Reads have no side effects, so describing one runs it and drops the rows (the engine has no describe).
  return state.engine.execute(q.session.context, q.sqlText, q.binds, scriptFaultHooks(state, q));
}

/** Splits for the query log only (child SQL per result id); the engine's own split decides execution. */
function splitForLog(sql: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      if (ch === quote && sql[i + 1] === quote) {
        current += ch + ch; // doubled quote inside a literal
        i++;
        continue;
      }
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ";") {
      if (current.trim()) parts.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function tagOf(q: QueryRequest): { queryTag?: string } {
  const tag = q.queryTag ?? q.session.context.parameters?.QUERY_TAG;
  return tag ? { queryTag: tag } : {};
}

export async function runQuery(state: ServerState, q: QueryRequest): Promise<Outcome> {
  const started = Date.now();
  const ctx = q.session.context;
  const base = () => ({
    timestamp: new Date(started).toISOString(),
    requestId: q.requestId,
    account: ctx.accountLocator,
    user: ctx.user,
    role: ctx.role,
    database: ctx.database,
    schema: ctx.schema,
    // Snapshot of the tag before the statements run (a multi-statement child that sets QUERY_TAG tags the next request).
    ...tagOf(q),
  });
  // Snapshot who ran it before USE statements change the session.
  const who = base();
  const tz = state.timezone;
  try {
    const results = await execute(state, q);
    const last = results[results.length - 1];
    Object.assign(ctx, {
      database: last.finalDatabase,
      schema: last.finalSchema,
      role: last.finalRole,
      warehouse: last.finalWarehouse,
    });
    const durationMs = Date.now() - started;
    if (results.length === 1) {
      const data = encodeResult(last, q.queryId, {
        timezone: tz,
        sessionParameters: ctx.parameters,
        numberOfBinds: q.binds?.length ?? 0,
        describeOnly: q.describeOnly,
      });
      state.queryLog.add({
        ...who,
        queryId: q.queryId,
        sqlText: q.sqlText,
        binds: q.binds,
        outcome: "success",
        rows: last.rows.length,
        statementTypeId: last.statementTypeId,
        durationMs,
      });
      return { answer: ok(data) };
    }
    const texts = splitForLog(q.sqlText);
    const children = results.map((result, i) => {
      const queryId = randomUUID();
      const answer = ok(
        encodeResult(result, queryId, { timezone: tz, sessionParameters: ctx.parameters, numberOfBinds: 0 }),
      );
      const sqlText = texts.length === results.length ? texts[i] : `${q.sqlText} /* statement ${i + 1} */`;
      state.results.put({
        queryId,
        sessionId: q.session.id,
        account: ctx.accountLocator,
        user: ctx.user,
        sqlText,
        startedAt: started,
        endedAt: Date.now(),
        status: "SUCCESS",
        answer,
        done: Promise.resolve(),
      });
      state.queryLog.add({
        ...who,
        queryId,
        parentQueryId: q.queryId,
        sqlText,
        outcome: "success",
        rows: result.rows.length,
        statementTypeId: result.statementTypeId,
        durationMs,
      });
      return { queryId, statementTypeId: result.statementTypeId };
    });
    return { answer: ok(encodeMultiParent(q.queryId, children, last, tz, ctx.parameters)) };
  } catch (error) {
    const failed =
      error instanceof SnowflakeError
        ? { code: error.code, sqlState: error.sqlState, message: error.message }
        : internalError(state, error, q.queryId);
    // The emulator's own diagnosis of a gap (DuckDB's text): for its log and query log, never for the client.
    const detail = error instanceof SnowflakeError ? error.detail : undefined;
    if (detail) state.log.warn(`query ${q.queryId} failed with ${failed.code}; engine detail: ${detail}`);
    state.queryLog.add({
      ...who,
      queryId: q.queryId,
      sqlText: q.sqlText,
      binds: q.binds,
      outcome: "error",
      errorCode: failed.code,
      sqlState: failed.sqlState,
      errorMessage: failed.message,
      ...(detail ? { engineDetail: detail } : {}),
      rows: 0,
      durationMs: Date.now() - started,
    });
    return { answer: statementFailure(failed.code, failed.sqlState, failed.message, q.queryId), failed };
  }
}
