// Domain errors: the one kind of error whose message may reach a user. Anything else thrown inside an
// action or route is treated as a bug: logged with a request id and replaced by a generic message, so a
// raw Prisma or Snowflake message never reaches a customer.

export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "INVALID_STATE"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

const httpStatusByCode: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  INVALID_STATE: 409,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export type AppErrorOptions = {
  fieldErrors?: Record<string, string[]>;
  cause?: unknown;
  reason?: string;
  details?: Record<string, unknown>;
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Per-field messages for forms (same shape as a zod flattening). */
  readonly fieldErrors?: Record<string, string[]>;
  /** Finer machine-readable cause within the code, e.g. "duplicate" or "self_approval" (lib/requests). */
  readonly reason?: string;
  /** Facts for the UI, e.g. `{ existingRequestId }` so a duplicate can link to the original. Never secrets. */
  readonly details?: Readonly<Record<string, unknown>>;

  /** `message` is shown to the user as is: write it for them. */
  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.reason = options.reason;
    this.details = options.details;
  }

  get httpStatus(): number {
    return httpStatusByCode[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * Not found, and also "not yours": a tenant naming another tenant's record gets exactly this, so ids
 * cannot be probed across organisations.
 */
export function notFoundError(what = "request"): AppError {
  return new AppError("NOT_FOUND", `This ${what} does not exist or you do not have access to it.`);
}

/** Someone else acted first, or the thing already exists (e.g. a duplicate request). */
export function conflictError(message: string, options: Omit<AppErrorOptions, "cause"> = {}): AppError {
  return new AppError("CONFLICT", message, options);
}

/** The record's current state does not allow the operation. */
export function invalidStateError(message: string, options: Omit<AppErrorOptions, "cause"> = {}): AppError {
  return new AppError("INVALID_STATE", message, options);
}

export function invalidInputError(message: string, options: Omit<AppErrorOptions, "cause"> = {}): AppError {
  return new AppError("INVALID_INPUT", message, options);
}

export function forbiddenError(message: string, options: Omit<AppErrorOptions, "cause"> = {}): AppError {
  return new AppError("FORBIDDEN", message, options);
}

/** The sentence users see for anything that is not an AppError; the request id lets support find the log. */
export function genericErrorMessage(requestId: string): string {
  return `Something went wrong on our side. Please try again; if it keeps happening, contact support with reference ${requestId}.`;
}

/** Short, log-greppable id for one request or action call. */
export function newRequestId(): string {
  return crypto.randomUUID().slice(0, 8);
}
