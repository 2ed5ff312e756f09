// Maps whatever snowflake-sdk throws to one typed error with a retry classification, so the provisioning
// worker can decide "retry with backoff" vs "fail the step and show the account manager" without parsing
// messages. No SDK import: the SDK's errors are plain objects with code / sqlState / data.queryId.

export class SnowflakeQueryError extends Error {
  constructor(
    readonly code: string,
    readonly sqlState: string | null,
    message: string,
    readonly queryId: string | null,
    /** True when the same statement may succeed if retried (network, 5xx, expired session). */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = "SnowflakeQueryError";
  }
}

// SDK-side codes (snowflake-sdk lib/error_code): 401xxx network/response failures (401004: Snowflake answered
// HTTP 401 with 390104, a session token it does not know — the SDK keeps the dead session, so the pool must
// drop it), 402xxx large result download failures, 405503 / 406502 / 407002 a connection that died underneath
// us (407002 is what a statement gets when the server answered 390111 in a 200 body: the SDK drops the
// session and fails the request).
const transientSdkCodes = new Set([
  "401001",
  "401002",
  "401003",
  "401004",
  "402001",
  "402002",
  "405503",
  "406502",
  "407002",
]);
// Server codes 390xxx are session/login state (token expired, session gone): a new session fixes them,
// except 390100 (wrong password) and 390144 (JWT invalid), which retrying only repeats.
const permanentSessionCodes = new Set(["390100", "390144", "390422"]);
const transientNodeCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "UND_ERR_SOCKET",
]);

function normaliseCode(code: unknown): string {
  if (typeof code === "number") return String(code).padStart(6, "0");
  if (typeof code === "string" && code !== "") return /^\d+$/.test(code) ? code.padStart(6, "0") : code;
  return "UNKNOWN";
}

export function isTransientCode(code: string, httpStatus?: number): boolean {
  if (httpStatus !== undefined && (httpStatus >= 500 || httpStatus === 429 || httpStatus === 408)) return true;
  if (transientSdkCodes.has(code) || transientNodeCodes.has(code)) return true;
  if (code.startsWith("390") && !permanentSessionCodes.has(code)) return true;
  return false;
}

export function toSnowflakeQueryError(error: unknown): SnowflakeQueryError {
  if (error instanceof SnowflakeQueryError) return error;
  const e = (error ?? {}) as {
    code?: unknown;
    sqlState?: unknown;
    message?: unknown;
    data?: { queryId?: unknown };
    response?: { statusCode?: unknown; status?: unknown };
    cause?: { code?: unknown };
  };
  const code = normaliseCode(e.code ?? e.cause?.code);
  const httpStatus = Number(e.response?.statusCode ?? e.response?.status) || undefined;
  const causeCode = typeof e.cause?.code === "string" ? e.cause.code : undefined;
  const transient = isTransientCode(code, httpStatus) || (causeCode !== undefined && transientNodeCodes.has(causeCode));
  return new SnowflakeQueryError(
    code,
    typeof e.sqlState === "string" && e.sqlState !== "" ? e.sqlState : null,
    typeof e.message === "string" && e.message !== "" ? e.message : "Snowflake request failed",
    typeof e.data?.queryId === "string" ? e.data.queryId : null,
    transient,
  );
}

/** The one record of a failed Snowflake call, wherever it is kept (a provisioning step, a preview refresh). */
export type SnowflakeFailure = {
  code: string | null;
  sqlState: string | null;
  message: string;
  queryId: string | null;
  /** True when the same call may succeed if retried (toSnowflakeQueryError's classification). */
  transient: boolean;
};

/**
 * What to record about a failed call, through the one classifier above. An error that carries no code (Floe's
 * own: a missing key file, a bad provider account row) has code null, not a made-up one, and keeps its class
 * name beside its text when that says more than "Error" (a TypeError), so staff still see what went wrong.
 */
export function describeFailure(error: unknown): SnowflakeFailure {
  const mapped = toSnowflakeQueryError(error);
  const coded = mapped.code !== "UNKNOWN";
  const named = !coded && error instanceof Error && !(error instanceof SnowflakeQueryError) && error.name !== "Error";
  return {
    code: coded ? mapped.code : null,
    sqlState: mapped.sqlState,
    message: named
      ? `${(error as Error).name}: ${mapped.message}`
      : typeof error === "string" && error !== ""
        ? error
        : mapped.message,
    queryId: mapped.queryId,
    transient: mapped.transient,
  };
}
