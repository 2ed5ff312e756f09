// POST /queries/v1/query-request: session check, faults, then the statement (synchronously, or in the
// background for asyncExec). The HTTP front has already counted it, charged the latency and entered the probe.
import { randomUUID } from "node:crypto";
import type { Bind } from "../engine/types";
import { delay, readJson, type RequestContext } from "./request";
import type { StoredQuery } from "./result-store";
import { requireSession } from "./routes-session";
import { runQuery, type QueryRequest } from "./run-statement";
import type { ServerState } from "./state";
import { applyTransportFault } from "./transport-faults";
import { ok, sendJson, statementFailure } from "./wire";

type QueryBody = {
  sqlText?: unknown;
  bindings?: Record<string, { type?: unknown; value?: unknown }> | null;
  parameters?: Record<string, unknown> | null;
  describeOnly?: unknown;
  asyncExec?: unknown;
};

/** `{"1": {...}, "2": {...}}` → positional binds in key order. */
function bindsOf(bindings: QueryBody["bindings"]): Bind[] | undefined {
  if (!bindings || typeof bindings !== "object") return undefined;
  const keys = Object.keys(bindings).sort((a, b) => Number(a) - Number(b));
  if (keys.length === 0) return undefined;
  return keys.map((k) => ({
    type: String(bindings[k]?.type ?? "TEXT"),
    value: (bindings[k]?.value ?? null) as Bind["value"],
  }));
}

/**
 * MULTI_STATEMENT_COUNT: the request's parameter (the SDK's `parameters` option), else the session's, else 1.
 * A session value N > 1 is "the exact number of statements in a multi-statement query" (parameters page): it binds
 * requests of several statements; a single statement is no multi-statement query and runs (multiCount 0 with
 * sessionOnly = the session's value, checked in run-statement.ts).
 */
function multiCountOf(body: QueryBody, sessionParams: Record<string, string> | undefined) {
  const fromRequest = body.parameters?.MULTI_STATEMENT_COUNT;
  const raw = fromRequest ?? sessionParams?.MULTI_STATEMENT_COUNT ?? 1;
  const n = Number(raw);
  return { count: Number.isInteger(n) && n >= 0 ? n : 1, fromSession: fromRequest === undefined };
}

export async function handleQuery(state: ServerState, rc: RequestContext): Promise<void> {
  const body = ((await readJson(rc.req)) ?? {}) as QueryBody;
  const session = requireSession(state, rc);
  if (!session) return;
  const ctx = session.context;
  const sqlText = typeof body.sqlText === "string" ? body.sqlText : "";
  const requestId = rc.url.searchParams.get("requestId") ?? undefined;

  // A retry of a request Snowflake already ran (the SDK reuses the requestId) gets the first answer.
  const previous = requestId ? state.results.byRequest(session.id, requestId) : undefined;
  if (previous && rc.url.searchParams.has("retryCount")) {
    await previous.done;
    return sendJson(rc.res, 200, previous.answer);
  }

  const rule = state.faults.take({ target: "query", sqlText, accounts: [ctx.accountLocator, session.loginAccount] });
  if (await applyTransportFault(rule, rc)) return;
  if (rule?.kind === "latency") await delay(rule.ms, rc.signal);

  const queryId = randomUUID();
  const binds = bindsOf(body.bindings);
  if (rule?.kind === "snowflake_error") {
    state.queryLog.add({
      timestamp: new Date().toISOString(),
      queryId,
      requestId,
      account: ctx.accountLocator,
      user: ctx.user,
      role: ctx.role,
      database: ctx.database,
      schema: ctx.schema,
      sqlText,
      binds,
      outcome: "error",
      errorCode: rule.code,
      sqlState: rule.sqlState,
      errorMessage: rule.message,
      injectedFault: rule.id,
      rows: 0,
      durationMs: 0,
    });
    return sendJson(rc.res, 200, statementFailure(rule.code, rule.sqlState, rule.message, queryId));
  }

  const multi = multiCountOf(body, ctx.parameters);
  const q: QueryRequest = {
    session,
    queryId,
    requestId,
    sqlText,
    binds,
    describeOnly: body.describeOnly === true,
    multiCount: multi.count,
    multiCountFromSession: multi.fromSession,
    queryTag: typeof body.parameters?.QUERY_TAG === "string" ? body.parameters.QUERY_TAG : undefined,
  };
  const stored: StoredQuery = {
    queryId,
    requestId,
    sessionId: session.id,
    account: ctx.accountLocator,
    user: ctx.user,
    sqlText,
    startedAt: Date.now(),
    status: "RUNNING",
    done: Promise.resolve(),
  };
  stored.done = runQuery(state, q).then(({ answer, failed }) => {
    stored.endedAt = Date.now();
    if (stored.status === "ABORTED") return; // keep the cancellation answer set by abort-request
    stored.answer = answer;
    stored.status = failed ? "FAILED_WITH_ERROR" : "SUCCESS";
    stored.error = failed;
  });
  state.results.put(stored);

  if (body.asyncExec === true) {
    // 333334: detached; the client polls /monitoring/queries/<id> and GETs the result.
    return sendJson(
      rc.res,
      200,
      ok(
        { queryId, getResultUrl: `/queries/${queryId}/result`, queryAbortsAfterSecs: 300, progressDesc: null },
        "333334",
      ),
    );
  }
  await stored.done;
  sendJson(rc.res, 200, stored.answer);
}
