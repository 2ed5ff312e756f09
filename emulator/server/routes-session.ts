// Session upkeep: token renewal, heartbeat, close, telemetry.
import { readJson, type RequestContext } from "./request";
import type { Session } from "./sessions";
import type { ServerState } from "./state";
import { AuthErrors, failure, ok, sendJson } from "./wire";

/**
 * Resolves the request's session or answers the Snowflake session error. An expired session token (390112) and
 * a closed session (390111) come with HTTP 200 and success:false — snowflake-sdk's state machine reads those
 * codes from a 200 body only (renewal on 390112, re-login on 390111). A token Snowflake does not know (390104)
 * comes with HTTP 401: the driver maps exactly that pair to ERR_SF_RESPONSE_INVALID_TOKEN (401004), and its own
 * integration test against Snowflake ("with an invalid token", test/integration/testStatement.js) expects it.
 */
export function requireSession(state: ServerState, rc: RequestContext): Session | null {
  const auth = state.sessions.authenticate(rc.req.headers.authorization);
  if ("error" in auth) {
    sendJson(rc.res, auth.error === AuthErrors.tokenInvalid ? 401 : 200, failure(auth.error[0], auth.error[1]));
    return null;
  }
  return auth.session;
}

export async function handleTokenRequest(state: ServerState, rc: RequestContext): Promise<void> {
  const body = (await readJson(rc.req)) as { requestType?: unknown; oldSessionToken?: unknown };
  if (body?.requestType !== "RENEW") {
    return sendJson(rc.res, 200, failure("390100", `Unsupported token request type ${String(body?.requestType)}.`));
  }
  const renewed = state.sessions.renew(rc.req.headers.authorization, body.oldSessionToken);
  if ("error" in renewed) return sendJson(rc.res, 200, failure(renewed.error[0], renewed.error[1]));
  const s = renewed.session;
  sendJson(
    rc.res,
    200,
    ok({
      sessionToken: s.token,
      validityInSecondsST: state.sessions.validity.sessionTokenSeconds,
      masterToken: s.masterToken,
      validityInSecondsMT: Math.max(0, Math.round((s.masterExpiresAt - Date.now()) / 1000)),
      sessionId: s.id,
    }),
  );
}

export async function handleHeartbeat(state: ServerState, rc: RequestContext): Promise<void> {
  await readJson(rc.req);
  if (!requireSession(state, rc)) return;
  sendJson(rc.res, 200, ok({}));
}

export async function handleSessionDelete(state: ServerState, rc: RequestContext): Promise<void> {
  await readJson(rc.req);
  if (rc.url.searchParams.get("delete") !== "true") {
    return sendJson(rc.res, 404, { success: false, message: "POST /session needs ?delete=true" });
  }
  const session = requireSession(state, rc);
  if (!session) return;
  state.sessions.close(session);
  sendJson(rc.res, 200, ok(null));
}

/** The SDK's in-band telemetry: accepted and dropped. */
export async function handleTelemetry(_state: ServerState, rc: RequestContext): Promise<void> {
  await readJson(rc.req);
  sendJson(rc.res, 200, ok(null));
}
