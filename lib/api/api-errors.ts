import type { AppError } from "@/lib/errors";

// The API's error codes: stable strings clients may switch on (docs/api.md lists them). Most are the
// domain's AppError codes; a duplicate request gets its own.

export const apiErrorCodes = [
  "INVALID_TOKEN",
  "INSUFFICIENT_SCOPE",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_INPUT",
  "INVALID_STATE",
  "CONFLICT",
  "DUPLICATE_REQUEST",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "UNAVAILABLE",
  "UNAUTHENTICATED",
  "INTERNAL",
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];

export function apiErrorCode(error: AppError): ApiErrorCode {
  if (error.code === "CONFLICT" && error.reason === "duplicate") return "DUPLICATE_REQUEST";
  return error.code;
}
