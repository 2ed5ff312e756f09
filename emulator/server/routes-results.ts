// Reading statements back by query id: result, status, and cancellation.
import { delay, readJson, type RequestContext } from "./request";
import type { StoredQuery } from "./result-store";
import { requireSession } from "./routes-session";
import type { Session } from "./sessions";
import type { ServerState } from "./state";
import { ok, sendJson, SqlErrors, statementFailure } from "./wire";

/** How long a result request waits for a running statement before answering "still running" (333333). */
const RESULT_WAIT_MS = 30_000;

/** A statement is visible to sessions of the same user in the same account, as in Snowflake. */
function visible(session: Session, stored: StoredQuery | undefined): stored is StoredQuery {
  return !!stored && stored.account === session.context.accountLocator && stored.user === session.context.user;
}

export async function handleResult(state: ServerState, rc: RequestContext, queryId: string): Promise<void> {
  const session = requireSession(state, rc);
  if (!session) return;
  const stored = state.results.get(queryId);
  if (!visible(session, stored)) {
    const [code, sqlState] = SqlErrors.notFound;
    return sendJson(rc.res, 200, statementFailure(code, sqlState, `Statement ${queryId} not found.`, queryId));
  }
  if (stored.status === "RUNNING") {
    const finished = await Promise.race([
      stored.done.then(() => true),
      delay(RESULT_WAIT_MS, rc.signal).then(() => false),
    ]);
    if (!finished) {
      return sendJson(
        rc.res,
        200,
        ok({ queryId, getResultUrl: `/queries/${queryId}/result`, progressDesc: null }, "333333"),
      );
    }
  }
  sendJson(rc.res, 200, stored.answer);
}

export async function handleMonitoring(state: ServerState, rc: RequestContext, queryId: string): Promise<void> {
  const session = requireSession(state, rc);
  if (!session) return;
  const stored = state.results.get(queryId);
  if (!visible(session, stored)) return sendJson(rc.res, 200, ok({ queries: [] }));
  const end = stored.endedAt ?? Date.now();
  sendJson(
    rc.res,
    200,
    ok({
      queries: [
        {
          id: stored.queryId,
          status: stored.status,
          state: stored.status === "RUNNING" ? "RUNNING" : "SUCCEEDED",
          sqlText: stored.sqlText,
          startTime: stored.startedAt,
          endTime: stored.endedAt ?? 0,
          totalDuration: end - stored.startedAt,
          sessionId: stored.sessionId,
          errorCode: stored.error?.code ?? null,
          errorMessage: stored.error?.message ?? null,
        },
      ],
    }),
  );
}

/**
 * Cancels a statement. The engine cannot interrupt a running statement, so a cancelled one still
 * finishes inside the engine, but its caller gets Snowflake's cancellation error (000604).
 */
export async function handleAbort(state: ServerState, rc: RequestContext, queryId: string | null): Promise<void> {
  const body = (await readJson(rc.req)) as { requestId?: unknown };
  const session = requireSession(state, rc);
  if (!session) return;
  const stored = queryId
    ? state.results.get(queryId)
    : typeof body?.requestId === "string"
      ? state.results.byRequest(session.id, body.requestId)
      : undefined;
  if (visible(session, stored) && stored.status === "RUNNING") {
    stored.status = "ABORTED";
    stored.error = { code: "000604", sqlState: "57014", message: "SQL execution canceled" };
    stored.answer = statementFailure("000604", "57014", "SQL execution canceled", stored.queryId);
  }
  sendJson(rc.res, 200, ok(null));
}
