// Snowflake response envelopes and the fixed error codes the server itself produces (auth, sessions,
// protocol). SQL errors come from the engine as SnowflakeError and pass through unchanged.
import type { ServerResponse } from "node:http";
import { answerParameterList } from "../engine/session-parameters";

export type Envelope = {
  data: unknown;
  code: string | null;
  message: string | null;
  success: boolean;
  headers?: null;
};

export const ok = (data: unknown, code: string | null = null): Envelope => ({
  data,
  code,
  message: null,
  success: true,
});

/** Session/login failures: no query id, `data` carries only what real Snowflake puts there. */
export const failure = (code: string, message: string, data: unknown = null): Envelope => ({
  data,
  code,
  message,
  success: false,
  headers: null,
});

/** A statement failure: the SDK reads errorCode, sqlState and queryId from `data` (PROTOCOL.md "Error"). */
export const statementFailure = (code: string, sqlState: string, message: string, queryId: string): Envelope =>
  failure(code, message, { errorCode: code, sqlState, queryId, age: 0, internalError: false });

/** Codes the SDK's session state machine reacts to (constants/gs_errors.js) — keep them exact. */
export const AuthErrors = {
  badPassword: ["390100", "Incorrect username or password was specified."],
  tokenInvalid: ["390104", "Invalid session token. Please login again."],
  sessionGone: ["390111", "Session no longer exists.  New login required to access the service."],
  tokenExpired: ["390112", "Session token has expired."],
  masterExpired: ["390114", "Authentication token has expired.  The user must authenticate again."],
  jwtInvalid: ["390144", "JWT token is invalid."],
  roleNotAllowed: ["390189", "Role specified in the connect string does not exist or not authorized."],
} as const satisfies Record<string, readonly [string, string]>;

export const SqlErrors = {
  empty: ["000900", "42000", "SQL compilation error:\nEmpty SQL statement."],
  notFound: ["000709", "02000"],
} as const;

export const statementCountMismatch = (actual: number, desired: number) =>
  ({
    code: "000008",
    sqlState: "0A000",
    message: `Actual statement count ${actual} did not match the desired statement count ${desired}.`,
  }) as const;

/** Every answer is JSON; the SDK only parses bodies whose content type says application/json. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Parameters sent with every login and query answer: the session's values (ALTER SESSION, login
 * SESSION_PARAMETERS) over Snowflake's defaults. The SDK formats dates/times/binary with the *_OUTPUT_FORMAT
 * values it finds here (binary columns crash it without BINARY_OUTPUT_FORMAT), renders TIMESTAMP_LTZ in
 * TIMEZONE and reads JS_TREAT_INTEGER_AS_BIGINT per result. `timezone` is the account's (UTC unless configured).
 */
export function answerParameters(
  session: Record<string, string> | undefined,
  timezone: string,
): { name: string; value: unknown }[] {
  return answerParameterList(session, timezone);
}
